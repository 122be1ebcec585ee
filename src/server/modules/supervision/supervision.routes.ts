import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { idParamsSchema } from "../../../contracts/common.js";
import {
  boardQuerySchema,
  boardSchema,
  manualNoticeSchema,
  manualSupervisionSchema,
  SUPERVISION_KIND_LABELS,
  SUPERVISION_STATUS_LABELS,
  SUPERVISION_TARGET_LABELS,
  supervisionListQuerySchema,
  supervisionListSchema,
  supervisionRecordSchema,
  sweepResultSchema,
} from "../../../contracts/supervision.js";
import type { App } from "../../app.js";
import { notFound } from "../../errors.js";
import { allow, auditFields, requireUser } from "../../http/actor.js";
import { sendSheet } from "../../lib/xlsx.js";
import { appendAudit } from "../audit/index.js";
import { findCenter } from "../centers/index.js";
import { noticeManually, remindManually, superviseManually } from "./supervision.actions.js";
import { renderRecordHtml } from "./supervision.print.js";
import { board, getRecord, listRecords } from "./supervision.query.js";
import { runSweep } from "./supervision.sweep.js";

const supervisor = allow(["supervisor"]);
const sweepers = allow(["supervisor", "admin"]);
const boardReaders = allow(["supervisor", "leader", "admin"]);
const readers = allow(["supervisor", "leader", "admin", "department"]);

/** 督办中心: the board, the records (催办 / 督办单 / 通报), manual actions, the sweep, print and export. */
export async function supervisionRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const { db, clock } = deps;
  const tags = ["supervision"];
  const meta = (ip: string) => ({ now: clock.now(), ip });

  app.post(
    "/api/v1/supervision/sweep",
    {
      preValidation: sweepers,
      schema: {
        tags,
        summary: "立即巡检：发出到点的催办、督办单和通报（多实例并发执行也只发一次）",
        response: { 200: sweepResultSchema },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const now = clock.now();
      const result = await runSweep(deps, now);
      await db.transaction().execute((trx) =>
        appendAudit(trx, {
          ...auditFields(user),
          action: "supervision.sweep.manual",
          details: { ...result },
          ip: req.ip,
          at: now,
        }),
      );
      return result;
    },
  );

  app.get(
    "/api/v1/supervision/board",
    {
      preValidation: boardReaders,
      schema: {
        tags,
        summary: "督办看板：在办事项的红黄绿灯、按部门汇总、工作日倒计时",
        querystring: boardQuerySchema,
        response: { 200: boardSchema },
      },
    },
    async (req) => board(deps, requireUser(req), req.query, clock.now()),
  );

  app.get(
    "/api/v1/supervision/items",
    {
      preValidation: readers,
      schema: {
        tags,
        summary: "催办、督办单、通报记录（新的在前；部门只看本部门）",
        querystring: supervisionListQuerySchema,
        response: { 200: supervisionListSchema },
      },
    },
    async (req) => listRecords(deps, requireUser(req), req.query),
  );

  app.get(
    "/api/v1/supervision/items/export",
    {
      preValidation: boardReaders,
      schema: {
        tags,
        summary: "导出督办记录（Excel，最多 5000 条）",
        querystring: supervisionListQuerySchema.omit({ limit: true, cursor: true }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const kindLabel = req.query.kind ? SUPERVISION_KIND_LABELS[req.query.kind] : "督办";
      const rows: Record<string, string>[] = [];
      let cursor: string | undefined;
      do {
        const page = await listRecords(deps, user, { ...req.query, limit: 200, cursor });
        for (const r of page.items) {
          rows.push({
            kind: SUPERVISION_KIND_LABELS[r.kind],
            number: r.number ?? "",
            trackingNo: r.trackingNo,
            target: SUPERVISION_TARGET_LABELS[r.targetKind],
            department: r.departmentName ?? "窗口",
            targetDueAt: r.targetDueAt,
            dueAt: r.dueAt ?? "",
            status: SUPERVISION_STATUS_LABELS[r.status],
            facts: r.facts,
            note: r.note ?? "",
            by: r.createdByName,
            createdAt: r.createdAt,
          });
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor && rows.length < 5000);
      return sendSheet(reply, {
        fileName: `${kindLabel}记录.xlsx`,
        asciiName: "supervision.xlsx",
        sheet: `${kindLabel}记录`,
        columns: [
          { header: "类别", key: "kind", width: 8 },
          { header: "编号", key: "number", width: 18 },
          { header: "诉求编号", key: "trackingNo", width: 20 },
          { header: "事项", key: "target", width: 14 },
          { header: "责任单位", key: "department", width: 18 },
          { header: "原时限", key: "targetDueAt", width: 26 },
          { header: "督办时限", key: "dueAt", width: 26 },
          { header: "状态", key: "status", width: 10 },
          { header: "事实", key: "facts", width: 60 },
          { header: "说明", key: "note", width: 30 },
          { header: "发出人", key: "by", width: 12 },
          { header: "发出时间", key: "createdAt", width: 26 },
        ],
        rows,
      });
    },
  );

  app.get(
    "/api/v1/supervision/records/:id",
    {
      preValidation: readers,
      schema: {
        tags,
        summary: "一条督办记录",
        params: idParamsSchema,
        response: { 200: supervisionRecordSchema },
      },
    },
    async (req) => getRecord(deps, requireUser(req), req.params.id),
  );

  app.get(
    "/api/v1/supervision/records/:id/print",
    {
      preValidation: readers,
      schema: {
        tags,
        summary: "打印督办单 / 催办单 / 通报（附报告同级人民政府、抄送同级纪委监委）",
        params: idParamsSchema,
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const record = await getRecord(deps, user, req.params.id);
      const order = record.supervisionOrderId ? await getRecord(deps, user, record.supervisionOrderId) : null;
      const center = await findCenter(db, user.centerId);
      if (!center) throw notFound("服务中心");
      return reply
        .header("content-type", "text/html; charset=utf-8")
        .send(renderRecordHtml({ record, order, center, printedAt: clock.now() }));
    },
  );

  // Manual 催办 and 督办: the same request on a board item, one record each.
  for (const [path, summary, act] of [
    ["/api/v1/supervision/reminders", "人工催办（附说明）", remindManually],
    [
      "/api/v1/supervision/orders",
      "人工督办：签发督办单（督办时限按时限策略；同一事项同时只有一张未办结督办单）",
      superviseManually,
    ],
  ] as const) {
    app.post(
      path,
      {
        preValidation: supervisor,
        schema: { tags, summary, body: manualSupervisionSchema, response: { 201: supervisionRecordSchema } },
      },
      async (req, reply) => reply.status(201).send(await act(deps, requireUser(req), req.body, meta(req.ip))),
    );
  }

  app.post(
    "/api/v1/supervision/orders/:id/notice",
    {
      preValidation: supervisor,
      schema: {
        tags,
        summary: "对未办结的督办单予以通报（附说明）",
        params: idParamsSchema,
        body: manualNoticeSchema,
        response: { 201: supervisionRecordSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await noticeManually(deps, requireUser(req), req.params.id, req.body.note, meta(req.ip))),
  );
}
