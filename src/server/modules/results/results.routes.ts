import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParamsSchema } from "../../../contracts/accounts.js";
import { trackingParamsSchema, trackingQuerySchema } from "../../../contracts/public.js";
import {
  followUpDutyListQuerySchema,
  followUpDutySchema,
  followUpResultSchema,
  followUpSchema,
  publicRatingSchema,
  publicRatingStateSchema,
  ratingDisputeSchema,
  ratingSchema,
  rectificationCompleteSchema,
  rectificationListQuerySchema,
  rectificationSchema,
} from "../../../contracts/results.js";
import type { App } from "../../app.js";
import { AppError } from "../../errors.js";
import { allow, requireUser } from "../../http/actor.js";
import { lookupThrottleOf } from "../public/index.js";
import { listDuties } from "./follow-up-duties.service.js";
import {
  disputeRating,
  publicRatingState,
  ratePublic,
  recordFollowUp,
  resultsOfAppeal,
} from "./ratings.service.js";
import { completeRectification, listRectifications } from "./rectification.service.js";

const limit = (max: number, message: string) => ({
  rateLimit: {
    max,
    timeWindow: "1 minute",
    errorResponseBuilder: () => new AppError("RATE_LIMITED", message),
  },
});

/** 好差评 on the portal, 回访 and 申诉复核 by staff, 整改 by the responsible department. */
export async function resultsRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const { clock } = deps;
  const throttle = lookupThrottleOf(app.deps);
  const meta = (ip: string) => ({ now: clock.now(), ip });

  app.get(
    "/api/v1/public/appeals/:trackingNo/rating",
    {
      config: limit(60, "查询过于频繁，请稍后再试"),
      schema: {
        tags: ["public"],
        summary: "评价状态：能否评价、已作评价、整改进展（受理编号 + 查询码或电话号码）",
        security: [],
        params: trackingParamsSchema,
        querystring: trackingQuerySchema,
        response: { 200: publicRatingStateSchema },
      },
    },
    async (req) =>
      publicRatingState(deps, throttle, req.params.trackingNo, req.query, {
        now: clock.now(),
        source: req.ip,
      }),
  );

  app.post(
    "/api/v1/public/appeals/:trackingNo/rating",
    {
      config: limit(20, "提交过于频繁，请稍后再试"),
      schema: {
        tags: ["public"],
        summary: "评价（好差评）：已办结的诉求评价一次，整改完成后可再评价一次",
        description: "level 5 = 非常满意 … 1 = 非常不满意；未办结或已评价 → 409；编号与查询码不符 → 404。",
        security: [],
        params: trackingParamsSchema,
        body: publicRatingSchema,
        response: { 201: ratingSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await ratePublic(deps, throttle, req.params.trackingNo, req.body, meta(req.ip))),
  );

  app.post(
    "/api/v1/appeals/:id/follow-ups",
    {
      preValidation: allow(["window", "dispatcher", "supervisor"]),
      schema: {
        tags: ["results"],
        summary: "回访：记录方式、是否联系上、服务对象的评价和问题是否解决",
        params: idParamsSchema,
        body: followUpSchema,
        response: { 201: followUpResultSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await recordFollowUp(deps, requireUser(req), req.params.id, req.body, meta(req.ip))),
  );

  app.get(
    "/api/v1/appeals/:id/ratings",
    {
      preValidation: allow(["window", "dispatcher", "supervisor", "leader"]),
      schema: {
        tags: ["results"],
        summary: "诉求的评价（含回访评价、申诉复核）",
        params: idParamsSchema,
        response: { 200: z.object({ ratings: z.array(ratingSchema) }) },
      },
    },
    async (req) => resultsOfAppeal(deps, requireUser(req), req.params.id),
  );

  app.post(
    "/api/v1/ratings/:id/dispute",
    {
      preValidation: allow(["dispatcher", "supervisor", "leader"]),
      schema: {
        tags: ["results"],
        summary: "申诉复核：标记有争议的评价（仍可见，单独统计）",
        params: idParamsSchema,
        body: ratingDisputeSchema,
        response: { 200: ratingSchema },
      },
    },
    async (req) => disputeRating(deps, requireUser(req), req.params.id, req.body.reason, meta(req.ip)),
  );

  app.get(
    "/api/v1/rectifications",
    {
      preValidation: allow(["dispatcher", "supervisor", "leader", "department"]),
      schema: {
        tags: ["results"],
        summary: "差评整改列表（部门只看本部门）",
        querystring: rectificationListQuerySchema,
        response: {
          200: z.object({ items: z.array(rectificationSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (req) => listRectifications(deps, requireUser(req), req.query),
  );

  app.post(
    "/api/v1/rectifications/:id/complete",
    {
      preValidation: allow(["department", "dispatcher"]),
      schema: {
        tags: ["results"],
        summary: "填报整改情况（责任部门），服务对象可再次评价",
        params: idParamsSchema,
        body: rectificationCompleteSchema,
        response: { 200: rectificationSchema },
      },
    },
    async (req) =>
      completeRectification(deps, requireUser(req), req.params.id, req.body.result, meta(req.ip)),
  );

  app.get(
    "/api/v1/follow-up-duties",
    {
      preValidation: allow(["window", "dispatcher", "supervisor"]),
      schema: {
        tags: ["results"],
        summary: "回访任务：办结未评价、网上差评的待回访诉求（最早到期在前，附红黄绿灯）",
        description:
          "记录回访（POST /appeals/{id}/follow-ups）即完成该诉求的回访任务；口径见 docs/metrics.md。",
        querystring: followUpDutyListQuerySchema,
        response: {
          200: z.object({ items: z.array(followUpDutySchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (req) => listDuties(deps, requireUser(req), req.query, clock.now()),
  );
}
