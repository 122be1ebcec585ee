/**
 * Supervision (督办): the register of tracked limits kept from the lifecycle's
 * tracking events, 催办 → 督办单 → 通报 by the sweep and by hand, the board,
 * prints and exports.
 */
export { clearanceRoutes } from "./clearance.routes.js";
export type { SupervisionRecorded } from "./supervision.events.js";
export { openItemSummary, openItems } from "./supervision.query.js";
export { supervisionRoutes } from "./supervision.routes.js";
export { runSweep } from "./supervision.sweep.js";
export { subscribeSupervision } from "./supervision.tracking.js";
export { countOpenItems } from "./supervision-items.repository.js";
