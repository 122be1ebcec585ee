import type { Role } from "../../../contracts/enums.js";
import { TARGET_CENTER_ROLE } from "../../../contracts/supervision.js";
import { formatDate, localDay } from "../../../core/calendar-date.js";
import type { Db } from "../../db/database.js";
import type { NewRow } from "../../db/schema.js";
import type { DomainEvents } from "../../lib/events.js";
import { findActiveRecipients } from "../accounts/index.js";
import { notifyRequesters, recordAppealEvents } from "../appeals/index.js";
import { notifyStaff, type StaffMessage } from "../notifications/index.js";
import "./supervision.events.js";
import type { Item } from "./supervision.items.js";
import * as repo from "./supervision.repository.js";

/**
 * What a reminder, supervision order or notice causes, written in the caller's
 * transaction in a few set-based statements (DESIGN.md §4: side effects go
 * through the outbox with the business change): the record, the appeal's
 * timeline event, in-app messages to the people concerned, the requester's SMS
 * where the standard asks for it, the new order's own timer, and the order a
 * notice escalates.
 */
export interface Effect {
  record: Omit<NewRow<"supervision_records">, "number">;
  /** Numbered records: 督办单 DB…, 通报 TB…. */
  numberPrefix: "DB" | "TB" | null;
  item: Item;
  /** Center roles that also get the message (besides the item's departments, or the window staff). */
  alsoRoles: Role[];
  actor: { id: string | null; name: string; kind: "user" | "system" };
  /** A supervision order's own limit: its overdue timer is armed. */
  orderDueAt?: Date;
  /** A notice escalates this open order. */
  escalateOrderId?: string;
  requesterSms?: (number: string | null) => string;
}

export const EVENT_TYPES = {
  reminder: "supervision.reminder",
  supervision: "supervision.order",
  notice: "supervision.notice",
} as const;

const TITLES = {
  reminder: "催办",
  supervision: "督办",
  notice: "通报",
} as const;

/**
 * Writes the effects; returns the records actually inserted (a dedupe key
 * already present — the same automatic step done before — is skipped with
 * everything that would follow from it).
 */
export async function persistEffects(
  trx: Db,
  effects: Effect[],
  now: Date,
  timeZoneOf: (centerId: string) => string,
  events: DomainEvents,
): Promise<repo.RecordRow[]> {
  if (effects.length === 0) return [];

  // Numbers: one counter bump per (center, prefix).
  const numbers = new Map<Effect, string>();
  const groups = new Map<string, Effect[]>();
  for (const e of effects) {
    if (!e.numberPrefix) continue;
    const k = `${e.record.center_id}|${e.numberPrefix}`;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  for (const [k, list] of groups) {
    const [centerId, prefix] = k.split("|") as [string, string];
    const day = formatDate(localDay(now.getTime(), timeZoneOf(centerId)));
    const first = await repo.allocateNumbers(trx, centerId, prefix, day, list.length);
    list.forEach((e, i) => {
      numbers.set(e, `${prefix}${day.replaceAll("-", "")}${String(first + i).padStart(4, "0")}`);
    });
  }

  const inserted = await repo.insertRecords(
    trx,
    effects.map((e) => ({ ...e.record, number: numbers.get(e) ?? null })),
  );
  const byKey = new Map(inserted.map((r) => [r.dedupe_key, r]));
  const done = effects
    .map((e) => ({ e, r: byKey.get(e.record.dedupe_key) }))
    .filter((x): x is { e: Effect; r: repo.RecordRow } => x.r !== undefined);
  if (done.length === 0) return [];

  await recordAppealEvents(
    trx,
    done.map(({ e, r }) => ({
      center_id: r.center_id,
      appeal_id: r.appeal_id,
      at: now,
      actor_id: e.actor.id,
      actor_name: e.actor.name,
      actor_kind: e.actor.kind,
      type: EVENT_TYPES[r.kind],
      details: JSON.stringify({
        recordId: r.id,
        number: r.number,
        targetKind: r.target_kind,
        targetId: r.target_id,
        targetDueAt: r.target_due_at.toISOString(),
        dueAt: r.due_at ? r.due_at.toISOString() : null,
        note: r.note,
        facts: r.facts,
        manual: r.manual,
        departmentId: r.department_id,
      }),
    })),
  );

  // In-app messages: the item's departments (or the center role that owes it: the window staff
  // for a first response, the reviewers for a review, a close-out or a 函转)
  // response) plus the extra center roles of the kind.
  const deptIds = [...new Set(done.flatMap(({ e }) => e.item.departmentIds))];
  const centerIds = [...new Set(done.map(({ r }) => r.center_id))];
  const owners = (e: Effect): Role[] =>
    e.item.departmentIds.length ? e.alsoRoles : [TARGET_CENTER_ROLE[e.item.kind] ?? "window", ...e.alsoRoles];
  const roles = [...new Set(done.flatMap(({ e }) => owners(e)))];
  const people = await findActiveRecipients(trx, deptIds, centerIds, roles);
  const messages: StaffMessage[] = [];
  for (const { e, r } of done) {
    const wantRoles: string[] = owners(e);
    for (const p of people) {
      const inDept = p.department_id !== null && e.item.departmentIds.includes(p.department_id);
      const byRole = p.center_id === r.center_id && p.roles.some((x) => wantRoles.includes(x));
      if (!inDept && !byRole) continue;
      messages.push({
        center_id: r.center_id,
        user_id: p.id,
        kind: EVENT_TYPES[r.kind],
        title: `${TITLES[r.kind]}${r.number ? ` ${r.number}` : ""}：${e.item.label}`,
        body: r.note ? `${r.facts}\n说明：${r.note}` : r.facts,
        appeal_id: r.appeal_id,
        link: `/appeals/${r.appeal_id}`,
        record_id: r.id,
        created_at: now,
      });
    }
  }
  await notifyStaff(trx, messages);

  // The requester is told the new limit; the lifecycle knows their number, supervision never does.
  await notifyRequesters(
    trx,
    done
      .filter(({ e }) => e.requesterSms)
      .map(({ e, r }) => ({
        centerId: r.center_id,
        appealId: r.appeal_id,
        kind: EVENT_TYPES[r.kind],
        text: e.requesterSms?.(r.number) ?? "",
        dedupeKey: `supervision:${r.id}:requester`,
        now,
      })),
  );

  await repo.insertTimers(
    trx,
    done
      .filter(({ e }) => e.orderDueAt)
      .map(({ e, r }) => ({
        center_id: r.center_id,
        target_kind: "supervision_order" as const,
        target_id: r.id,
        stage: "overdue" as const,
        appeal_id: r.appeal_id,
        due_at: e.orderDueAt as Date,
        fire_at: new Date((e.orderDueAt as Date).getTime() + 1),
        created_at: now,
        updated_at: now,
      })),
  );

  await repo.setRecordStatus(
    trx,
    done.flatMap(({ e }) => (e.escalateOrderId ? [e.escalateOrderId] : [])),
    "escalated",
    now,
  );
  for (const { r } of done) {
    await events.emit(trx, "supervision.recorded", {
      centerId: r.center_id,
      appealId: r.appeal_id,
      kind: r.kind,
      departmentId: r.department_id,
      at: now,
      timeZone: timeZoneOf(r.center_id),
    });
  }
  return done.map(({ r }) => r);
}
