import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  createdIntegrationTokenSchema,
  createIntegrationTokenSchema,
  idParamsSchema,
  integrationTokenListSchema,
  integrationTokenSchema,
} from "../../../contracts/accounts.js";
import type { App } from "../../app.js";
import { allow, requireUser } from "../../http/actor.js";
import * as service from "./integration-token.service.js";

const adminOnly = allow(["admin"]);

export async function integrationTokenRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ["integration-tokens"];

  app.post(
    "/api/v1/integration-tokens",
    {
      preValidation: adminOnly,
      schema: {
        tags,
        summary: "创建集成令牌（令牌仅显示这一次）",
        body: createIntegrationTokenSchema,
        response: { 201: createdIntegrationTokenSchema },
      },
    },
    async (req, reply) => {
      const t = await service.createToken(db, requireUser(req), req.body, { now: clock.now(), ip: req.ip });
      return reply.status(201).send(t);
    },
  );

  app.get(
    "/api/v1/integration-tokens",
    {
      preValidation: adminOnly,
      schema: {
        tags,
        summary: "集成令牌列表（不含令牌本身）",
        response: { 200: integrationTokenListSchema },
      },
    },
    async (req) => service.listTokens(db, requireUser(req)),
  );

  app.delete(
    "/api/v1/integration-tokens/:id",
    {
      preValidation: adminOnly,
      schema: {
        tags,
        summary: "吊销集成令牌",
        params: idParamsSchema,
        response: { 200: integrationTokenSchema },
      },
    },
    async (req) => service.revokeToken(db, requireUser(req), req.params.id, { now: clock.now(), ip: req.ip }),
  );
}
