import {
  APPEAL_TYPE_LABELS,
  type AppealStatus,
  REJECT_REASON_LABELS,
  type RejectReason,
} from "../../../contracts/appeals.js";
import type { PublicFollowing, PublicProgress } from "../../../contracts/public.js";
import { formatDueDayZh, toOffsetIso } from "../../../core/calendar-date.js";
import { whereToGo } from "../../../core/notice.js";
import type { Db } from "../../db/database.js";
import { findProgressById, listPublicEvents, nextStepText, type ProgressRow } from "../appeals/index.js";

/**
 * 进度查询 as the requester reads it: the status and steps in plain words, what they were told, the
 * answer once the matter is finished (销号 or 即时办结), approved extensions with their reason and
 * new limit, and one coherent text for a refusal. Built only from what the requester is entitled
 * to: no names, phones, addresses, appeal text, staff names or internal notes.
 */

const STATUS_TEXT: Record<AppealStatus, string> = {
  received: "已受理，正在审核",
  rejected: "不予受理",
  resolved: "已办结",
  transferred: "已转交有关单位办理",
  dispatched: "正在办理",
  replied: "相关部门已答复，待中心核实办结",
  closed: "已办结销号",
  merged: "已与相同诉求合并办理",
};

type Details = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);

/** Timeline events told to the requester, in plain words. Internal ones (phone reveals, recalculations) never appear. */
function stepTexts(tz: string): Record<string, (d: Details) => string> {
  return {
    received: () => "诉求已受理",
    acknowledged: () => "工作人员已回复",
    rejected: (d) => `不予受理：${REJECT_REASON_LABELS[d.reason as RejectReason] ?? "见答复"}`,
    resolved: () => "已办结",
    // 函转 names the center and the new tracking number there; a transfer names the unit.
    transferred: (d) =>
      d.targetKind === "center"
        ? `已函转${str(d.targetName) ?? "相关政务服务中心"}协调办理${str(d.receivedTrackingNo) ? `，新受理编号${d.receivedTrackingNo}` : ""}`
        : `已转交${str(d.targetName) ?? "有关单位"}依法依规处理`,
    transfer_completed: () => "接收中心已办结",
    dispatched: () => "已交相关部门办理",
    extension_approved: (d) => {
      const at = str(d.newDueAt);
      return at ? `延长办理时限至${formatDueDayZh(new Date(at), tz)}` : "延长办理时限";
    },
    replied: () => "相关部门已答复",
    closed: () => "已办结销号",
    reopened: () => "重新办理",
    merged: () => "与此前受理的相同诉求合并办理",
  };
}

const endWithStop = (s: string) => (/[。！？.!?]$/.test(s) ? s : `${s}。`);

/**
 * 不予受理 in one text (the standard: 应告知服务对象不予受理的理由; 对不属于本级政务服务中心管辖的，
 * 积极联系相关单位协助受理): the reason, the explanation given, who was contacted, where to go.
 */
export function publicRefusal(o: {
  reason: RejectReason;
  explanation: string | null;
  referredTo: string | null;
}) {
  const go = whereToGo(o.reason);
  const parts = [`您的诉求不予受理，理由：${REJECT_REASON_LABELS[o.reason]}。`];
  if (o.explanation?.trim()) parts.push(`说明：${endWithStop(o.explanation.trim())}`);
  if (o.referredTo) parts.push(`我们已联系${o.referredTo}协助受理。`);
  // "此类诉求不予受理" repeats the refusal; every other reason says where to go.
  if (!go.startsWith("此类诉求")) parts.push(go);
  return { reason: o.reason, text: parts.join(""), whereToGo: go };
}

/** The progress page; a merged repeat carries the original's progress as `following`. */
export async function presentProgress(
  db: Db,
  row: ProgressRow,
  tz: string,
): Promise<PublicProgress & { following?: PublicFollowing | null }> {
  const own = await presentOwn(db, row, tz);
  if (row.status !== "merged" || !row.merged_into_id) return own;
  const original = await findProgressById(db, row.center_id, row.merged_into_id);
  if (!original) return { ...own, following: null };
  const o = await presentOwn(db, original, tz);
  return {
    ...own,
    following: {
      status: o.status,
      statusText: o.statusText,
      nextStep: o.nextStep,
      dueAt: o.dueAt,
      steps: o.steps,
      answer: o.answer,
      extensions: o.extensions,
    },
  };
}

async function presentOwn(db: Db, row: ProgressRow, tz: string): Promise<PublicProgress> {
  const steps = stepTexts(tz);
  const events = await listPublicEvents(db, row.center_id, row.id, Object.keys(steps));
  const iso = (d: Date) => toOffsetIso(d, tz);
  const replies: PublicProgress["replies"] = [];
  const extensions: PublicProgress["extensions"] = [];
  let department: string | null = null;
  for (const e of events) {
    const d = (e.details ?? {}) as Details;
    if (e.type === "acknowledged" && str(d.message)) {
      replies.push({ at: iso(e.at), kind: "acknowledgement", text: d.message as string });
    } else if (e.type === "resolved" && str(d.answer)) {
      replies.push({ at: iso(e.at), kind: "answer", text: d.answer as string });
    } else if (e.type === "rejected" && typeof d.reason === "string") {
      const r = publicRefusal({
        reason: d.reason as RejectReason,
        explanation: str(d.explanation),
        referredTo: str(d.referredTo),
      });
      replies.push({ at: iso(e.at), kind: "refusal", text: r.text });
    } else if (e.type === "dispatched") {
      const lead = d.lead as { name?: unknown } | undefined;
      department = str(lead?.name);
    } else if (e.type === "extension_approved" && str(d.reason) && str(d.newDueAt)) {
      // The reason and the new limit the requester was told; the approver's note stays internal.
      extensions.push({
        at: iso(e.at),
        reason: d.reason as string,
        newDueAt: iso(new Date(d.newDueAt as string)),
      });
    }
  }
  const stepList = events.map((e) => ({
    at: iso(e.at),
    text: (steps[e.type] as (d: Details) => string)((e.details ?? {}) as Details),
  }));

  // The answer is owed once the matter is finished: verified at 销号, or given on the spot.
  let answer: PublicProgress["answer"] = null;
  if (row.status === "closed" && row.answer && row.closed_at) {
    answer = { at: iso(row.closed_at), text: row.answer, department };
    replies.push({ at: answer.at, kind: "answer", text: row.answer });
  } else if (row.status === "resolved" && row.answer) {
    answer = { at: iso(row.resolved_at ?? row.received_at), text: row.answer, department: null };
  }

  const rejection = row.reject_reason
    ? publicRefusal({
        reason: row.reject_reason,
        explanation: row.reject_explanation,
        referredTo: row.referred_to,
      })
    : null;
  const received = row.status === "received";
  return {
    trackingNo: row.tracking_no,
    status: row.status,
    statusText: received && row.responded_at ? "已受理，工作人员已回复" : STATUS_TEXT[row.status],
    nextStep:
      row.status === "rejected" && rejection
        ? rejection.text
        : nextStepText({
            status: row.status,
            channel: row.channel,
            respondBy: row.respond_by,
            respondedAt: row.responded_at,
            dueAt: row.due_at,
            rejectReason: row.reject_reason,
            timeZone: tz,
          }),
    type: row.type,
    typeText: APPEAL_TYPE_LABELS[row.type],
    channel: row.channel,
    receivedAt: iso(row.received_at),
    respondBy: row.respond_by ? iso(row.respond_by) : null,
    dueAt: row.due_at ? iso(row.due_at) : null,
    steps: stepList,
    replies,
    rejection,
    answer,
    extensions,
  };
}
