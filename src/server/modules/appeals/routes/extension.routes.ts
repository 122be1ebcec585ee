import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParamsSchema } from "../../../../contracts/accounts.js";
import {
  approveExtensionSchema,
  createExtensionSchema,
  denyExtensionSchema,
  extensionListQuerySchema,
  extensionSchema,
} from "../../../../contracts/work-orders.js";
import type { App } from "../../../app.js";
import { allow, requireUser } from "../../../http/actor.js";
import { approveExtension, denyExtension, requestExtension } from "../commands/extension.js";
import { listExtensions } from "../queries/extension-plan.query.js";

const department = allow(["department"]);
const dispatcher = allow(["dispatcher"]);
const readers = allow(["dispatcher", "supervisor", "leader", "admin", "department"]);

/** 延期申请: departments ask, the reviewer approves or denies. */
export async function extensionRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const { db, clock } = deps;
  const tags = ["extensions"];
  const params = idParamsSchema;
  const opts = (ip: string) => ({ now: clock.now(), ip });

  app.post(
    "/api/v1/work-orders/:id/extensions",
    {
      preValidation: department,
      schema: {
        tags,
        summary: "申请延期（延期日期须晚于当前办理时限；同一工作单同时只能有一个待审批申请）",
        params,
        body: createExtensionSchema,
        response: { 201: extensionSchema },
      },
    },
    async (req, reply) => {
      const x = await requestExtension(deps, requireUser(req), req.params.id, req.body, opts(req.ip));
      return reply.status(201).send(x);
    },
  );

  app.get(
    "/api/v1/extensions",
    {
      preValidation: readers,
      schema: {
        tags,
        summary: "延期申请列表（审核人员看全中心，部门看本部门）",
        querystring: extensionListQuerySchema,
        response: { 200: z.array(extensionSchema) },
      },
    },
    async (req) => listExtensions(db, requireUser(req), req.query),
  );

  app.post(
    "/api/v1/extensions/:id/approve",
    {
      preValidation: dispatcher,
      schema: {
        tags,
        summary: "批准延期：更新办理时限，告知诉求人延长的时限和理由",
        params,
        body: approveExtensionSchema,
        response: { 200: extensionSchema },
      },
    },
    async (req) => approveExtension(deps, requireUser(req), req.params.id, req.body, opts(req.ip)),
  );

  app.post(
    "/api/v1/extensions/:id/deny",
    {
      preValidation: dispatcher,
      schema: {
        tags,
        summary: "驳回延期（告知申请部门）",
        params,
        body: denyExtensionSchema,
        response: { 200: extensionSchema },
      },
    },
    async (req) => denyExtension(deps, requireUser(req), req.params.id, req.body, opts(req.ip)),
  );
}
