import { buildNotice, type PublicNotice } from "../../../core/notice.js";
import type { Db } from "../../db/database.js";
import { getTimeLimitPolicy } from "../calendar/index.js";
import { listDepartments } from "../departments/index.js";
import { resolvePublicCenter } from "./public-center.js";

/** Where the web app serves the public portal. */
export const PORTAL_PATH = "/portal";

/** 公示受理方式 — the notice of the center, from its configuration. */
export async function getPublicNotice(db: Db, centerCode: string | undefined): Promise<PublicNotice> {
  const center = await resolvePublicCenter(db, centerCode);
  const [policy, departments] = await Promise.all([
    getTimeLimitPolicy(db, center.id),
    listDepartments(db, center.id, {}),
  ]);
  return buildNotice({
    center: {
      code: center.code,
      name: center.name,
      address: center.address,
      phone: center.phone,
      hours: center.hours,
    },
    policy,
    departments: departments.map((d) => ({
      name: d.name,
      location: d.location,
      phone: d.phone,
      hours: d.hours,
      services: d.services,
    })),
    portalUrl: centerCode ? `${PORTAL_PATH}?center=${encodeURIComponent(center.code)}` : PORTAL_PATH,
  });
}
