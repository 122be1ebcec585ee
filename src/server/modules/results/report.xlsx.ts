import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { APPEAL_STATUS_LABELS, APPEAL_TYPE_LABELS, CHANNEL_LABELS } from "../../../contracts/appeal-codes.js";
import type { MonthlyReport } from "../../../contracts/insight.js";
import type { Figures } from "../../../contracts/results.js";
import { toOffsetIso } from "../../../core/calendar-date.js";
import { maskPhone } from "../../../core/masking.js";
import type { Deps } from "../../deps.js";
import type { UserActor } from "../../http/actor.js";
import { batchReceivedAppeals } from "./data/insight.repository.js";
import { monthBounds } from "./insight.service.js";

/**
 * The monthly report as .xlsx (several sheets, Chinese headers) and 导出明细: the month's appeals,
 * written row by row with exceljs's streaming WorkbookWriter (one keyset batch in memory).
 */

const pct = (v: number | null): string => (v === null ? "—" : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);

/** The figures of the report, in the order of the report's first table. */
export const REPORT_FIGURES: [string, (f: Figures) => number | string][] = [
  ["受理", (f) => f.received],
  ["不予受理", (f) => f.rejected],
  ["即时办结", (f) => f.resolvedOnSpot],
  ["分办", (f) => f.dispatched],
  ["办结销号", (f) => f.closed],
  ["响应率", (f) => pct(f.responseRate)],
  ["解决率", (f) => pct(f.resolutionRate)],
  ["满意率", (f) => pct(f.satisfactionRate)],
  ["按期办结率", (f) => pct(f.onTimeRate)],
  ["超期办结", (f) => f.overdue],
  ["延期", (f) => f.extended],
  ["退单", (f) => f.returned],
  ["督办", (f) => f.supervised],
  ["通报", (f) => f.noticed],
  ["评价", (f) => f.rated],
  ["差评", (f) => f.bad],
  ["申诉复核", (f) => f.disputed],
  ["整改发起", (f) => f.rectificationsOpened],
  ["整改完成", (f) => f.rectificationsDone],
  ["重复诉求", (f) => f.repeated],
];

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: { header: string; key: string; width: number }[],
) {
  const ws = wb.addWorksheet(name);
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  return ws;
}

/** 月度报告.xlsx: 概况, 部门, 考核排名, 热点, 超期事项, 整改事项. */
export async function monthlyWorkbook(r: MonthlyReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const overview = sheet(wb, "概况", [
    { header: "指标", key: "name", width: 14 },
    { header: `本月（${r.month}）`, key: "cur", width: 16 },
    { header: `上月（${r.previousMonth}）`, key: "prev", width: 16 },
  ]);
  for (const [name, get] of REPORT_FIGURES) {
    overview.addRow({ name, cur: get(r.totals), prev: get(r.previousTotals) });
  }
  const dept = sheet(wb, "部门", [
    { header: "部门", key: "label", width: 22 },
    { header: "分办", key: "dispatched", width: 8 },
    { header: "办结销号", key: "closed", width: 10 },
    { header: "响应率", key: "response", width: 10 },
    { header: "按期办结率", key: "onTime", width: 12 },
    { header: "评价", key: "rated", width: 8 },
    { header: "解决率", key: "resolution", width: 10 },
    { header: "满意率", key: "satisfaction", width: 10 },
    { header: "差评", key: "bad", width: 8 },
    { header: "督办", key: "supervised", width: 8 },
    { header: "整改完成/发起", key: "rect", width: 14 },
  ]);
  for (const g of r.departments) {
    dept.addRow({
      label: g.label,
      dispatched: g.dispatched,
      closed: g.closed,
      response: pct(g.responseRate),
      onTime: pct(g.onTimeRate),
      rated: g.rated,
      resolution: pct(g.resolutionRate),
      satisfaction: pct(g.satisfactionRate),
      bad: g.bad,
      supervised: g.supervised,
      rect: `${g.rectificationsDone}/${g.rectificationsOpened}`,
    });
  }
  const rank = sheet(wb, "考核排名", [
    { header: "排名", key: "rank", width: 6 },
    { header: "部门", key: "departmentName", width: 22 },
    { header: "得分", key: "score", width: 10 },
    { header: "指标得分", key: "base", width: 10 },
    { header: "扣分", key: "deductions", width: 8 },
    { header: "督办", key: "supervised", width: 8 },
    { header: "通报", key: "noticed", width: 8 },
  ]);
  for (const i of r.ranking.items) {
    rank.addRow({
      rank: i.rank ?? "未参与排名",
      departmentName: i.departmentName,
      score: i.score ?? "—",
      base: i.base ?? "—",
      deductions: i.deductions,
      supervised: i.figures.supervised,
      noticed: i.figures.noticed,
    });
  }
  const hot = sheet(wb, "热点", [
    { header: "排名", key: "rank", width: 6 },
    { header: "热词", key: "term", width: 16 },
    { header: "本月诉求数", key: "count", width: 12 },
    { header: "上月诉求数", key: "prev", width: 12 },
    { header: "增减", key: "rise", width: 8 },
  ]);
  r.hotTopics.forEach((t, i) => {
    hot.addRow({
      rank: i + 1,
      term: t.term,
      count: t.count,
      prev: t.previousCount,
      rise: t.count - t.previousCount,
    });
  });
  const itemColumns = (due: string, done: string) => [
    { header: "受理编号", key: "trackingNo", width: 20 },
    { header: "责任部门", key: "departmentName", width: 20 },
    { header: due, key: "dueAt", width: 26 },
    { header: done, key: "doneAt", width: 26 },
    { header: "诉求内容", key: "content", width: 60 },
  ];
  const overdue = sheet(wb, "超期事项", itemColumns("办理时限", "答复时间"));
  for (const i of r.overdueItems) overdue.addRow({ ...i, dueAt: i.dueAt ?? "", doneAt: i.doneAt ?? "" });
  const rect = sheet(wb, "整改事项", [
    ...itemColumns("整改时限", "完成时间"),
    { header: "整改情况", key: "result", width: 40 },
  ]);
  for (const i of r.rectifiedItems) {
    rect.addRow({ ...i, dueAt: i.dueAt ?? "", doneAt: i.doneAt ?? "", result: i.result ?? "" });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const DETAIL_COLUMNS = [
  { header: "受理编号", key: "trackingNo", width: 20 },
  { header: "收到时间", key: "receivedAt", width: 26 },
  { header: "渠道", key: "channel", width: 12 },
  { header: "类别", key: "type", width: 10 },
  { header: "分类", key: "category", width: 10 },
  { header: "状态", key: "status", width: 10 },
  { header: "诉求人", key: "requester", width: 18 },
  { header: "电话", key: "phone", width: 16 },
  { header: "诉求内容", key: "content", width: 60 },
  { header: "销号时间", key: "closedAt", width: 26 },
];
const BATCH = 1000;

/**
 * 导出明细: the month's appeals (counted `received` in the month, the figure 受理), phones
 * masked, streamed into a temporary file; returns its path and the row count.
 */
export async function writeMonthAppeals(
  deps: Deps,
  actor: UserActor,
  month: string,
  now: Date,
): Promise<{ path: string; rows: number }> {
  const b = await monthBounds(deps, actor.centerId, month, now);
  const path = join(tmpdir(), `yousu-export-${randomUUID()}.xlsx`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const ws = wb.addWorksheet(`${month} 诉求明细`);
  ws.columns = DETAIL_COLUMNS;
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let after: string | null = null;
  let rows = 0;
  for (;;) {
    // An export: the read replica (docs/operations.md).
    const batch = await batchReceivedAppeals(deps.readDb, actor.centerId, b.from, b.to, after, BATCH);
    for (const a of batch) {
      ws.addRow({
        trackingNo: a.tracking_no,
        receivedAt: toOffsetIso(a.received_at, b.timeZone),
        channel: CHANNEL_LABELS[a.channel as keyof typeof CHANNEL_LABELS] ?? a.channel,
        type: APPEAL_TYPE_LABELS[a.type as keyof typeof APPEAL_TYPE_LABELS] ?? a.type,
        category: a.category_code ?? "",
        status: APPEAL_STATUS_LABELS[a.status as keyof typeof APPEAL_STATUS_LABELS] ?? a.status,
        requester: a.requester_kind === "organization" ? (a.org_name ?? a.requester_name) : a.requester_name,
        phone: maskPhone(a.phone),
        content: a.content,
        closedAt: a.closed_at ? toOffsetIso(a.closed_at, b.timeZone) : "",
      }).commit();
      rows++;
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1]!.id;
  }
  ws.commit();
  await wb.commit();
  return { path, rows };
}
