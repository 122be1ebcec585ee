import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParamsSchema } from "../../../../contracts/accounts.js";
import {
  deploySchema,
  exportQuerySchema,
  opinionSchema,
  printQuerySchema,
  replySchema,
  returnSchema,
  signSchema,
  type WorkOrder,
  workOrderListQuerySchema,
  workOrderPageSchema,
  workOrderSchema,
} from "../../../../contracts/work-orders.js";
import type { App } from "../../../app.js";
import { allow, requireUser, type UserActor } from "../../../http/actor.js";
import { deployOrder, replyOrder, returnOrder, signOrder, submitOpinion } from "../commands/department.js";
import { exportWorkOrder } from "../queries/work-order.export.js";
import { getWorkOrder, listWorkOrders, printWorkOrder } from "../queries/work-order.query.js";

const readers = allow(["dispatcher", "supervisor", "leader", "admin", "department"]);
const department = allow(["department"]);

/** 工作单: read, print, export; the departments' workbench actions (签收 · 退单 · 协办意见 · 答复). */
export async function workOrderRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const { clock } = deps;
  const tags = ["work-orders"];
  const params = idParamsSchema;
  const opts = (ip: string) => ({ now: clock.now(), ip });

  app.get(
    "/api/v1/work-orders",
    {
      preValidation: readers,
      schema: {
        tags,
        summary: "工作单列表：部门待办（department=mine，红黄绿灯）或全中心（按时限排序）",
        querystring: workOrderListQuerySchema,
        response: { 200: workOrderPageSchema },
      },
    },
    async (req) => listWorkOrders(deps, requireUser(req), req.query, clock.now()),
  );

  app.get(
    "/api/v1/work-orders/:id",
    {
      preValidation: readers,
      schema: { tags, summary: "工作单详情", params, response: { 200: workOrderSchema } },
    },
    async (req) => getWorkOrder(deps, requireUser(req), req.params.id, clock.now()),
  );

  app.get(
    "/api/v1/work-orders/:id/print",
    {
      preValidation: readers,
      schema: {
        tags,
        summary: "打印工作单（text/html，附录A全部字段，A4）；每次打印记入审计日志",
        description:
          "诉求人电话默认脱敏；可查看完整号码的角色填写 revealReason 时打印完整号码，并按查看号码规则记入时间线和审计日志。",
        params,
        querystring: printQuerySchema,
        response: { 200: z.string() },
      },
    },
    async (req, reply) => {
      const html = await printWorkOrder(
        deps,
        requireUser(req),
        req.params.id,
        req.query.revealReason,
        opts(req.ip),
      );
      return reply.type("text/html; charset=utf-8").send(html);
    },
  );

  app.get(
    "/api/v1/work-orders/:id/export",
    {
      preValidation: readers,
      schema: {
        tags,
        summary: "导出工作单（JSON：附录A字段和工作单数据）",
        params,
        querystring: exportQuerySchema,
        response: {
          200: z.object({
            exportedAt: z.string(),
            fields: z.record(z.string(), z.string()),
            workOrder: workOrderSchema,
          }),
        },
      },
    },
    async (req) => exportWorkOrder(deps, requireUser(req), req.params.id, clock.now()),
  );

  const action = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (actor: UserActor, id: string, input: z.infer<B>, ip: string) => Promise<WorkOrder>,
  ) =>
    app.post(
      path,
      {
        preValidation: department,
        schema: { tags, summary, params, body, response: { 200: workOrderSchema } },
      },
      async (req) => run(requireUser(req), req.params.id, req.body as z.infer<B>, req.ip),
    );

  action("/api/v1/work-orders/:id/sign", "签收（牵头部门签收后工作单为办理中）", signSchema, (a, id, b, ip) =>
    signOrder(deps, a, id, b, opts(ip)),
  );
  action(
    "/api/v1/work-orders/:id/deployment",
    "研究部署（简单事项当天：承办人和办理措施；仅牵头部门）",
    deploySchema,
    (a, id, b, ip) => deployOrder(deps, a, id, b, opts(ip)),
  );
  action(
    "/api/v1/work-orders/:id/return",
    "退单（牵头部门退回整张工作单；协办部门退出本部门）",
    returnSchema,
    (a, id, b, ip) => returnOrder(deps, a, id, b, opts(ip)),
  );
  action("/api/v1/work-orders/:id/opinion", "协办部门向牵头部门提交办理意见", opinionSchema, (a, id, b, ip) =>
    submitOpinion(deps, a, id, b, opts(ip)),
  );
  action("/api/v1/work-orders/:id/reply", "答复（仅牵头部门，汇总协办意见）", replySchema, (a, id, b, ip) =>
    replyOrder(deps, a, id, b, opts(ip)),
  );
}
