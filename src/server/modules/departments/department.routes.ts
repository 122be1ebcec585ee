import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  createDepartmentSchema,
  departmentListQuerySchema,
  departmentListSchema,
  departmentSchema,
  idParamsSchema,
  updateDepartmentSchema,
} from "../../../contracts/accounts.js";
import type { App } from "../../app.js";
import { allow, requireUser, staffOnly } from "../../http/actor.js";
import * as service from "./department.service.js";

export async function departmentRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ["departments"];

  app.post(
    "/api/v1/departments",
    {
      preValidation: allow(["admin"]),
      schema: {
        tags,
        summary: "新增进驻部门",
        body: createDepartmentSchema,
        response: { 201: departmentSchema },
      },
    },
    async (req, reply) => {
      const d = await service.createDepartment(db, requireUser(req), req.body, {
        now: clock.now(),
        ip: req.ip,
      });
      return reply.status(201).send(d);
    },
  );

  app.get(
    "/api/v1/departments",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: "部门名录（本中心；q 按编码、名称、窗口位置、事项筛选）",
        querystring: departmentListQuerySchema,
        response: { 200: departmentListSchema },
      },
    },
    async (req) => service.listDepartments(db, requireUser(req), req.query),
  );

  app.get(
    "/api/v1/departments/:id",
    {
      preValidation: staffOnly,
      schema: { tags, summary: "部门详情", params: idParamsSchema, response: { 200: departmentSchema } },
    },
    async (req) => service.getDepartment(db, requireUser(req), req.params.id),
  );

  app.patch(
    "/api/v1/departments/:id",
    {
      preValidation: allow(["admin"]),
      schema: {
        tags,
        summary: "修改部门（停用而非删除）",
        params: idParamsSchema,
        body: updateDepartmentSchema,
        response: { 200: departmentSchema },
      },
    },
    async (req) =>
      service.updateDepartment(db, requireUser(req), req.params.id, req.body, {
        now: clock.now(),
        ip: req.ip,
      }),
  );
}
