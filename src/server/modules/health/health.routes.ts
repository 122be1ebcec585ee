import { z } from "zod";
import type { App } from "../../app.js";
import { pingDatabase } from "../../db/database.js";

export async function healthRoutes(app: App): Promise<void> {
  app.get(
    "/api/health",
    {
      schema: {
        tags: ["system"],
        summary: "健康检查",
        response: { 200: z.object({ status: z.literal("ok") }) },
      },
    },
    async () => {
      await pingDatabase(app.deps.db);
      return { status: "ok" as const };
    },
  );
}
