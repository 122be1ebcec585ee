export { supervisionRoutes } from "./supervision.routes.js";
export { resolveOrdersFor, runSweep } from "./supervision.sweep.js";
export { armDeadline } from "./supervision.timers.js";
