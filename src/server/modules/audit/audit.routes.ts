import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idCursorSchema, idSchema } from "../../../contracts/common.js";
import type { App } from "../../app.js";
import { allow, requireUser } from "../../http/actor.js";
import * as service from "./audit.service.js";

/** 等保 2.0: the audit trail is read by the auditor only, never by the administrator. */
const auditorOnly = allow(["auditor"]);

const itemSchema = z.object({
  id: z.string(),
  at: z.string(),
  centerId: z.string().nullable(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  details: z.unknown(),
  ip: z.string().nullable(),
});

export async function auditRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;
  const tags = ["audit"];

  app.get(
    "/api/v1/audit",
    {
      preValidation: auditorOnly,
      schema: {
        tags,
        summary: "审计日志（新的在前）",
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: idCursorSchema.optional(),
          action: z.string().trim().max(100).optional(),
          actorId: idSchema.optional(),
        }),
        response: { 200: z.object({ items: z.array(itemSchema), nextCursor: z.string().nullable() }) },
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
        response: {
          200: z.object({ ok: z.boolean(), checked: z.number().int(), firstBrokenId: z.string().optional() }),
        },
      },
    },
    async () => service.verifyChain(db),
  );
}
