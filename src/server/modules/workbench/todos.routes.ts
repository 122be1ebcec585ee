import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { todosQuerySchema, todosSchema } from "../../../contracts/workbench.js";
import type { App } from "../../app.js";
import { requireUser, staffOnly } from "../../http/actor.js";
import { todosFor } from "./todos.service.js";

export async function workbenchRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { deps } = app;

  app.get(
    "/api/v1/todos",
    {
      preValidation: staffOnly,
      schema: {
        tags: ["workbench"],
        summary: "我的待办（按角色分组；已超期在前，其次按到期时间）",
        querystring: todosQuerySchema,
        response: { 200: todosSchema },
      },
    },
    async (req) => todosFor(deps, requireUser(req), req.query.limit, deps.clock.now()),
  );
}
