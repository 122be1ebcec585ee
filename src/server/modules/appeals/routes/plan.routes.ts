import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParamsSchema } from "../../../../contracts/accounts.js";
import {
  createPlanSchema,
  decidePlanSchema,
  milestoneParamsSchema,
  planListQuerySchema,
  planSchema,
  progressSchema,
  rejectPlanSchema,
} from "../../../../contracts/work-orders.js";
import type { App } from "../../../app.js";
import { allow, requireUser } from "../../../http/actor.js";
import { approvePlan, rejectPlan, reportProgress, submitPlan } from "../commands/plan.js";
import { getPlan, listPlans } from "../queries/extension-plan.query.js";

const department = allow(["department"]);
const dispatcher = allow(["dispatcher"]);
const readers = allow(["dispatcher", "supervisor", "leader", "admin", "department"]);

/** 重大问题解决方案: plan with milestones, approval, progress reports. */
export async function planRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const { db, clock } = deps;
  const tags = ["plans"];
  const params = idParamsSchema;
  const opts = (ip: string) => ({ now: clock.now(), ip });

  app.post(
    "/api/v1/work-orders/:id/plan",
    {
      preValidation: department,
      schema: {
        tags,
        summary: "提交重大问题解决方案和时间节点（仅牵头部门、重大复杂问题、已签收）",
        params,
        body: createPlanSchema,
        response: { 201: planSchema },
      },
    },
    async (req, reply) => {
      const p = await submitPlan(deps, requireUser(req), req.params.id, req.body, opts(req.ip));
      return reply.status(201).send(p);
    },
  );

  app.get(
    "/api/v1/plans",
    {
      preValidation: readers,
      schema: {
        tags,
        summary: "解决方案列表（审核人员看全中心，部门看本部门）",
        querystring: planListQuerySchema,
        response: { 200: z.array(planSchema) },
      },
    },
    async (req) => listPlans(db, requireUser(req), req.query, clock.now()),
  );

  app.get(
    "/api/v1/plans/:id",
    {
      preValidation: readers,
      schema: { tags, summary: "解决方案详情", params, response: { 200: planSchema } },
    },
    async (req) => getPlan(db, requireUser(req), req.params.id, clock.now()),
  );

  app.post(
    "/api/v1/plans/:id/approve",
    {
      preValidation: dispatcher,
      schema: {
        tags,
        summary: "批准方案：办理时限改为最后节点，告知诉求人",
        params,
        body: decidePlanSchema,
        response: { 200: planSchema },
      },
    },
    async (req) => approvePlan(deps, requireUser(req), req.params.id, req.body.note, opts(req.ip)),
  );

  app.post(
    "/api/v1/plans/:id/reject",
    {
      preValidation: dispatcher,
      schema: { tags, summary: "驳回方案", params, body: rejectPlanSchema, response: { 200: planSchema } },
    },
    async (req) => rejectPlan(deps, requireUser(req), req.params.id, req.body.note, opts(req.ip)),
  );

  app.post(
    "/api/v1/plans/:id/milestones/:mid/progress",
    {
      preValidation: department,
      schema: {
        tags,
        summary: "上报时间节点进展（done=true 表示该节点完成）",
        params: milestoneParamsSchema,
        body: progressSchema,
        response: { 200: planSchema },
      },
    },
    async (req) =>
      reportProgress(deps, requireUser(req), req.params.id, req.params.mid, req.body, opts(req.ip)),
  );
}
