/**
 * Calendar (工作日历与期限): working days per center, the State Council notices
 * as data, the time-limit policy (时限策略) and deadlines counted on them.
 * Emits "calendar.yearLoaded" (see calendar.events.ts).
 */

export { withInputErrors } from "./calendar.errors.js";
export type { YearLoaded } from "./calendar.events.js";
export { calendarRoutes } from "./calendar.routes.js";
export { computeDeadlineForCenter, importCalendarYear, presentDeadline } from "./calendar.service.js";
export { seedShippedCalendar } from "./calendar-year.service.js";
export { CenterRulesCache, loadCenterRules } from "./center-rules.js";
export { subscribeCalendar } from "./subscriptions.js";
export { ensureDefaultPolicy, getTimeLimitPolicy } from "./time-limit-policy.service.js";
