export { formatDateTimeZh, formatDueDayZh, nextStepText, refusalText } from "./appeal.messages.js";
export { type CenterInfo, findCenterInfo } from "./appeal.repository.js";
export { appealRoutes } from "./appeal.routes.js";
export { recordAppeal } from "./appeal-intake.service.js";
export { extensionRoutes } from "./extensions/extension.routes.js";
export { planRoutes } from "./plans/plan.routes.js";
export { escapeHtml } from "./receipt.html.js";
export { appealHandlingRoutes } from "./work-orders/appeal-handling.routes.js";
export { workOrderRoutes } from "./work-orders/work-order.routes.js";
