import { healthSchema } from "../../../contracts/common.js";
import type { App } from "../../app.js";
import { pingDatabase } from "../../db/database.js";

export async function healthRoutes(app: App): Promise<void> {
  app.get(
    "/api/health",
    {
      schema: {
        tags: ["system"],
        summary: "健康检查",
        response: { 200: healthSchema },
      },
    },
    async () => {
      await pingDatabase(app.deps.db);
      return { status: "ok" as const };
    },
  );
}
