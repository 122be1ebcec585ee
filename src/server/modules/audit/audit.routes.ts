import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { auditPageSchema, auditQuerySchema, auditVerifySchema } from "../../../contracts/audit.js";
import type { App } from "../../app.js";
import { allow, requireUser } from "../../http/actor.js";
import { sealAudit } from "./audit.repository.js";
import * as service from "./audit.service.js";

/** 等保 2.0: the audit trail is read by the auditor only, never by the administrator. */
const auditorOnly = allow(["auditor"]);

export async function auditRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ["audit"];

  app.get(
    "/api/v1/audit",
    {
      preValidation: auditorOnly,
      schema: {
        tags,
        summary: "审计日志（新的在前）",
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (req) => service.listEntries(db, requireUser(req), req.query),
  );

  app.get(
    "/api/v1/audit/verify",
    {
      preValidation: auditorOnly,
      schema: {
        tags,
        summary: "校验审计日志哈希链",
        response: { 200: auditVerifySchema },
      },
    },
    // Seals what is pending first, so the answer covers every committed row.
    async () => {
      await sealAudit(db, clock.now());
      return service.verifyChain(db);
    },
  );
}
