import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParamsSchema } from "../../../contracts/common.js";
import { callOutcomeSchema, callTaskListSchema, callTaskSchema } from "../../../contracts/notifications.js";
import type { App } from "../../app.js";
import { allow, requireUser } from "../../http/actor.js";
import { dueCalls, presentCall, recordCallOutcome } from "./call-task.service.js";

/** Window and review staff make the calls (电话告知) to requesters whose number takes no SMS. */
const callers = allow(["window", "dispatcher", "admin"]);

export async function callTaskRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { deps } = app;
  const tags = ["notifications"];

  app.get(
    "/api/v1/calls",
    {
      preValidation: callers,
      schema: {
        tags,
        summary: "待电话告知（诉求人号码无法接收短信：到期的在前）",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: callTaskListSchema },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const tz = (await deps.rules.get(user.centerId)).timeZone;
      const rows = await dueCalls(deps.db, user.centerId, deps.clock.now(), req.query.limit);
      return { items: rows.map((r) => presentCall(r, tz)) };
    },
  );

  app.post(
    "/api/v1/calls/:id/outcome",
    {
      preValidation: callers,
      schema: {
        tags,
        summary: "记录电话告知结果（已接通即完成；未接通 2 小时后再拨，共 3 次）",
        params: idParamsSchema,
        body: callOutcomeSchema,
        response: { 200: callTaskSchema },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const tz = (await deps.rules.get(user.centerId)).timeZone;
      const row = await recordCallOutcome(deps, user, req.params.id, req.body, {
        now: deps.clock.now(),
        ip: req.ip,
      });
      return presentCall(row, tz);
    },
  );
}
