import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { findCenter, findCenterByCode, findFirstCenter } from "../centers/index.js";

/**
 * The center a public request is about: `?center=code`, or the deployment's
 * default center (the first one created) when no code is given.
 */
export async function resolvePublicCenter(db: Db, code: string | undefined, id?: string) {
  const center = id
    ? await findCenter(db, id)
    : code
      ? await findCenterByCode(db, code)
      : await findFirstCenter(db);
  if (!center) throw new AppError("NOT_FOUND", "未找到该政务服务中心");
  return center;
}
