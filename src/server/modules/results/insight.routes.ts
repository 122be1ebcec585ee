import { createReadStream } from "node:fs";
import { stat, unlink } from "node:fs/promises";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { appealPageSchema } from "../../../contracts/appeals.js";
import {
  hotTopicsQuerySchema,
  hotTopicsSchema,
  monthlyReportQuerySchema,
  monthlyReportSchema,
  statsAppealsQuerySchema,
} from "../../../contracts/insight.js";
import type { App } from "../../app.js";
import { allow, auditFields, requireUser } from "../../http/actor.js";
import { appendAudit } from "../audit/index.js";
import { hotTopics, monthlyReport, statsAppeals } from "./insight.service.js";
import { monthlyWorkbook, writeMonthAppeals } from "./report.xlsx.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const leaders = allow(["leader", "supervisor"]);
const disposition = (name: string, ascii: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 热点分析, drill-down to the appeals behind a number, 月度报告 and its exports (docs/metrics.md). */
export async function insightRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { deps } = app;

  app.get(
    "/api/v1/stats/hot-topics",
    {
      preValidation: leaders,
      schema: {
        tags: ["stats"],
        summary: "热点分析：期间内诉求内容中上升最快的词语（与等长的上一期间比较）",
        description: "count：期间内内容含该词的诉求件数（每件只计一次）；previousCount：上一等长期间的件数。",
        querystring: hotTopicsQuerySchema,
        response: { 200: hotTopicsSchema },
      },
    },
    async (req) => hotTopics(deps, requireUser(req), req.query),
  );

  app.get(
    "/api/v1/stats/appeals",
    {
      preValidation: allow(["leader", "supervisor", "admin", "department"]),
      schema: {
        tags: ["stats"],
        summary: "统计明细：统计汇总中某个数字背后的诉求（同一口径、同一期间、同一部门/渠道/类别）",
        querystring: statsAppealsQuerySchema,
        response: { 200: appealPageSchema },
      },
    },
    async (req) => statsAppeals(deps, requireUser(req), req.query, deps.clock.now()),
  );

  app.get(
    "/api/v1/reports/monthly",
    {
      preValidation: leaders,
      schema: {
        tags: ["stats"],
        summary: "月度报告：本月与上月各项指标、部门情况、热点、超期事项与整改事项",
        querystring: monthlyReportQuerySchema,
        response: { 200: monthlyReportSchema },
      },
    },
    async (req) => monthlyReport(deps, requireUser(req), req.query.month, deps.clock.now()),
  );

  app.get(
    "/api/v1/reports/monthly/export",
    {
      preValidation: leaders,
      schema: {
        tags: ["stats"],
        summary: "导出月度报告（Excel，多个工作表）",
        querystring: monthlyReportQuerySchema,
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const now = deps.clock.now();
      const report = await monthlyReport(deps, user, req.query.month, now);
      const buf = await monthlyWorkbook(report);
      await appendAudit(deps.db, {
        ...auditFields(user),
        action: "report.monthly.export",
        entity: "report",
        entityId: report.month,
        details: { month: report.month },
        ip: req.ip,
        at: now,
      });
      return reply
        .header("content-type", XLSX)
        .header("content-disposition", disposition(`月度报告_${report.month}.xlsx`, "monthly-report.xlsx"))
        .send(buf);
    },
  );

  app.get(
    "/api/v1/reports/monthly/appeals-export",
    {
      preValidation: leaders,
      schema: {
        tags: ["stats"],
        summary: "导出本月诉求明细（Excel，逐行流式生成，电话已脱敏；响应带 Content-Length 与 X-Total-Rows）",
        querystring: monthlyReportQuerySchema,
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const now = deps.clock.now();
      const { path, rows } = await writeMonthAppeals(deps, user, req.query.month, now);
      try {
        await appendAudit(deps.db, {
          ...auditFields(user),
          action: "report.monthly.appeals_export",
          entity: "report",
          entityId: req.query.month,
          details: { month: req.query.month, rows },
          ip: req.ip,
          at: now,
        });
      } catch (e) {
        await unlink(path).catch(() => undefined);
        throw e;
      }
      const { size } = await stat(path);
      const stream = createReadStream(path);
      stream.on("close", () => void unlink(path).catch(() => undefined));
      return reply
        .header("content-type", XLSX)
        .header("content-length", String(size))
        .header("x-total-rows", String(rows))
        .header("access-control-expose-headers", "content-length, x-total-rows")
        .header(
          "content-disposition",
          disposition(`诉求明细_${req.query.month}.xlsx`, "monthly-appeals.xlsx"),
        )
        .send(stream);
    },
  );
}
