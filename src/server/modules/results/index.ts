/**
 * 处置结果应用 (issue 11): ratings (好差评), follow-up calls (回访), rectification of bad
 * ratings (整改, tracked on the supervision register), and the figures of docs/metrics.md
 * kept in a daily rollup fed by the lifecycle's `appeal.event`.
 */
export { assessmentRoutes } from "./assessment.routes.js";
export { openFollowUpDuties } from "./follow-up-duties.service.js";
export { insightRoutes } from "./insight.routes.js";
export { resultsRoutes } from "./results.routes.js";
export { foldRollups } from "./stats.fold.js";
export { statsRoutes } from "./stats.routes.js";
export { subscribeResults } from "./subscriptions.js";
