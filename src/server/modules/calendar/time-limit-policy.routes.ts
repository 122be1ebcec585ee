import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { timeLimitPolicyRecordSchema, timeLimitPolicyUpdateSchema } from "../../../contracts/calendar.js";
import type { App } from "../../app.js";
import { allow, requireUser, staffOnly } from "../../http/actor.js";
import { getTimeLimitPolicyRecord, updateTimeLimitPolicy } from "./time-limit-policy.service.js";

export async function timeLimitPolicyRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ["calendar"];

  app.get(
    "/api/v1/time-limit-policy",
    {
      preValidation: staffOnly,
      schema: { tags, summary: "本中心时限策略", response: { 200: timeLimitPolicyRecordSchema } },
    },
    async (req) => getTimeLimitPolicyRecord(db, requireUser(req).centerId),
  );

  app.put(
    "/api/v1/time-limit-policy",
    {
      preValidation: allow(["admin"]),
      schema: {
        tags,
        summary: "修改时限策略（expectedVersion 过期返回 409）",
        body: timeLimitPolicyUpdateSchema,
        response: { 200: timeLimitPolicyRecordSchema },
      },
    },
    async (req) => updateTimeLimitPolicy(db, requireUser(req), req.body, { now: clock.now(), ip: req.ip }),
  );
}
