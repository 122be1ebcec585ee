/**
 * Assist (分办建议 · 重复诉求提示): the per-center suggestion models (core/assist-model.ts), trained
 * from the center's own dispatches by the scheduler and on demand, and the suggest endpoint used by
 * the intake and review pages. The merge itself (并单) is a lifecycle command of the appeals module.
 */
export { assistRoutes } from "./assist.routes.js";
export { retrainCenter, retrainStaleCenters } from "./assist.training.js";
