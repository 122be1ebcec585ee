import {
  ADDRESS_DECLINED_LABEL,
  APPEAL_TYPE_LABELS,
  CHANNEL_LABELS,
  COMPLEXITY_LABELS,
} from "../../../../contracts/appeals.js";
import { DIFFICULTY_KIND_SHORT_LABELS } from "../../../../contracts/work-orders.js";
import { maskPhone } from "../../../../core/masking.js";
import { escapeHtml } from "../../../lib/html.js";
import type { CenterInfo } from "../center-info.js";
import { formatDateTimeZh, formatDueDayZh } from "../messages/appeal.messages.js";
import type { WorkOrderBundle } from "../presenters/work-order.presenter.js";

/**
 * 附录A “有诉即办”问题工作单: the fields exactly as the standard labels them,
 * shared by the printable page and the export.
 */
export interface AppendixA {
  姓名或单位名称: string;
  单位联系人: string;
  联系电话: string;
  诉求反应时间: string;
  诉求反应类别: string;
  联系地址: string;
  诉求主要内容: string;
  政务服务牵头部门及责任部门: string;
  完成时限: string;
  工作单联系人: string;
  工作单联系人电话: string;
  备注: string;
}

export function appendixA(b: WorkOrderBundle, timeZone: string, fullPhone: boolean): AppendixA {
  const { order: o, appeal: a } = b;
  const org = a.requester_kind === "organization";
  const lead = b.assignments.find((x) => x.role === "lead");
  const co = b.assignments.filter((x) => x.role === "co" && x.status !== "returned");
  const remarks = [
    `事项类型：${COMPLEXITY_LABELS[o.complexity]}`,
    o.difficulty_kind ? `疑难类型：${DIFFICULTY_KIND_SHORT_LABELS[o.difficulty_kind]}` : "",
    `受理编号：${a.tracking_no}`,
    o.note ?? "",
  ].filter(Boolean);
  return {
    姓名或单位名称: org ? (a.org_name ?? a.requester_name) : a.requester_name,
    单位联系人: org ? (a.contact_person ?? a.requester_name) : "",
    联系电话: fullPhone ? a.phone : maskPhone(a.phone),
    诉求反应时间: formatDateTimeZh(a.received_at, timeZone),
    诉求反应类别: `${APPEAL_TYPE_LABELS[a.type]}（${CHANNEL_LABELS[a.channel]}）`,
    联系地址: a.address ?? (a.address_declined ? ADDRESS_DECLINED_LABEL : ""),
    诉求主要内容: a.content,
    政务服务牵头部门及责任部门:
      `牵头部门：${lead?.department_name ?? ""}` +
      (co.length ? `；责任部门：${co.map((x) => x.department_name).join("、")}` : ""),
    完成时限: `${formatDueDayZh(o.due_at, timeZone)}前${o.due_provisional ? "（暂定）" : ""}`,
    工作单联系人: o.contact_name,
    工作单联系人电话: o.contact_phone ?? "",
    备注: remarks.join("；"),
  };
}

const STYLE = `
  @page { size: A4; margin: 18mm 16mm; }
  * { box-sizing: border-box; }
  body { font-family: "FangSong", "FangSong_GB2312", "STFangsong", "SimSun", "Songti SC", "Noto Serif CJK SC",
    "Source Han Serif SC", serif; color: #000; margin: 0 auto; max-width: 178mm; font-size: 12pt; line-height: 1.6; }
  h1 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
    text-align: center; font-size: 20pt; margin: 0 0 3mm; letter-spacing: 2px; }
  .meta { display: flex; justify-content: space-between; margin: 0 0 3mm; font-size: 11pt; }
  table { width: 100%; border-collapse: collapse; table-layout: fixed; }
  th, td { border: 1px solid #000; padding: 2mm 2.5mm; vertical-align: middle; word-break: break-all; }
  th { font-weight: normal; text-align: center; width: 16%; }
  td.tall { height: 55mm; vertical-align: top; white-space: pre-wrap; }
  td.mid { height: 18mm; vertical-align: top; white-space: pre-wrap; }
  .note { font-size: 9.5pt; color: #333; }
  .foot { margin-top: 4mm; font-size: 10pt; display: flex; justify-content: space-between; }
  .hint { margin-top: 4mm; font-size: 9pt; color: #666; }
  @media print { .hint { display: none; } tr { page-break-inside: avoid; } }
`;

/** The center's address, phone and service hours as set on its profile page (中心信息). */
function centerLine(center: CenterInfo): string {
  const parts = [
    center.address ? `地址：${center.address}` : "",
    center.phone ? `电话：${center.phone}` : "",
    center.hours ? `服务时间：${center.hours}` : "",
  ].filter(Boolean);
  return parts.length
    ? `<p class="foot" data-center><span>${escapeHtml(`${center.name}　${parts.join("　")}`)}</span></p>`
    : "";
}

/** The printable 工作单 on A4 (browser print), every user-entered text escaped. */
export function renderWorkOrderHtml(
  b: WorkOrderBundle,
  center: CenterInfo,
  printedAt: Date,
  fullPhone: boolean,
): string {
  const tz = center.timezone;
  const f = appendixA(b, tz, fullPhone);
  const e = escapeHtml;
  const explanation = b.order.due_explanation ? `<div class="note">${e(b.order.due_explanation)}</div>` : "";
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>工作单 ${e(b.order.number)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>“有诉即办”问题工作单</h1>
<div class="meta"><span>${e(center.name)}</span><span>工作单编号：${e(b.order.number)}</span></div>
<table>
<colgroup><col style="width:16%"><col style="width:18%"><col style="width:14%"><col style="width:18%"><col style="width:14%"><col style="width:20%"></colgroup>
<tr><th>姓名或单位名称</th><td>${e(f.姓名或单位名称)}</td><th>单位联系人</th><td>${e(f.单位联系人)}</td><th>联系电话</th><td>${e(f.联系电话)}</td></tr>
<tr><th>诉求反应时间</th><td>${e(f.诉求反应时间)}</td><th>诉求反应类别</th><td>${e(f.诉求反应类别)}</td><th>联系地址</th><td>${e(f.联系地址)}</td></tr>
<tr><th>诉求主要内容</th><td colspan="5" class="tall">${e(f.诉求主要内容)}</td></tr>
<tr><th>政务服务牵头部门及责任部门</th><td colspan="5" class="mid">${e(f.政务服务牵头部门及责任部门)}</td></tr>
<tr><th>完成时限</th><td colspan="5">${e(f.完成时限)}${explanation}</td></tr>
<tr><th>工作单联系人</th><td colspan="2">${e(f.工作单联系人)}</td><th>联系电话</th><td colspan="2">${e(f.工作单联系人电话)}</td></tr>
<tr><th>备注</th><td colspan="5" class="mid">${e(f.备注)}</td></tr>
</table>
<div class="foot"><span>签收部门（盖章）：</span><span>签收人：</span><span>签收时间：　　年　　月　　日</span></div>
${centerLine(center)}
<p class="foot"><span>打印时间：${e(formatDateTimeZh(printedAt, tz))}</span></p>
<p class="hint">使用浏览器“打印”（Ctrl+P）即可在 A4 纸上打印本工作单。</p>
</body>
</html>`;
}
