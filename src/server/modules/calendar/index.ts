export { withInputErrors } from "./calendar.errors.js";
export { calendarRoutes } from "./calendar.routes.js";
export {
  computeDeadlineForCenter,
  ensureDefaultPolicy,
  getCalendarEntry,
  getTimeLimitPolicy,
  importCalendarYear,
  onYearLoaded,
  seedShippedCalendar,
  type YearLoadedEvent,
} from "./calendar.service.js";
