import { WorkCalendar } from "./calendar.js";
import { SHIPPED_NOTICES, SHIPPED_YEARS } from "./holidays-cn.js";

/** The calendar of the State Council notices shipped with the server (2024–2026), built once. */
let shipped: WorkCalendar | undefined;
export function shippedCalendar(): WorkCalendar {
  shipped ??= WorkCalendar.build(
    SHIPPED_NOTICES.flatMap((n) => n.days),
    SHIPPED_YEARS,
  );
  return shipped;
}

/** The time zone of the shipped calendar's centers. */
export const CHINA_TZ = "Asia/Shanghai";
