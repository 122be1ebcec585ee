import type { SweepResult } from "../../../contracts/supervision.js";
import type { CenterRules } from "../../../core/center-rules.js";
import { computeDeadline } from "../../../core/deadline.js";
import { countdownZh, reminderAt } from "../../../core/supervision.js";
import type { TimeLimitPolicy } from "../../../core/time-limits.js";
import type { Db } from "../../db/database.js";
import type { Deps } from "../../deps.js";
import type { DomainEvents } from "../../lib/events.js";
import { recordAppealEvents } from "../appeals/index.js";
import { appendAudit } from "../audit/index.js";
import { type Effect, persistEffects } from "./supervision.effects.js";
import { type Item, type ItemKind, itemKey, loadItems } from "./supervision.items.js";
import {
  noticeFacts,
  reminderFacts,
  requesterSupervisionSms,
  supervisionFacts,
} from "./supervision.messages.js";
import * as repo from "./supervision.repository.js";

export interface SweepOptions {
  /** Timers claimed per transaction. */
  batchSize?: number;
  /** Stop after this many batches (the next run goes on). */
  maxBatches?: number;
}

const SYSTEM = { id: null, name: "督办巡检", kind: "system" as const };

/**
 * One supervision sweep (督办巡检) at `now`: claims due timers batch by batch
 * (FOR UPDATE SKIP LOCKED, so any number of instances may sweep at once) and,
 * in the same transaction, writes what each causes and marks it done:
 *  - reminder stage → 催办 to the item's departments (or the window staff);
 *  - overdue stage of an item → 督办单 with its own limit (policy
 *    supervisionDeadline), to the departments and the center's leaders, and
 *    the requester is told the new limit;
 *  - overdue stage of a 督办单 still open → 通报 with the report's recipients
 *    (policy escalation), to the departments, leaders and supervisors.
 * A timer whose item is done is cancelled; one whose item's deadline moved is
 * re-armed; a reminder whose deadline already passed (downtime, a clock jump)
 * is skipped, since the overdue stage speaks for it — one message per item
 * and stage, never one per missed tick. An open order is resolved when its item
 * is done (resolveOrdersFor, called by the reply, the first response and the
 * milestone report) and, failing that, when its own timer finds the item done.
 */
export async function runSweep(deps: Deps, now: Date, opts: SweepOptions = {}): Promise<SweepResult> {
  const { db } = deps;
  const batchSize = opts.batchSize ?? 500;
  const maxBatches = opts.maxBatches ?? 1_000;
  const total: SweepResult = { reminders: 0, supervisions: 0, notices: 0, skipped: 0 };
  // Per batch transaction: the rules of each center touched, read through the transaction
  // (on PGlite the outer handle would wait for the transaction's connection).
  const rulesIn = (trx: Db) => {
    const memo = new Map<string, Promise<CenterRules>>();
    return (centerId: string) => {
      let p = memo.get(centerId);
      if (!p) {
        p = deps.rules.get(centerId, trx);
        memo.set(centerId, p);
      }
      return p;
    };
  };

  for (let i = 0; i < maxBatches; i++) {
    const claimed = await db.transaction().execute(async (trx) => {
      const timers = await repo.claimDueTimers(trx, now, batchSize);
      if (timers.length === 0) return 0;
      const r = await processBatch(trx, timers, now, rulesIn(trx), deps.events);
      total.reminders += r.reminders;
      total.supervisions += r.supervisions;
      total.notices += r.notices;
      total.skipped += r.skipped;
      return timers.length;
    });
    if (claimed < batchSize) break;
  }

  if (total.reminders + total.supervisions + total.notices > 0) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        centerId: null,
        actorId: null,
        actorName: "system:supervision-sweep",
        action: "supervision.sweep",
        details: { ...total },
        at: now,
      }),
    );
  }
  return total;
}

export const remindAtFor = (r: CenterRules, startAt: Date, dueAt: Date): Date | null =>
  reminderAt(startAt, dueAt, r.policy.reminder, r.calendar, r.timeZone);
export const countdownFor = (r: CenterRules, now: Date, dueAt: Date): string =>
  countdownZh(now, dueAt, r.calendar, r.timeZone);

async function processBatch(
  trx: Db,
  timers: repo.TimerRow[],
  now: Date,
  rules: (centerId: string) => Promise<CenterRules>,
  events: DomainEvents,
): Promise<SweepResult> {
  const result: SweepResult = { reminders: 0, supervisions: 0, notices: 0, skipped: 0 };

  // The supervision orders some timers are about, then every item involved.
  const orders = new Map(
    (
      await repo.lockRecords(
        trx,
        timers.filter((t) => t.target_kind === "supervision_order").map((t) => t.target_id),
      )
    ).map((o) => [o.id, o]),
  );
  const wanted: { kind: ItemKind; id: string }[] = [];
  for (const t of timers) {
    if (t.target_kind !== "supervision_order") wanted.push({ kind: t.target_kind, id: t.target_id });
  }
  for (const o of orders.values()) {
    if (o.target_kind !== "supervision_order") wanted.push({ kind: o.target_kind, id: o.target_id });
  }
  const items = await loadItems(trx, wanted);
  const openOrders = await repo.openOrdersFor(
    trx,
    timers
      .filter((t) => t.stage === "overdue" && t.target_kind !== "supervision_order")
      .map((t) => ({
        kind: t.target_kind,
        id: t.target_id,
      })),
  );

  const outcomes: repo.TimerOutcome[] = [];
  const effects: Effect[] = [];
  const resolveIds: string[] = [];
  const tzOf = new Map<string, string>();

  for (const t of timers) {
    const r = await rules(t.center_id);
    tzOf.set(t.center_id, r.timeZone);
    const skip = (status: "done" | "cancelled", outcome: string) => {
      outcomes.push({ id: t.id, status, outcome });
      result.skipped++;
    };

    if (t.target_kind === "supervision_order") {
      const order = orders.get(t.target_id);
      if (order?.status !== "open") {
        skip("cancelled", "order_closed");
        continue;
      }
      const item = items.get(itemKey(order.target_kind, order.target_id));
      if (!item?.open) {
        resolveIds.push(order.id);
        skip("done", "order_resolved");
        continue;
      }
      effects.push(
        noticeEffect(
          order,
          item,
          now,
          noticeFacts(item, order.number, order.due_at ?? t.due_at, now, r.timeZone),
          {
            manual: false,
            note: null,
            actor: SYSTEM,
            dedupeKey: `auto:notice:${order.id}`,
            recipients: r.policy.escalation,
          },
        ),
      );
      outcomes.push({ id: t.id, status: "done", outcome: "noticed" });
      result.notices++;
      continue;
    }

    const item = items.get(itemKey(t.target_kind, t.target_id));
    if (!item?.open) {
      skip("cancelled", "item_closed");
      continue;
    }
    if (item.dueAt.getTime() !== t.due_at.getTime()) {
      // The deadline moved (extension, recomputation) and nobody re-armed: do it now.
      const fireAt =
        t.stage === "reminder"
          ? remindAtFor(r, item.startAt, item.dueAt)
          : new Date(item.dueAt.getTime() + 1);
      outcomes.push({
        id: t.id,
        status: fireAt ? "pending" : "cancelled",
        outcome: "rearmed",
        dueAt: item.dueAt,
        fireAt: fireAt ?? item.dueAt,
      });
      result.skipped++;
      continue;
    }

    if (t.stage === "reminder") {
      if (now.getTime() > item.dueAt.getTime()) {
        skip("done", "late_skipped");
        continue;
      }
      effects.push(
        reminderEffect(item, now, reminderFacts(item, countdownFor(r, now, item.dueAt), r.timeZone), {
          manual: false,
          note: null,
          actor: SYSTEM,
          dedupeKey: `auto:reminder:${item.kind}:${item.id}:${item.dueAt.getTime()}`,
        }),
      );
      outcomes.push({ id: t.id, status: "done", outcome: "reminded" });
      result.reminders++;
      continue;
    }

    // Overdue stage of an item.
    if (openOrders.has(itemKey(item.kind, item.id))) {
      skip("done", "already_supervised");
      continue;
    }
    const orderDue = computeDeadline(r.calendar, now, r.policy.supervisionDeadline, r.timeZone).dueAt;
    effects.push(
      supervisionEffect(
        item,
        now,
        orderDue,
        supervisionFacts(item, countdownFor(r, now, item.dueAt), orderDue, now, r.timeZone),
        {
          manual: false,
          note: null,
          actor: SYSTEM,
          dedupeKey: `auto:supervision:${item.kind}:${item.id}:${item.dueAt.getTime()}`,
          sms: () => requesterSupervisionSms(item, orderDue, now, r.timeZone),
        },
      ),
    );
    outcomes.push({ id: t.id, status: "done", outcome: "supervised" });
    result.supervisions++;
  }

  await persistEffects(trx, effects, now, (c) => tzOf.get(c) ?? "Asia/Shanghai", events);
  await resolveOrders(trx, resolveIds, now);
  await repo.finishTimers(trx, outcomes, now);
  return result;
}

export interface EffectMeta {
  manual: boolean;
  note: string | null;
  actor: Effect["actor"];
  dedupeKey: string;
}

/** The record of a reminder or a supervision order on an item, as its author made it. */
function itemRecord(
  item: Item,
  now: Date,
  facts: string,
  m: EffectMeta,
  own: Pick<Effect["record"], "kind" | "due_at" | "status">,
): Effect["record"] {
  return {
    center_id: item.centerId,
    kind: own.kind,
    target_kind: item.kind,
    target_id: item.id,
    appeal_id: item.appealId,
    department_id: item.departmentIds[0] ?? null,
    target_due_at: item.dueAt,
    due_at: own.due_at,
    status: own.status,
    supervision_order_id: null,
    manual: m.manual,
    note: m.note,
    facts,
    recipients: null,
    created_at: now,
    created_by: m.actor.id,
    created_by_name: m.actor.name,
    dedupe_key: m.dedupeKey,
  };
}

export function reminderEffect(item: Item, now: Date, facts: string, m: EffectMeta): Effect {
  return {
    record: itemRecord(item, now, facts, m, { kind: "reminder", due_at: null, status: "done" }),
    numberPrefix: null,
    item,
    alsoRoles: [],
    actor: m.actor,
  };
}

export function supervisionEffect(
  item: Item,
  now: Date,
  orderDue: Date,
  facts: string,
  m: EffectMeta & { sms: () => string },
): Effect {
  return {
    record: itemRecord(item, now, facts, m, { kind: "supervision", due_at: orderDue, status: "open" }),
    numberPrefix: "DB",
    item,
    alsoRoles: ["leader"],
    actor: m.actor,
    orderDueAt: orderDue,
    requesterSms: m.sms,
  };
}

/** 通报 of an open supervision order: escalates it; the report goes to the policy's recipients. */
export function noticeEffect(
  order: repo.RecordRow,
  item: Item,
  now: Date,
  facts: string,
  m: EffectMeta & { recipients: TimeLimitPolicy["escalation"] },
): Effect {
  return {
    record: {
      center_id: order.center_id,
      kind: "notice",
      target_kind: order.target_kind,
      target_id: order.target_id,
      appeal_id: order.appeal_id,
      department_id: order.department_id,
      target_due_at: order.target_due_at,
      due_at: null,
      status: "done",
      supervision_order_id: order.id,
      manual: m.manual,
      note: m.note,
      facts,
      recipients: JSON.stringify(m.recipients),
      created_at: now,
      created_by: m.actor.id,
      created_by_name: m.actor.name,
      dedupe_key: m.dedupeKey,
    },
    numberPrefix: "TB",
    item,
    alsoRoles: ["leader", "supervisor"],
    actor: m.actor,
    escalateOrderId: order.id,
  };
}

/** Marks open orders resolved and writes their timeline events. */
export async function resolveOrders(trx: Db, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  const rows = await repo.setRecordStatus(trx, ids, "resolved", now);
  await recordAppealEvents(
    trx,
    rows.map((r) => ({
      center_id: r.center_id,
      appeal_id: r.appeal_id,
      at: now,
      actor_id: null,
      actor_name: SYSTEM.name,
      actor_kind: "system" as const,
      type: "supervision.resolved",
      details: JSON.stringify({
        recordId: r.id,
        number: r.number,
        targetKind: r.target_kind,
        targetId: r.target_id,
        facts: `督办单 ${r.number ?? ""} 所督办事项已办结，督办结束。`,
      }),
    })),
  );
}

/** The item is done (e.g. the department replied): its open supervision order is resolved now. */
export async function resolveOrdersFor(
  trx: Db,
  centerId: string,
  targetKind: ItemKind,
  targetId: string,
  now: Date,
): Promise<void> {
  const open = await repo.findOpenOrder(trx, centerId, targetKind, targetId);
  if (open) await resolveOrders(trx, [open.id], now);
}
