import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  centerQuerySchema,
  publicNoticeSchema,
  publicProgressWithFollowingSchema,
  publicSubmitResultSchema,
  publicSubmitSchema,
  trackingParamsSchema,
  trackingQuerySchema,
} from "../../../contracts/public.js";
import type { App } from "../../app.js";
import { AppError } from "../../errors.js";
import { IDEMPOTENCY_HEADER, parseIdempotencyKey } from "../../lib/idempotency.js";
import { lookupThrottleOf } from "./lookup-throttle.js";
import { submitPublicAppeal, trackPublicAppeal } from "./public-appeal.service.js";
import { getPublicNotice } from "./public-notice.service.js";

/**
 * Per-IP limits. No CAPTCHA (UX.md: no puzzles that exclude older people):
 * floods are throttled instead, with a plain Chinese message.
 */
const limit = (max: number, timeWindow: string, message: string) => ({
  rateLimit: { max, timeWindow, errorResponseBuilder: () => new AppError("RATE_LIMITED", message) },
});

/** The public portal API: no account; never returns another person's data. */
export async function publicRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const { db, clock } = deps;
  const tags = ["public"];
  const throttle = lookupThrottleOf(app.deps);

  app.post(
    "/api/v1/public/appeals",
    {
      config: limit(10, "10 minutes", "提交过于频繁，请 10 分钟后再试"),
      schema: {
        tags,
        summary: "我要反映：提交诉求（无需登录）",
        description: "返回受理编号和查询码；支持 Idempotency-Key 请求头。每个 IP 每 10 分钟最多 10 次。",
        security: [],
        querystring: centerQuerySchema,
        body: publicSubmitSchema,
        response: { 201: publicSubmitResultSchema },
      },
    },
    async (req, reply) => {
      const result = await submitPublicAppeal(deps, req.query.center, req.body, {
        now: clock.now(),
        ip: req.ip,
        idempotencyKey: parseIdempotencyKey(req.headers[IDEMPOTENCY_HEADER]),
      });
      return reply.status(201).send(result.body);
    },
  );

  app.get(
    "/api/v1/public/appeals/:trackingNo",
    {
      config: limit(60, "1 minute", "查询过于频繁，请稍后再试"),
      schema: {
        tags,
        summary: "进度查询（受理编号 + 查询码或电话号码）",
        description: "不返回任何个人信息；编号、查询码或电话不符时一律返回 404。",
        security: [],
        params: trackingParamsSchema,
        querystring: trackingQuerySchema,
        response: { 200: publicProgressWithFollowingSchema },
      },
    },
    async (req) =>
      trackPublicAppeal(db, throttle, req.params.trackingNo, req.query, { now: clock.now(), source: req.ip }),
  );

  app.get(
    "/api/v1/public/notice",
    {
      config: limit(120, "1 minute", "访问过于频繁，请稍后再试"),
      schema: {
        tags,
        summary: "公示受理方式：受理渠道、受理内容、不予受理事项、办理时限、部门目录",
        security: [],
        querystring: centerQuerySchema,
        response: { 200: publicNoticeSchema },
      },
    },
    async (req) => getPublicNotice(db, req.query.center),
  );
}
