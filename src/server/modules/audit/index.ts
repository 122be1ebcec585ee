export { appendAudit, sealAudit } from "./audit.repository.js";
export { auditRoutes } from "./audit.routes.js";
export { verifyChain } from "./audit.service.js";
