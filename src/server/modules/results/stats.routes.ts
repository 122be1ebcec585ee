import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { statsSummaryQuerySchema, statsSummarySchema } from "../../../contracts/results.js";
import type { App } from "../../app.js";
import { allow, requireUser } from "../../http/actor.js";
import { summary } from "./stats.service.js";

/** 统计分析: the figures of docs/metrics.md. */
export async function statsRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  app.get(
    "/api/v1/stats/summary",
    {
      preValidation: allow(["leader", "supervisor", "admin", "department"]),
      schema: {
        tags: ["stats"],
        summary: "统计汇总：响应率、解决率、满意率、按期办结率及各项计数（按部门、渠道、类别或分类）",
        description: "口径见 docs/metrics.md；按中心本地日期统计 [from, to]；部门用户只看本部门。",
        querystring: statsSummaryQuerySchema,
        response: { 200: statsSummarySchema },
      },
    },
    async (req) => summary(deps, requireUser(req), req.query),
  );
}
