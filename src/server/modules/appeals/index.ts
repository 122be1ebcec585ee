/**
 * The appeal lifecycle (受理 → 审核 → 分办转办 → 办理 → 销号): intake on every
 * channel, refusals, first responses, dispatch of 工作单 to departments, their
 * handling, extensions and plans, transfers, close-out — each state change a
 * command run by commands/runner.ts. Announces every limit it sets and meets
 * ("tracking.started" / "tracking.ended", tracking.events.ts).
 */
export { recordAppeal } from "./commands/intake.js";
export {
  findExcerpts,
  findTrackingNumbers,
  insertAppealEvents as recordAppealEvents,
} from "./data/appeal.repository.js";
export { type CohortAppeal, countCohort, listOpenOfCohort } from "./data/clearance.repository.js";
export {
  type DispatchExample,
  dispatchHistory,
  lastDispatchAt,
} from "./data/dispatch-history.repository.js";
export { findRepeatCandidates, type SimilarCandidate } from "./data/merge.repository.js";
export { countOpenAppeals } from "./data/open-counts.repository.js";
export {
  findProgressById,
  findProgressByTrackingNo,
  listPublicEvents,
  type ProgressRow,
} from "./data/public-progress.repository.js";
export { type RecentAppeal, recentAppealsByPhone } from "./data/repeat-candidates.repository.js";
export {
  type NewAppeal,
  openAppeal as openRequesterFields,
  sealAppeal as sealRequesterFields,
} from "./data/requester-crypto.js";
export { rekeyAppealBatch } from "./data/requester-rekey.repository.js";
export { nextStepText, refusalText } from "./messages/appeal.messages.js";
export { presentAppealsByIds } from "./queries/appeal.query.js";
export {
  listExtensions as listExtensionsFor,
  listPlans as listPlansFor,
} from "./queries/extension-plan.query.js";
export { notifyRequesters } from "./requesters.js";
export { anonymiseExpired } from "./retention.js";
export { appealRoutes } from "./routes/appeal.routes.js";
export { extensionRoutes } from "./routes/extension.routes.js";
export { appealHandlingRoutes } from "./routes/handling.routes.js";
export { planRoutes } from "./routes/plan.routes.js";
export { requesterRoutes } from "./routes/requester.routes.js";
export { workOrderRoutes } from "./routes/work-order.routes.js";
export { subscribeLifecycle } from "./subscriptions.js";
export type {
  AppealEvent,
  ReceivedAppeal,
  TrackedItem,
  TrackedKind,
  TrackingEnded,
  TrackingStarted,
} from "./tracking.events.js";
