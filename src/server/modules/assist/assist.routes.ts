import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { retrainResultSchema, suggestBodySchema, suggestResultSchema } from "../../../contracts/assist.js";
import type { App } from "../../app.js";
import { allow, requireUser } from "../../http/actor.js";
import { appendAudit } from "../audit/index.js";
import { suggest } from "./assist.service.js";
import { retrainCenter } from "./assist.training.js";

const frontDesk = allow(["window", "dispatcher"]);
const admin = allow(["admin"]);

export async function assistRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;

  app.post(
    "/api/v1/assist/suggest",
    {
      preValidation: frontDesk,
      schema: {
        tags: ["appeals"],
        summary:
          "分办建议：按本中心分办记录建议牵头部门、类型和分类（附置信度），不予受理提示，近 30 天相似的在办诉求",
        body: suggestBodySchema,
        response: { 200: suggestResultSchema },
      },
    },
    async (req) => suggest(db, requireUser(req), req.body, clock.now()),
  );

  app.post(
    "/api/v1/assist/retrain",
    {
      preValidation: admin,
      schema: {
        tags: ["appeals"],
        summary: "按本中心分办记录立即重新训练分办建议模型",
        response: { 200: retrainResultSchema },
      },
    },
    async (req) => {
      const actor = requireUser(req);
      const now = clock.now();
      const result = await retrainCenter(db, actor.centerId, now);
      await appendAudit(db, {
        centerId: actor.centerId,
        actorId: actor.userId,
        actorName: actor.username,
        action: "assist.retrain",
        entity: "assist_model",
        entityId: actor.centerId,
        details: { examples: result.examples },
        ip: req.ip,
        at: now,
      });
      return result;
    },
  );
}
