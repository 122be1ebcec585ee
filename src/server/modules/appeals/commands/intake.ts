import { randomInt } from "node:crypto";
import {
  ADDRESS_REQUIRED_MESSAGE,
  type CreateAppeal,
  type CreatedAppeal,
  INTEGRATION_CHANNELS,
  isOnlineChannel,
  missingAddress,
  PUBLIC_CHANNELS,
  STAFF_CHANNELS,
} from "../../../../contracts/appeals.js";
import type { DeadlineResult } from "../../../../core/deadline.js";
import { fingerprintColumns } from "../../../../core/simhash.js";
import { formatTrackingNo, makeQueryCode, trackingDay } from "../../../../core/tracking.js";
import { isSingleConnection } from "../../../db/database.js";
import type { Deps } from "../../../deps.js";
import { invalid } from "../../../errors.js";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  hashRequest,
  type IdempotencyClaim,
} from "../../../lib/idempotency.js";
import { toSearchDocument } from "../../../lib/text-search.js";
import { requireActiveCategory } from "../../categories/index.js";
import { type IntakeActor, idempotencyScope } from "../actors.js";
import {
  findByExternalId,
  insertAppeal,
  nextTrackingSeq,
  takeTrackingSeq,
} from "../data/appeal.repository.js";
import { receivedSms } from "../messages/appeal.messages.js";
import { toCreatedDto, toReceipt } from "../presenters/appeal.presenter.js";
import { firstResponseDeadline } from "./deadlines.js";
import { type CommandContext, receiptKey, withCommand } from "./runner.js";
import { firstResponseItem, reviewItem } from "./tracking.js";

/** How long a receipt given at the window or on the phone waits before it is sent. */
export const RECEIPT_HOLD_MS = 10 * 60_000;

/** A clock skew we tolerate on a pushed receivedAt (the other system's clock). */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;
/** Older pushes are data migrations, not intake. */
const MAX_PAST_MS = 366 * 86_400_000;

export interface IntakeOptions {
  now: Date;
  ip: string | null;
  idempotencyKey?: string;
}

export interface IntakeResult {
  /** 201 created, or 200 for a repeated integration push (same externalId). */
  statusCode: 200 | 201;
  body: CreatedAppeal;
}

/**
 * 受理 — records an appeal from any channel in one transaction: the appeal
 * with its tracking number and query code, the 'received' event, the
 * acknowledgement SMS (受理回执) in the outbox and the audit entry.
 * Online channels get their first-response deadline (respondBy, 1 working
 * day, counted from receivedAt), tracked until it is met.
 */
export async function recordAppeal(
  deps: Deps,
  actor: IntakeActor,
  input: CreateAppeal,
  opts: IntakeOptions,
): Promise<IntakeResult> {
  checkIntakeRules(actor, input, opts.now);
  const claim: IdempotencyClaim | undefined = opts.idempotencyKey
    ? { scope: idempotencyScope(actor, opts.ip), key: opts.idempotencyKey, requestHash: hashRequest(input) }
    : undefined;
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : opts.now;

  // Before the transaction, so nothing in it waits on a row shared by the center's intakes
  // (issue 14): the rules (cached), the category check and the tracking number, taken in a
  // statement of its own (takeTrackingSeq: a failed intake leaves a gap, never a duplicate). A
  // repeated push of an externalId already recorded takes none. On a single-connection database
  // (PGlite) transactions never overlap, so the number is taken inside the transaction instead
  // (no commit of its own, and no gap).
  const rules = await deps.rules.get(actor.centerId);
  const source = actor.kind === "integration" ? actor.source : null;
  const externalId = actor.kind === "integration" ? (input.externalId ?? null) : null;
  const repeat =
    source && externalId && (await findByExternalId(deps.db, actor.centerId, source, externalId));
  // 初步分类: when given, the code must be an active category of the center's taxonomy.
  if (!repeat && input.categoryCode) await requireActiveCategory(deps.db, actor.centerId, input.categoryCode);
  const day = trackingDay(opts.now, rules.timeZone);
  const numberBefore = !repeat && !isSingleConnection(deps.db);
  const seq = numberBefore ? await takeTrackingSeq(deps.db, actor.centerId, isoDay(day)) : undefined;
  const categoryChecked = !repeat;

  const attempt = () =>
    withCommand(
      deps,
      actor,
      opts,
      async (c) => {
        if (claim) {
          const r = await claimIdempotencyKey(c.trx, claim, opts.now);
          if (r.kind === "replay")
            return { statusCode: r.statusCode as 200 | 201, body: r.response as CreatedAppeal };
        }
        const deadline = isOnlineChannel(input.channel)
          ? firstResponseDeadline(c.rules, receivedAt)
          : undefined;
        const result = await createOrFindAppeal(c, input, receivedAt, deadline, day, {
          seq,
          categoryChecked,
        });
        if (claim) await completeIdempotencyKey(c.trx, claim, result.statusCode, result.body);
        return result;
      },
      // The timeline event, register and timers, rollup deltas, receipt SMS and audit row need no
      // result: one statement before commit (ADR 0018).
      { rules, batchWrites: true },
    );
  try {
    return await attempt();
  } catch (e) {
    // Lost the race against a concurrent push of the same externalId: the
    // retry finds that appeal (the number taken stays unused).
    if (e instanceof ConcurrentPush) return attempt();
    throw e;
  }
}

class ConcurrentPush extends Error {}

async function createOrFindAppeal(
  c: CommandContext<IntakeActor>,
  input: CreateAppeal,
  receivedAt: Date,
  deadline: DeadlineResult | undefined,
  day: string,
  before: { seq: number | undefined; categoryChecked: boolean },
): Promise<IntakeResult> {
  const { actor, center, now, trx } = c;
  const tz = center.timezone;
  const source = actor.kind === "integration" ? actor.source : null;
  const externalId = actor.kind === "integration" ? (input.externalId ?? null) : null;

  if (source && externalId) {
    const existing = await findByExternalId(trx, center.id, source, externalId);
    if (existing) return { statusCode: 200, body: toCreatedDto(existing, tz, now) };
  }
  // Checked before the transaction unless a repeated push was seen there (and is gone now).
  if (!before.categoryChecked && input.categoryCode) {
    await requireActiveCategory(trx, center.id, input.categoryCode);
  }
  const seq = before.seq ?? (await nextTrackingSeq(trx, center.id, isoDay(day)));
  const r = input.requester;
  const staff = actor.kind === "user" ? actor : undefined;

  const row = await insertAppeal(trx, {
    center_id: center.id,
    tracking_no: formatTrackingNo(center.code, day, seq),
    query_code: makeQueryCode(randomInt),
    channel: input.channel,
    type: input.type,
    category_code: input.categoryCode ?? null,
    status: "received",
    requester_kind: r.kind ?? (r.orgName ? "organization" : "person"),
    requester_name: r.name,
    org_name: r.orgName ?? null,
    contact_person: r.contactPerson ?? null,
    phone: r.phone,
    address: r.address ?? null,
    address_declined: !r.address && r.addressDeclined === true,
    content: input.content,
    received_at: receivedAt,
    recorded_at: now,
    received_by: staff?.userId ?? null,
    received_by_name: staff?.displayName ?? null,
    received_by_post: staff?.post ?? null,
    source,
    external_id: externalId,
    respond_by: deadline?.dueAt ?? null,
    respond_by_provisional: deadline?.provisional ?? false,
    respond_by_explanation: deadline?.explanation ?? null,
    // Names are personal data, encrypted at rest: they are found whole through their blind index,
    // never through the plaintext search tokens. An organisation's name is not personal data.
    search_tokens: toSearchDocument(input.content, r.orgName),
    ...fingerprintColumns(input.content),
    created_at: now,
    updated_at: now,
  });
  // No row: a concurrent push with the same externalId committed first.
  if (!row) throw new ConcurrentPush();
  // 跟踪到底 from the first moment: an online appeal is owed its first response; one taken at the
  // window or on the phone waits for the center's review (受理后第一时间).
  if (row.respond_by) await c.track(firstResponseItem(row));
  else await c.track(reviewItem(row, c.rules, row.received_at));

  const receipt = toReceipt(row, tz);
  await c.event(
    row,
    "received",
    {
      trackingNo: row.tracking_no,
      channel: row.channel,
      type: row.type,
      receivedAt: receipt.receivedAt,
      receivedBy: receipt.receivedBy,
      respondBy: receipt.respondBy,
      source: row.source,
      externalId: row.external_id,
    },
    c.who,
    {
      channel: row.channel,
      type: row.type,
      categoryCode: row.category_code,
      respondBy: row.respond_by,
      phone: row.phone,
      receivedAt: row.received_at,
      content: row.content,
    },
  );
  await c.sms(
    row,
    "appeal.received",
    receivedSms({
      centerName: center.name,
      trackingNo: row.tracking_no,
      queryCode: row.query_code,
      nextStep: receipt.nextStep,
    }),
    receiptKey(row.id),
    // Taken at the window or on the phone: held a few minutes, so a refusal or an answer given
    // on the spot replaces it and the requester gets one coherent text.
    staff && !isOnlineChannel(row.channel) ? new Date(now.getTime() + RECEIPT_HOLD_MS) : undefined,
  );
  await c.audit({
    centerId: row.center_id,
    action: "appeal.create",
    entity: "appeal",
    entityId: row.id,
    details: {
      trackingNo: row.tracking_no,
      channel: row.channel,
      source: row.source,
      externalId: row.external_id,
    },
  });
  return { statusCode: 201, body: toCreatedDto(row, tz, now) };
}

/** 'YYYYMMDD' → 'YYYY-MM-DD'. */
const isoDay = (day: string) => `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`;

/** Who may use which channel, receivedAt and externalId (API.md Appeal create). */
export function checkIntakeRules(actor: IntakeActor, input: CreateAppeal, now: Date): void {
  const allowed =
    actor.kind === "user"
      ? STAFF_CHANNELS
      : actor.kind === "integration"
        ? INTEGRATION_CHANNELS
        : (PUBLIC_CHANNELS as readonly string[]);
  if (!allowed.includes(input.channel)) {
    throw invalid("channel", `此方式不能登记“${input.channel}”渠道的诉求`);
  }
  if (input.receivedAt !== undefined) {
    if (actor.kind !== "integration" && input.channel !== "letter") {
      throw invalid("receivedAt", "只有信函和系统对接的诉求可以指定收到时间");
    }
    const t = new Date(input.receivedAt).getTime();
    if (t > now.getTime() + MAX_FUTURE_SKEW_MS) throw invalid("receivedAt", "收到时间不能晚于当前时间");
    if (t < now.getTime() - MAX_PAST_MS) throw invalid("receivedAt", "收到时间不能早于一年前");
  }
  if (input.externalId !== undefined && actor.kind !== "integration") {
    throw invalid("externalId", "只有系统对接推送的诉求可以带外部编号");
  }
  // 记录要素: staff and the portal record an address or the requester's choice not to give one;
  // integrations push what the other system has (their address stays optional).
  if (actor.kind !== "integration" && missingAddress(input.requester)) {
    throw invalid("requester.address", ADDRESS_REQUIRED_MESSAGE);
  }
}
