import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParamsSchema } from "../../../../contracts/accounts.js";
import { type Appeal, appealSchema } from "../../../../contracts/appeals.js";
import { mergeBodySchema } from "../../../../contracts/assist.js";
import {
  closeAppealSchema,
  dispatchPreviewQuerySchema,
  dispatchPreviewSchema,
  dispatchSchema,
  referSchema,
  reopenSchema,
  reworkSchema,
  transferRecordSchema,
  transferSchema,
  workOrderSchema,
} from "../../../../contracts/work-orders.js";
import type { App } from "../../../app.js";
import { allow, requireUser } from "../../../http/actor.js";
import { closeAppeal, reopenAppeal, reworkAppeal } from "../commands/closeout.js";
import { dispatchAppeal, previewDispatch } from "../commands/dispatch.js";
import { mergeAppeal } from "../commands/merge.js";
import { referAppeal, transferAppeal } from "../commands/transfer.js";
import { listTransfers } from "../queries/transfer.query.js";
import { listOrdersOfAppeal } from "../queries/work-order.query.js";

const dispatcher = allow(["dispatcher"]);
const readers = allow(["window", "dispatcher", "supervisor", "leader", "admin", "department"]);

/** The reviewer's actions on an appeal: dispatch (分办), transfer (转办/函转), refer (移交), close-out (销号). */
export async function appealHandlingRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const { db, clock } = deps;
  const tags = ["dispatch"];
  const params = idParamsSchema;
  const opts = (ip: string) => ({ now: clock.now(), ip });

  app.get(
    "/api/v1/appeals/:id/dispatch-preview",
    {
      preValidation: dispatcher,
      schema: {
        tags,
        summary: "分办前预览办理时限（按中心时限策略和工作日历）",
        params,
        querystring: dispatchPreviewQuerySchema,
        response: { 200: dispatchPreviewSchema },
      },
    },
    async (req) => previewDispatch(deps, requireUser(req), req.params.id, req.query.complexity, clock.now()),
  );

  app.post(
    "/api/v1/appeals/:id/dispatch",
    {
      preValidation: dispatcher,
      schema: {
        tags,
        summary: "分办：生成工作单，发送牵头部门和协办部门，告知诉求人办理时限",
        params,
        body: dispatchSchema,
        response: { 201: workOrderSchema },
      },
    },
    async (req, reply) => {
      const wo = await dispatchAppeal(deps, requireUser(req), req.params.id, req.body, opts(req.ip));
      return reply.status(201).send(wo);
    },
  );

  app.post(
    "/api/v1/appeals/:id/merge",
    {
      preValidation: dispatcher,
      schema: {
        tags,
        summary: "重复诉求并单：将尚未分办的重复诉求并入此前受理、仍在办理的原诉求，并短信告知诉求人",
        params,
        body: mergeBodySchema,
        response: { 200: appealSchema },
      },
    },
    async (req) => mergeAppeal(deps, requireUser(req), req.params.id, req.body, opts(req.ip)),
  );

  app.get(
    "/api/v1/appeals/:id/work-orders",
    {
      preValidation: readers,
      schema: {
        tags,
        summary: "诉求的全部工作单（含已退单）",
        params,
        response: { 200: z.array(workOrderSchema) },
      },
    },
    async (req) => listOrdersOfAppeal(deps, requireUser(req), req.params.id, clock.now()),
  );

  app.get(
    "/api/v1/appeals/:id/transfers",
    {
      preValidation: readers,
      schema: {
        tags,
        summary: "转办、函转和移交记录（双向）",
        params,
        response: { 200: z.array(transferRecordSchema) },
      },
    },
    async (req) => listTransfers(db, requireUser(req), req.params.id),
  );

  const action = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (
      actor: ReturnType<typeof requireUser>,
      id: string,
      input: z.infer<B>,
      ip: string,
    ) => Promise<Appeal>,
  ) =>
    app.post(
      path,
      { preValidation: dispatcher, schema: { tags, summary, params, body, response: { 200: appealSchema } } },
      async (req) => run(requireUser(req), req.params.id, req.body as z.infer<B>, req.ip),
    );

  action(
    "/api/v1/appeals/:id/transfer",
    "转办（转交相关单位）或函转其他层级政务服务中心",
    transferSchema,
    (a, id, b, ip) => transferAppeal(deps, a, id, b, opts(ip)),
  );
  action("/api/v1/appeals/:id/refer", "移交（服务对象涉嫌违法违纪）", referSchema, (a, id, b, ip) =>
    referAppeal(deps, a, id, b, opts(ip)),
  );
  action("/api/v1/appeals/:id/close", "销号（核实答复后办结）", closeAppealSchema, (a, id, b, ip) =>
    closeAppeal(deps, a, id, b, opts(ip)),
  );
  action("/api/v1/appeals/:id/rework", "退回重办（答复未通过核实）", reworkSchema, (a, id, b, ip) =>
    reworkAppeal(deps, a, id, b, opts(ip)),
  );
  action("/api/v1/appeals/:id/reopen", "重新办理（已办结或已销号的诉求）", reopenSchema, (a, id, b, ip) =>
    reopenAppeal(deps, a, id, b, opts(ip)),
  );
}
