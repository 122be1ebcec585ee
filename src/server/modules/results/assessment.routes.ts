import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  assessmentPublicationsQuerySchema,
  assessmentPublicationsSchema,
  assessmentPublishResultSchema,
  assessmentPublishSchema,
  assessmentQuerySchema,
  assessmentSchema,
  assessmentWeightsRecordSchema,
  assessmentWeightsUpdateSchema,
} from "../../../contracts/assessment.js";
import type { App } from "../../app.js";
import { notFound } from "../../errors.js";
import { allow, requireUser } from "../../http/actor.js";
import { sendSheet } from "../../lib/xlsx.js";
import { findCenter } from "../centers/index.js";
import { renderAssessmentHtml, SHEET_COLUMNS, sheetRows } from "./assessment.print.js";
import {
  assessment,
  computeRanking,
  getWeightsRecord,
  publications,
  publish,
  updateWeights,
} from "./assessment.service.js";

/** 考核排名: the month's ranking, its weights, print, export, publication (通报) and the published months. */
export async function assessmentRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const { clock } = deps;
  const tags = ["stats"];
  const overseers = allow(["leader", "supervisor"]);

  app.get(
    "/api/v1/stats/assessment",
    {
      preValidation: allow(["leader", "supervisor", "admin", "department"]),
      schema: {
        tags,
        summary: "部门月度考核：得分与排名（部门用户只看本部门一行）",
        description: "计分与并列规则见 docs/metrics.md「Assessment」；数据来自日汇总表；未来月份 400。",
        querystring: assessmentQuerySchema,
        response: { 200: assessmentSchema },
      },
    },
    async (req) => assessment(deps, requireUser(req), req.query.month, clock.now()),
  );

  app.get(
    "/api/v1/stats/assessment/weights",
    {
      preValidation: allow(["leader", "supervisor", "admin", "department"]),
      schema: { tags, summary: "本中心考核权重", response: { 200: assessmentWeightsRecordSchema } },
    },
    async (req) => getWeightsRecord(deps.db, requireUser(req).centerId),
  );

  app.put(
    "/api/v1/stats/assessment/weights",
    {
      preValidation: allow(["admin"]),
      schema: {
        tags,
        summary: "修改考核权重（四项指标权重之和须为 100；expectedVersion 过期返回 409）",
        body: assessmentWeightsUpdateSchema,
        response: { 200: assessmentWeightsRecordSchema },
      },
    },
    async (req) => updateWeights(deps, requireUser(req), req.body, { now: clock.now(), ip: req.ip }),
  );

  app.post(
    "/api/v1/stats/assessment/publish",
    {
      preValidation: overseers,
      schema: {
        tags,
        summary: "通报考核结果：冻结当月排名（新版本），各部门收到本部门得分与名次的站内消息",
        description: "得分与权重未变时重复通报返回已有版本（created=false），不重复发送消息。",
        body: assessmentPublishSchema,
        response: { 200: assessmentPublishResultSchema },
      },
    },
    async (req) => publish(deps, requireUser(req), req.body.month, { now: clock.now(), ip: req.ip }),
  );

  app.get(
    "/api/v1/stats/assessment/publications",
    {
      preValidation: allow(["leader", "supervisor", "admin", "department"]),
      schema: {
        tags,
        summary: "已通报的考核结果（每月最新版本，新月份在前；部门用户只看本部门）",
        querystring: assessmentPublicationsQuerySchema,
        response: { 200: assessmentPublicationsSchema },
      },
    },
    async (req) => publications(deps, requireUser(req), req.query),
  );

  app.get(
    "/api/v1/stats/assessment/print",
    {
      preValidation: overseers,
      schema: { tags, summary: "打印考核排名（A4）", querystring: assessmentQuerySchema },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const now = clock.now();
      const view = await assessment(deps, user, req.query.month, now);
      const center = await findCenter(deps.db, user.centerId);
      if (!center) throw notFound("服务中心");
      return reply.header("content-type", "text/html; charset=utf-8").send(
        renderAssessmentHtml({
          centerName: center.name,
          month: view.month,
          complete: view.complete,
          weights: view.weights,
          basicWeight: view.basicSatisfiedWeight,
          items: view.items,
          published: view.published,
          printedAt: now,
          timeZone: center.timezone,
        }),
      );
    },
  );

  app.get(
    "/api/v1/stats/assessment/export",
    {
      preValidation: overseers,
      schema: { tags, summary: "导出考核排名（Excel，中文表头）", querystring: assessmentQuerySchema },
    },
    async (req, reply) => {
      // An export: figures from the read replica (docs/operations.md).
      const r = await computeRanking(
        deps,
        requireUser(req).centerId,
        req.query.month,
        clock.now(),
        deps.readDb,
      );
      return sendSheet(reply, {
        fileName: `部门考核排名_${r.month}.xlsx`,
        asciiName: `assessment-${r.month}.xlsx`,
        sheet: `${r.month} 考核排名`,
        columns: SHEET_COLUMNS,
        rows: sheetRows(r.items),
      });
    },
  );
}
