import { createHash, timingSafeEqual } from "node:crypto";
import {
  APPEAL_TYPE_LABELS,
  type AppealStatus,
  REJECT_REASON_LABELS,
  type RejectReason,
} from "../../../contracts/appeals.js";
import type { PublicProgress, PublicSubmit } from "../../../contracts/public.js";
import { toOffsetIso } from "../../../core/calendar-date.js";
import { phoneDigits } from "../../../core/masking.js";
import type { Db } from "../../db/database.js";
import type { Deps } from "../../deps.js";
import { AppError } from "../../errors.js";
import {
  findProgressByTrackingNo,
  listPublicEvents,
  nextStepText,
  type ProgressRow,
  recordAppeal,
  refusalText,
} from "../appeals/index.js";
import type { LookupThrottle } from "./lookup-throttle.js";
import { resolvePublicCenter } from "./public-center.js";

/**
 * 我要反映 — a citizen's appeal from the portal or mini-program, recorded by
 * the same intake service as staff intake (tracking number, query code,
 * 'received' event, acknowledgement SMS, first-response deadline), with the
 * actor kind 'public'.
 */
export async function submitPublicAppeal(
  deps: Deps,
  centerCode: string | undefined,
  input: PublicSubmit,
  opts: { now: Date; ip: string | null; idempotencyKey?: string },
) {
  const center = await resolvePublicCenter(deps.db, centerCode);
  const result = await recordAppeal(deps, { kind: "public", centerId: center.id }, input, opts);
  const a = result.body;
  return {
    statusCode: result.statusCode,
    body: {
      trackingNo: a.trackingNo,
      queryCode: a.queryCode,
      receivedAt: a.receivedAt,
      respondBy: a.respondBy,
      nextStep: a.receipt.nextStep,
    },
  };
}

const notFound = () =>
  new AppError("NOT_FOUND", "未找到该诉求，请核对受理编号和查询码（或提交时填写的电话号码）");

const digest = (s: string) => createHash("sha256").update(s).digest();
/** Equal-time comparison: the time taken says nothing about how much of a code was right. */
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

function matches(row: ProgressRow, q: { queryCode?: string; phone?: string }): boolean {
  let ok = false;
  if (q.queryCode !== undefined) ok = sameSecret(q.queryCode, row.query_code) || ok;
  if (q.phone !== undefined) {
    const digits = phoneDigits(q.phone);
    ok = (digits.length >= 7 && sameSecret(digits, row.phone_digits)) || ok;
  }
  return ok;
}

/**
 * 进度查询 — progress of one appeal for whoever holds its tracking number and
 * query code (or the phone given when submitting). A wrong code, a wrong phone
 * and an unknown number all give the same 404, so the endpoint is no oracle
 * for which numbers exist; repeated failures are throttled (lookup-throttle.ts).
 * Never returns the requester's name, phone, address or the appeal text.
 */
export async function trackPublicAppeal(
  db: Db,
  throttle: LookupThrottle,
  trackingNo: string,
  q: { queryCode?: string; phone?: string },
  meta: { now: Date; source: string },
): Promise<PublicProgress> {
  const { now, source } = meta;
  const refusal = throttle.refusal(trackingNo, source, now);
  if (refusal === "source") {
    throw new AppError("RATE_LIMITED", "查询失败次数过多，请 1 小时后再试");
  }
  if (refusal === "number") {
    throw new AppError("RATE_LIMITED", "该受理编号近期查询异常，请稍后再试，或携带受理回执到服务窗口查询");
  }
  const rows = await findProgressByTrackingNo(db, trackingNo);
  const row = rows.find((r) => matches(r, q));
  if (!row) {
    if (rows.length === 0) sameSecret(q.queryCode ?? q.phone ?? "", "000000");
    throttle.recordFailure(trackingNo, source, now);
    throw notFound();
  }
  throttle.recordSuccess(trackingNo, source);
  const center = await resolvePublicCenter(db, undefined, row.center_id);
  return presentProgress(db, row, center.timezone);
}

const STATUS_TEXT: Record<AppealStatus, string> = {
  received: "已受理，正在审核",
  rejected: "不予受理",
  resolved: "已办结",
  transferred: "已转交有关单位办理",
  dispatched: "正在办理",
  replied: "相关部门已答复，待中心核实办结",
  closed: "已办结销号",
};

/** Timeline events told to the requester, in plain words. Internal ones (phone reveals, recalculations) never appear. */
const STEP_TEXT: Record<string, (d: Record<string, unknown>) => string> = {
  received: () => "诉求已受理",
  acknowledged: () => "工作人员已回复",
  rejected: (d) => `不予受理：${REJECT_REASON_LABELS[d.reason as RejectReason] ?? "见答复"}`,
  resolved: () => "已办结",
  transferred: () => "已转交有关单位办理",
  dispatched: () => "已交相关部门办理",
  replied: () => "相关部门已答复",
  closed: () => "已办结销号",
  reopened: () => "重新办理",
};

async function presentProgress(db: Db, row: ProgressRow, tz: string): Promise<PublicProgress> {
  const events = await listPublicEvents(db, row.center_id, row.id, Object.keys(STEP_TEXT));
  const iso = (d: Date) => toOffsetIso(d, tz);
  const replies: PublicProgress["replies"] = [];
  const steps = events.map((e) => {
    const d = (e.details ?? {}) as Record<string, unknown>;
    if (e.type === "acknowledged" && typeof d.message === "string") {
      replies.push({ at: iso(e.at), kind: "acknowledgement", text: d.message });
    } else if (e.type === "resolved" && typeof d.answer === "string") {
      replies.push({ at: iso(e.at), kind: "answer", text: d.answer });
    } else if (e.type === "rejected" && typeof d.reason === "string") {
      replies.push({
        at: iso(e.at),
        kind: "refusal",
        text: refusalText({
          reason: d.reason as RejectReason,
          explanation: typeof d.explanation === "string" ? d.explanation : "",
          referredTo: typeof d.referredTo === "string" ? d.referredTo : null,
        }),
      });
    }
    return { at: iso(e.at), text: (STEP_TEXT[e.type] as (d: Record<string, unknown>) => string)(d) };
  });
  const received = row.status === "received";
  return {
    trackingNo: row.tracking_no,
    status: row.status,
    statusText: received && row.responded_at ? "已受理，工作人员已回复" : STATUS_TEXT[row.status],
    nextStep: nextStepText({
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
    steps,
    replies,
    rejection: row.reject_reason
      ? {
          reason: row.reject_reason,
          text: refusalText({
            reason: row.reject_reason,
            explanation: row.reject_explanation ?? "",
            referredTo: row.referred_to,
          }),
        }
      : null,
  };
}
