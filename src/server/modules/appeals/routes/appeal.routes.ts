import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParamsSchema } from "../../../../contracts/accounts.js";
import {
  acknowledgeAppealSchema,
  appealEventSchema,
  appealListQuerySchema,
  appealPageSchema,
  appealSchema,
  createAppealSchema,
  createdAppealSchema,
  inboxPageSchema,
  inboxQuerySchema,
  rejectAppealSchema,
  resolveAppealSchema,
  revealPhoneResultSchema,
  revealPhoneSchema,
} from "../../../../contracts/appeals.js";
import type { App } from "../../../app.js";
import { allow, requireActor, requireUser } from "../../../http/actor.js";
import { IDEMPOTENCY_HEADER, parseIdempotencyKey } from "../../../lib/idempotency.js";
import { PHONE_REVEALERS } from "../actors.js";
import * as actions from "../commands/front-desk.js";
import { recordAppeal } from "../commands/intake.js";
import * as query from "../queries/appeal.query.js";

const intake = allow(["window", "dispatcher"], { integration: true });
const frontDesk = allow(["window", "dispatcher"]);
const readers = allow(["window", "dispatcher", "supervisor", "leader", "admin", "department"]);
const revealers = allow(PHONE_REVEALERS);

export async function appealRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const { db, clock } = deps;
  const tags = ["appeals"];
  const params = idParamsSchema;

  app.post(
    "/api/v1/appeals",
    {
      preValidation: intake,
      schema: {
        tags,
        summary: "登记诉求（窗口、电话、信函；系统对接推送）",
        description:
          "支持 Idempotency-Key 请求头；对接推送按 (来源, externalId) 去重，重复推送返回原诉求（200）。",
        body: createAppealSchema,
        response: { 200: createdAppealSchema, 201: createdAppealSchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const result = await recordAppeal(deps, actor, req.body, {
        now: clock.now(),
        ip: req.ip,
        idempotencyKey: parseIdempotencyKey(req.headers[IDEMPOTENCY_HEADER]),
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.get(
    "/api/v1/appeals",
    {
      preValidation: readers,
      schema: {
        tags,
        summary: "诉求列表（筛选、全文检索、游标分页）",
        querystring: appealListQuerySchema,
        response: { 200: appealPageSchema },
      },
    },
    // Staff list and search: the read replica (docs/operations.md); the detail stays on the primary.
    async (req) => query.listAppeals(deps.readDb, requireUser(req), req.query, clock.now()),
  );

  app.get(
    "/api/v1/appeals/inbox",
    {
      preValidation: frontDesk,
      schema: {
        tags,
        summary: "网上诉求待首次回应（按时限排序，红黄绿灯）",
        querystring: inboxQuerySchema,
        response: { 200: inboxPageSchema },
      },
    },
    async (req) => query.inbox(deps, requireUser(req), req.query, clock.now()),
  );

  app.get(
    "/api/v1/appeals/:id",
    {
      preValidation: readers,
      schema: { tags, summary: "诉求详情", params, response: { 200: appealSchema } },
    },
    async (req) => query.getAppeal(db, requireUser(req), req.params.id, clock.now()),
  );

  app.get(
    "/api/v1/appeals/:id/events",
    {
      preValidation: readers,
      schema: {
        tags,
        summary: "诉求时间线（最早在前）",
        params,
        response: { 200: z.array(appealEventSchema) },
      },
    },
    async (req) => query.getAppealEvents(db, requireUser(req), req.params.id),
  );

  app.get(
    "/api/v1/appeals/:id/receipt",
    {
      preValidation: readers,
      schema: { tags, summary: "打印受理回执（text/html）", params, response: { 200: z.string() } },
    },
    async (req, reply) => {
      const html = await query.getReceiptHtml(db, requireUser(req), req.params.id, clock.now());
      return reply.type("text/html; charset=utf-8").send(html);
    },
  );

  const opts = (ip: string) => ({ now: clock.now(), ip });

  app.post(
    "/api/v1/appeals/:id/acknowledge",
    {
      preValidation: frontDesk,
      schema: {
        tags,
        summary: "首次回应（网上诉求）",
        params,
        body: acknowledgeAppealSchema,
        response: { 200: appealSchema },
      },
    },
    async (req) => actions.acknowledgeAppeal(deps, requireUser(req), req.params.id, req.body, opts(req.ip)),
  );

  app.post(
    "/api/v1/appeals/:id/reject",
    {
      preValidation: frontDesk,
      schema: {
        tags,
        summary: "不予受理",
        params,
        body: rejectAppealSchema,
        response: { 200: appealSchema },
      },
    },
    async (req) => actions.rejectAppeal(deps, requireUser(req), req.params.id, req.body, opts(req.ip)),
  );

  app.post(
    "/api/v1/appeals/:id/resolve",
    {
      preValidation: frontDesk,
      schema: {
        tags,
        summary: "即时办结",
        params,
        body: resolveAppealSchema,
        response: { 200: appealSchema },
      },
    },
    async (req) => actions.resolveAppeal(deps, requireUser(req), req.params.id, req.body, opts(req.ip)),
  );

  app.post(
    "/api/v1/appeals/:id/reveal-phone",
    {
      preValidation: revealers,
      schema: {
        tags,
        summary: "查看完整联系电话（记录原因）",
        params,
        body: revealPhoneSchema,
        response: { 200: revealPhoneResultSchema },
      },
    },
    async (req) => actions.revealPhone(deps, requireUser(req), req.params.id, req.body.reason, opts(req.ip)),
  );
}
