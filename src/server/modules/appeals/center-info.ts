import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { findCenter } from "../centers/index.js";

/** The center as the lifecycle needs it: SMS signature, time zone, 工作单 contact phone, receipts. */
export interface CenterInfo {
  id: string;
  code: string;
  name: string;
  timezone: string;
  phone: string | null;
  address: string | null;
  /** Service hours (服务时间) as published. */
  hours: string | null;
}

export async function centerInfo(db: Db, centerId: string): Promise<CenterInfo> {
  const c = await findCenter(db, centerId);
  if (!c) throw new AppError("NOT_FOUND", "服务中心不存在");
  return c;
}
