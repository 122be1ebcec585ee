import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  centerListSchema,
  centerSchema,
  createCenterSchema,
  idParamsSchema,
  updateCenterSchema,
} from "../../../contracts/accounts.js";
import type { App } from "../../app.js";
import { allow, requireUser } from "../../http/actor.js";
import * as service from "./center.service.js";

export async function centerRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock, events } = app.deps;
  const tags = ["centers"];

  app.get(
    "/api/v1/centers",
    {
      // Integrations (12345) may read the hierarchy too, to address transfers between levels.
      preValidation: allow([], { integration: true }),
      schema: { tags, summary: "中心层级（省、市、县、乡镇）", response: { 200: centerListSchema } },
    },
    async () => service.listCenters(db),
  );

  app.post(
    "/api/v1/centers",
    {
      preValidation: allow(["admin"]),
      schema: { tags, summary: "新增下级中心", body: createCenterSchema, response: { 201: centerSchema } },
    },
    async (req, reply) => {
      const c = await service.createCenter(db, events, requireUser(req), req.body, {
        now: clock.now(),
        ip: req.ip,
      });
      return reply.status(201).send(c);
    },
  );

  app.patch(
    "/api/v1/centers/:id",
    {
      preValidation: allow(["admin"]),
      schema: {
        tags,
        summary: "修改中心信息",
        params: idParamsSchema,
        body: updateCenterSchema,
        response: { 200: centerSchema },
      },
    },
    async (req) =>
      service.updateCenter(db, requireUser(req), req.params.id, req.body, { now: clock.now(), ip: req.ip }),
  );
}
