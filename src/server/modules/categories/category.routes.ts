import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  categoryCodeParamsSchema,
  categoryListQuerySchema,
  categoryListSchema,
  categorySchema,
  createCategorySchema,
  updateCategorySchema,
} from "../../../contracts/knowledge.js";
import type { App } from "../../app.js";
import { allow, requireUser, staffOnly } from "../../http/actor.js";
import * as service from "./category.service.js";

export async function categoryRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ["categories"];

  app.get(
    "/api/v1/categories",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: "诉求分类（两级；默认只列启用的）",
        querystring: categoryListQuerySchema,
        response: { 200: categoryListSchema },
      },
    },
    async (req) => ({
      items: await service.listCategories(db, requireUser(req).centerId, req.query.includeInactive),
    }),
  );

  app.post(
    "/api/v1/categories",
    {
      preValidation: allow(["admin"]),
      schema: { tags, summary: "新增分类", body: createCategorySchema, response: { 201: categorySchema } },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.createCategory(db, requireUser(req), req.body, { now: clock.now(), ip: req.ip })),
  );

  app.patch(
    "/api/v1/categories/:code",
    {
      preValidation: allow(["admin"]),
      schema: {
        tags,
        summary: "修改分类（停用而非删除）",
        params: categoryCodeParamsSchema,
        body: updateCategorySchema,
        response: { 200: categorySchema },
      },
    },
    async (req) =>
      service.updateCategory(db, requireUser(req), req.params.code, req.body, {
        now: clock.now(),
        ip: req.ip,
      }),
  );
}
