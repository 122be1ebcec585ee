import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requesterExportQuerySchema, requesterExportSchema } from "../../../../contracts/security.js";
import type { App } from "../../../app.js";
import { allow, requireUser } from "../../../http/actor.js";
import { exportRequester } from "../retention.js";

/** PIPL art. 45: a requester's own data, exported on request by the auditor or the administrator. */
export async function requesterRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;

  app.get(
    "/api/v1/requesters/export",
    {
      preValidation: allow(["auditor", "admin"]),
      schema: {
        tags: ["security"],
        summary: "导出某诉求人的全部个人信息（个人信息查阅复制权，须填写原因，审计留痕）",
        querystring: requesterExportQuerySchema,
        response: { 200: requesterExportSchema },
      },
    },
    async (req) => exportRequester(db, requireUser(req), req.query, { now: clock.now(), ip: req.ip }),
  );
}
