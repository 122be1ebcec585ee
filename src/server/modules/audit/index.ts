export { appendAudit, insertAuditArchive, lockSealer, sealAudit } from "./audit.repository.js";
export { auditRoutes } from "./audit.routes.js";
export { planAuditArchive, verifyChain } from "./audit.service.js";
