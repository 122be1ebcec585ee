import { createHash, timingSafeEqual } from "node:crypto";
import type { PublicProgress, PublicSubmit } from "../../../contracts/public.js";
import { phoneDigits } from "../../../core/masking.js";
import type { Db } from "../../db/database.js";
import type { Deps } from "../../deps.js";
import { AppError } from "../../errors.js";
import { matchesIndex, phoneIndexes } from "../../lib/personal-data.js";
import { findProgressByTrackingNo, type ProgressRow, recordAppeal } from "../appeals/index.js";
import type { LookupThrottle } from "./lookup-throttle.js";
import { resolvePublicCenter } from "./public-center.js";
import { presentProgress } from "./public-progress.presenter.js";

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
    // The phone is stored encrypted: compare its blind index (under every key of the ring).
    ok = (digits.length >= 7 && matchesIndex(row.phone_bidx, phoneIndexes(digits))) || ok;
  }
  return ok;
}

/**
 * The appeal whose tracking number and query code (or phone) the caller holds: the one check of
 * the public pages (进度查询, 评价). A wrong code, a wrong phone and an unknown number all give
 * the same 404, so the endpoint is no oracle for which numbers exist; repeated failures are
 * throttled per source address, and per number only against distributed guessing
 * (lookup-throttle.ts).
 */
export async function findPublicAppeal(
  db: Db,
  throttle: LookupThrottle,
  trackingNo: string,
  q: { queryCode?: string; phone?: string },
  meta: { now: Date; source: string },
): Promise<ProgressRow> {
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
  return row;
}

/**
 * 进度查询 — progress of one appeal for whoever holds its tracking number and query code (or the
 * phone given when submitting). Never returns the requester's name, phone, address or the appeal text.
 */
export async function trackPublicAppeal(
  db: Db,
  throttle: LookupThrottle,
  trackingNo: string,
  q: { queryCode?: string; phone?: string },
  meta: { now: Date; source: string },
): Promise<PublicProgress> {
  const row = await findPublicAppeal(db, throttle, trackingNo, q, meta);
  const center = await resolvePublicCenter(db, undefined, row.center_id);
  return presentProgress(db, row, center.timezone);
}
