import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { intakeHintsBodySchema, intakeHintsResultSchema } from "../../../contracts/hints.js";
import type { App } from "../../app.js";
import { allow, requireUser } from "../../http/actor.js";
import { intakeHints } from "./hints.service.js";

const frontDesk = allow(["window", "dispatcher"]);

export async function hintsRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;

  app.post(
    "/api/v1/intake/hints",
    {
      preValidation: frontDesk,
      schema: {
        tags: ["appeals"],
        summary: "登记提示：疑似紧急事项、应走法定程序或信访的事项，以及同一号码近 30 天的相似诉求",
        body: intakeHintsBodySchema,
        response: { 200: intakeHintsResultSchema },
      },
    },
    async (req) => intakeHints(db, requireUser(req), req.body, clock.now()),
  );
}
