import {
  ASSESSMENT_INDICATOR_LABELS,
  ASSESSMENT_INDICATORS,
  type AssessmentItem,
  type AssessmentWeights,
} from "../../../contracts/assessment.js";
import { formatDateTimeZh } from "../../../core/calendar-date.js";
import { escapeHtml } from "../../lib/html.js";

/** The 考核排名 of a month as a printable A4 page and as spreadsheet rows (Chinese headers). */

const STYLE = `
  @page { size: A4 portrait; margin: 15mm 12mm; }
  * { box-sizing: border-box; }
  body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; color: #000;
    margin: 0 auto; max-width: 186mm; font-size: 10.5pt; line-height: 1.5; }
  h1 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; text-align: center; font-size: 18pt;
    margin: 0 0 2mm; letter-spacing: 2px; }
  .sub { text-align: center; margin: 0 0 4mm; }
  table { width: 100%; border-collapse: collapse; table-layout: fixed; }
  th, td { border: 1px solid #000; padding: 1.2mm 1.5mm; text-align: center; word-break: break-all; }
  th { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-weight: normal; background: #eee; }
  td.name { text-align: left; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
  .rule { margin-top: 4mm; font-size: 9pt; }
  .hint { margin-top: 6mm; font-size: 9pt; color: #666; }
  @media print { .hint { display: none; } th { background: none; } }
`;

const pct = (v: number | null) => (v === null ? "—" : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);
const num = (v: number | null) => (v === null ? "—" : v.toFixed(2));

/** The scoring rule in one sentence, with the weights in force (printed under the table). */
export function ruleText(w: AssessmentWeights, basicWeight: number): string {
  const parts = ASSESSMENT_INDICATORS.filter((k) => w[k] > 0).map(
    (k) => `${ASSESSMENT_INDICATOR_LABELS[k]} ${w[k]}`,
  );
  return (
    `计分：${parts.join("、")}（满分 100；某项无数据时其权重按比例分配给其余指标），` +
    `每件督办扣 ${w.supervisionDeduction} 分、每件通报扣 ${w.noticeDeduction} 分，最低 0 分；` +
    `满意率中基本满意按 ${basicWeight} 计；得分相同名次并列。口径见 docs/metrics.md。`
  );
}

export function renderAssessmentHtml(c: {
  centerName: string;
  month: string;
  complete: boolean;
  weights: AssessmentWeights;
  basicWeight: number;
  items: AssessmentItem[];
  published: { version: number; publishedAt: string } | null;
  printedAt: Date;
  timeZone: string;
}): string {
  const e = escapeHtml;
  const [y, m] = c.month.split("-");
  const rows = c.items
    .map(
      (
        i,
      ) => `<tr><td>${i.rank ?? "—"}</td><td class="name">${e(i.departmentName)}</td><td>${num(i.score)}</td>
<td>${pct(i.figures.responseRate)}</td><td>${pct(i.figures.resolutionRate)}</td><td>${pct(i.figures.satisfactionRate)}</td>
<td>${pct(i.figures.onTimeRate)}</td><td>${i.figures.supervised}</td><td>${i.figures.noticed}</td><td>${i.deductions}</td></tr>`,
    )
    .join("\n");
  const state = [
    c.complete ? "" : "月中数据，月末前仍会变化",
    c.published
      ? `已于 ${formatDateTimeZh(new Date(c.published.publishedAt), c.timeZone)} 通报（第 ${c.published.version} 版）`
      : "未通报",
  ]
    .filter(Boolean)
    .join("；");
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${e(`${y}年${Number(m)}月部门考核排名`)}</title><style>${STYLE}</style></head>
<body>
<h1>${e(c.centerName)}</h1>
<p class="sub">${y}年${Number(m)}月 有诉即办部门考核排名（${e(state)}）</p>
<table>
<colgroup><col style="width:7%"><col style="width:23%"><col style="width:9%"><col style="width:9%"><col style="width:9%">
<col style="width:9%"><col style="width:10%"><col style="width:8%"><col style="width:8%"><col style="width:8%"></colgroup>
<thead><tr><th>排名</th><th>部门</th><th>得分</th><th>响应率</th><th>解决率</th><th>满意率</th><th>按期办结率</th><th>督办</th><th>通报</th><th>扣分</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="10">本月没有部门</td></tr>'}
</tbody>
</table>
<p class="rule">${e(ruleText(c.weights, c.basicWeight))}</p>
<p class="rule">打印时间：${e(formatDateTimeZh(c.printedAt, c.timeZone))}</p>
<p class="hint">使用浏览器“打印”（Ctrl+P）即可在 A4 纸上打印。</p>
</body>
</html>`;
}

/** Spreadsheet columns (Chinese headers) and rows of the ranking. */
export const SHEET_COLUMNS = [
  { header: "排名", key: "rank", width: 8 },
  { header: "部门", key: "name", width: 24 },
  { header: "得分", key: "score", width: 10 },
  { header: "指标得分", key: "base", width: 10 },
  { header: "扣分", key: "deductions", width: 8 },
  { header: "响应率", key: "responseRate", width: 10 },
  { header: "解决率", key: "resolutionRate", width: 10 },
  { header: "满意率", key: "satisfactionRate", width: 10 },
  { header: "按期办结率", key: "onTimeRate", width: 12 },
  { header: "首次响应", key: "responded", width: 10 },
  { header: "按时响应", key: "respondedOnTime", width: 10 },
  { header: "评价数", key: "rated", width: 8 },
  { header: "已解决", key: "resolvedByRequester", width: 8 },
  { header: "满意数", key: "satisfied", width: 8 },
  { header: "按期办结", key: "onTime", width: 10 },
  { header: "超期办结", key: "overdue", width: 10 },
  { header: "督办", key: "supervised", width: 8 },
  { header: "通报", key: "noticed", width: 8 },
];

export function sheetRows(items: AssessmentItem[]): Record<string, string | number>[] {
  return items.map((i) => ({
    rank: i.rank ?? "未参与排名",
    name: i.departmentName,
    score: i.score ?? "—",
    base: i.base ?? "—",
    deductions: i.deductions,
    responseRate: pct(i.figures.responseRate),
    resolutionRate: pct(i.figures.resolutionRate),
    satisfactionRate: pct(i.figures.satisfactionRate),
    onTimeRate: pct(i.figures.onTimeRate),
    responded: i.figures.responded,
    respondedOnTime: i.figures.respondedOnTime,
    rated: i.figures.rated,
    resolvedByRequester: i.figures.resolvedByRequester,
    satisfied: i.figures.satisfied,
    onTime: i.figures.onTime,
    overdue: i.figures.overdue,
    supervised: i.figures.supervised,
    noticed: i.figures.noticed,
  }));
}
