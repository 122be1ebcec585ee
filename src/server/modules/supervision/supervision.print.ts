import { SUPERVISION_STATUS_LABELS, type SupervisionRecord } from "../../../contracts/supervision.js";
import { formatDateTimeZh, formatDueDayZh } from "../../../core/calendar-date.js";
import { escapeHtml } from "../../lib/html.js";

interface CenterInfo {
  name: string;
  timezone: string;
  address: string | null;
  phone: string | null;
}

const STYLE = `
  @page { size: A4; margin: 20mm 18mm; }
  * { box-sizing: border-box; }
  body { font-family: "FangSong", "FangSong_GB2312", "STFangsong", "SimSun", "Songti SC", "Noto Serif CJK SC",
    "Source Han Serif SC", serif; color: #000; margin: 0 auto; max-width: 174mm; font-size: 14pt; line-height: 1.8; }
  h1 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; text-align: center; font-size: 22pt;
    margin: 0 0 2mm; letter-spacing: 4px; color: #c00; }
  h2 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; text-align: center; font-size: 16pt; margin: 8mm 0 3mm; }
  .no { text-align: center; font-size: 12pt; border-bottom: 2px solid #c00; padding-bottom: 2mm; margin-bottom: 5mm; }
  table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 12pt; }
  th, td { border: 1px solid #000; padding: 2mm 3mm; vertical-align: top; word-break: break-all; }
  th { font-weight: normal; width: 22%; text-align: center; }
  p { text-indent: 2em; margin: 0 0 2mm; white-space: pre-wrap; }
  .to, .cc { text-indent: 0; }
  .sign { text-align: right; margin-top: 10mm; text-indent: 0; }
  .page-break { page-break-before: always; }
  .hint { margin-top: 6mm; font-size: 9pt; color: #666; text-indent: 0; }
  @media print { .hint { display: none; } }
`;

export interface PrintContext {
  record: SupervisionRecord;
  /** The order a notice escalates (for its number and limit). */
  order: SupervisionRecord | null;
  center: CenterInfo;
  printedAt: Date;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
${body}
<p class="hint">使用浏览器“打印”（Ctrl+P）即可在 A4 纸上打印。</p>
</body>
</html>`;
}

/** The printable 督办单, 催办 record, or 通报 followed by the report (报告) to the same-level government. */
export function renderRecordHtml(c: PrintContext): string {
  const e = escapeHtml;
  const r = c.record;
  const tz = c.center.timezone;
  const at = (iso: string | null) => (iso ? formatDueDayZh(new Date(iso), tz) : "—");
  const made = formatDateTimeZh(new Date(r.createdAt), tz);
  const dept = r.departmentName ?? "窗口工作人员";
  const note = r.note ? `<tr><th>督办说明</th><td colspan="3">${e(r.note)}</td></tr>` : "";

  if (r.kind === "supervision" || r.kind === "reminder") {
    const title = r.kind === "supervision" ? "督 办 单" : "催 办 单";
    return page(
      `${r.kind === "supervision" ? "督办单" : "催办单"} ${r.number ?? r.id}`,
      `<h1>${title}</h1>
<div class="no">${e(c.center.name)}　${r.number ? `编号：${e(r.number)}` : `记录号：${e(r.id)}`}</div>
<table>
<tr><th>诉求编号</th><td>${e(r.trackingNo)}</td><th>责任单位</th><td>${e(dept)}</td></tr>
<tr><th>原办理时限</th><td>${e(at(r.targetDueAt))}</td><th>${r.kind === "supervision" ? "督办时限" : "发出时间"}</th><td>${e(r.kind === "supervision" ? at(r.dueAt) : made)}</td></tr>
<tr><th>督办事项</th><td colspan="3">${e(r.facts)}</td></tr>
${note}
<tr><th>状态</th><td>${e(SUPERVISION_STATUS_LABELS[r.status])}</td><th>签发</th><td>${e(r.createdByName)}　${e(made)}</td></tr>
<tr><th>办理情况反馈</th><td colspan="3" style="height:45mm"></td></tr>
</table>
<p class="sign">${e(c.center.name)}<br>${e(made.slice(0, made.indexOf(" ")))}</p>`,
    );
  }

  const rc = r.recipients ?? { government: "同级人民政府", disciplineCommission: "同级纪委监委", copyTo: [] };
  const cc = [rc.disciplineCommission, ...rc.copyTo].map(e).join("、");
  const orderNo = c.order?.number ?? "";
  const day = made.slice(0, made.indexOf(" "));
  return page(
    `通报 ${r.number ?? r.id}`,
    `<h1>通　报</h1>
<div class="no">${e(c.center.name)}　编号：${e(r.number ?? "")}</div>
<h2>关于${e(dept)}未按督办要求办结诉求事项的通报</h2>
<p>${e(r.facts)}</p>
${r.note ? `<p>${e(r.note)}</p>` : ""}
<p>根据“有诉即办”工作要求，经催办、督办仍未办结的，予以通报，并报告同级人民政府，抄送同级纪委监委。请${e(dept)}立即办结并书面说明原因。</p>
<p class="sign">${e(c.center.name)}<br>${e(day)}</p>
<div class="page-break"></div>
<h1>报　告</h1>
<div class="no">${e(c.center.name)}　（${e(r.number ?? "")}）</div>
<h2>关于诉求事项（编号 ${e(r.trackingNo)}）经督办仍未办结的报告</h2>
<p class="to">${e(rc.government)}：</p>
<p>诉求编号 ${e(r.trackingNo)} 的事项由${e(dept)}承办，原办理时限为 ${e(at(r.targetDueAt))}。逾期后本中心发出督办单 ${e(orderNo)}，督办时限为 ${e(at(c.order?.dueAt ?? null))}。${e(r.facts)}</p>
<p>特此报告。</p>
<p class="sign">${e(c.center.name)}<br>${e(day)}</p>
<p class="cc">抄送：${cc}</p>
<p class="cc">打印时间：${e(formatDateTimeZh(c.printedAt, tz))}</p>`,
  );
}
