import {
  APPEAL_STATUS_LABELS,
  APPEAL_TYPE_LABELS,
  CHANNEL_LABELS,
  REQUESTER_KIND_LABELS,
} from "../../../../contracts/appeals.js";
import { maskPhone } from "../../../../core/masking.js";
import { escapeHtml } from "../../../lib/html.js";
import type { CenterInfo } from "../center-info.js";
import type { AppealRow } from "../data/appeal.repository.js";
import { formatDateTimeZh, formatDueDayZh, refusalText } from "../messages/appeal.messages.js";
import { toReceipt } from "../presenters/appeal.presenter.js";

const SUMMARY_CHARS = 300;

/**
 * 受理回执 — the printable receipt handed over at the window (A5, also fits
 * A4): tracking number and query code, when and how the appeal was received,
 * what happens next and by when, and the receiving staff member's name and
 * post (服务人员应主动亮明身份).
 */
export function renderReceiptHtml(r: AppealRow, center: CenterInfo, printedAt: Date): string {
  const tz = center.timezone;
  const receipt = toReceipt(r, tz);
  const e = escapeHtml;
  const summary = r.content.length > SUMMARY_CHARS ? `${r.content.slice(0, SUMMARY_CHARS)}……` : r.content;
  const requester =
    r.requester_kind === "organization"
      ? `${r.org_name ?? ""}（联系人：${r.contact_person ?? r.requester_name}）`
      : r.requester_name;
  const rows: Array<[string, string]> = [
    ["受理编号", `<strong class="big">${e(r.tracking_no)}</strong>`],
    ["查询码", `<strong class="big">${e(r.query_code)}</strong>`],
    ["收到时间", e(formatDateTimeZh(r.received_at, tz))],
    ["受理渠道", e(CHANNEL_LABELS[r.channel])],
    ["诉求类别", e(APPEAL_TYPE_LABELS[r.type])],
    [`诉求人（${REQUESTER_KIND_LABELS[r.requester_kind]}）`, e(requester)],
    ["联系电话", e(maskPhone(r.phone))],
    ["诉求内容", `<span class="content">${e(summary)}</span>`],
    ["当前状态", e(APPEAL_STATUS_LABELS[r.status])],
  ];
  if (r.status === "rejected" && r.reject_reason) {
    rows.push([
      "不予受理",
      e(
        refusalText({
          reason: r.reject_reason,
          explanation: r.reject_explanation ?? "",
          referredTo: r.referred_to,
        }),
      ),
    ]);
  }
  if (r.answer) rows.push(["答复", `<span class="content">${e(r.answer)}</span>`]);
  rows.push(["后续安排", e(receipt.nextStep)]);
  if (r.respond_by && !r.responded_at) {
    const note = r.respond_by_explanation ? `<div class="note">${e(r.respond_by_explanation)}</div>` : "";
    rows.push(["首次回应时限", `${e(formatDueDayZh(r.respond_by, tz))}前${note}`]);
  }
  if (r.due_at) {
    const note = r.due_explanation ? `<div class="note">${e(r.due_explanation)}</div>` : "";
    rows.push(["办理时限", `${e(formatDueDayZh(r.due_at, tz))}前${note}`]);
  }
  rows.push([
    "受理人员",
    r.received_by_name
      ? e(`${r.received_by_name}${r.received_by_post ? `（${r.received_by_post}）` : ""}`)
      : "网上自助提交",
  ]);

  const body = rows.map(([k, v]) => `<tr><th>${e(k)}</th><td>${v}</td></tr>`).join("\n");
  const contact = [
    center.phone ? `咨询电话：${center.phone}` : "",
    center.address ? `地址：${center.address}` : "",
    center.hours ? `服务时间：${center.hours}` : "",
  ]
    .filter(Boolean)
    .join("　");
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>受理回执 ${e(r.tracking_no)}</title>
<style>
  @page { size: A5; margin: 12mm; }
  body { font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", serif; color: #000; margin: 0 auto; max-width: 148mm; font-size: 12pt; }
  h1 { text-align: center; font-size: 18pt; margin: 0 0 2mm; letter-spacing: 2px; }
  .center { text-align: center; margin: 0 0 6mm; font-size: 12pt; }
  table { width: 100%; border-collapse: collapse; }
  th, td { border: 1px solid #000; padding: 2mm 3mm; vertical-align: top; text-align: left; }
  th { width: 28%; white-space: nowrap; font-weight: normal; background: #f3f3f3; }
  .big { font-size: 15pt; letter-spacing: 1px; }
  .content { white-space: pre-wrap; word-break: break-all; }
  .note { font-size: 10pt; color: #333; margin-top: 1mm; }
  .foot { margin-top: 5mm; font-size: 10.5pt; }
  .hint { margin-top: 4mm; font-size: 9pt; color: #666; }
  @media print { .hint { display: none; } th { background: none; } }
</style>
</head>
<body>
<h1>“有诉即办”受理回执</h1>
<p class="center">${e(center.name)}</p>
<table>
${body}
</table>
<p class="foot">请妥善保管本回执。凭受理编号和查询码可查询办理进度、查看答复。${contact ? `<br>${e(contact)}` : ""}</p>
<p class="foot">打印时间：${e(formatDateTimeZh(printedAt, tz))}</p>
<p class="hint">使用浏览器“打印”（Ctrl+P）即可打印本回执。</p>
</body>
</html>`;
}
