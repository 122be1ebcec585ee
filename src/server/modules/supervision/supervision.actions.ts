import { randomUUID } from "node:crypto";
import type { AuditAction } from "../../../contracts/audit.js";
import type { ManualSupervisionInput, SupervisionRecord } from "../../../contracts/supervision.js";
import type { CenterRules } from "../../../core/center-rules.js";
import { computeDeadline } from "../../../core/deadline.js";
import type { Db } from "../../db/database.js";
import type { Deps } from "../../deps.js";
import { AppError, invalid, notFound } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { appendAudit } from "../audit/index.js";
import { persistEffects } from "./supervision.effects.js";
import { type Item, itemKey, loadItems } from "./supervision.items.js";
import {
  noticeFacts,
  reminderFacts,
  requesterSupervisionSms,
  supervisionFacts,
} from "./supervision.messages.js";
import { getRecord } from "./supervision.query.js";
import * as repo from "./supervision.repository.js";
import { countdownFor, noticeEffect, reminderEffect, supervisionEffect } from "./supervision.sweep.js";

/** A supervisor's manual 催办, 督办单 and 通报, each with a note, audited. */

interface Meta {
  now: Date;
  ip: string | null;
}

async function loadOpenItem(trx: Db, actor: UserActor, input: ManualSupervisionInput): Promise<Item> {
  const items = await loadItems(trx, [{ kind: input.targetKind, id: input.targetId }]);
  const item = items.get(itemKey(input.targetKind, input.targetId));
  if (!item || item.centerId !== actor.centerId) throw notFound("督办事项");
  if (!item.open) throw new AppError("ILLEGAL_TRANSITION", "该事项已办结或不在办理中，无需催办或督办");
  return item;
}

const actorOf = (actor: UserActor) => ({ id: actor.userId, name: actor.displayName, kind: "user" as const });

/** Runs a manual action in one transaction with the center's rules (read before it). */
async function manual(
  deps: Deps,
  actor: UserActor,
  meta: Meta,
  action: AuditAction,
  body: (trx: Db, rules: CenterRules) => Promise<repo.RecordRow[]>,
): Promise<SupervisionRecord> {
  const rules = await deps.rules.get(actor.centerId);
  return deps.db.transaction().execute(async (trx) => {
    const [r] = await body(trx, rules);
    if (!r) throw new AppError("CONFLICT", "操作未生效，请刷新后重试");
    await appendAudit(trx, {
      ...auditFields(actor),
      action,
      entity: "supervision_record",
      entityId: r.id,
      details: {
        kind: r.kind,
        number: r.number,
        targetKind: r.target_kind,
        targetId: r.target_id,
        note: r.note,
      },
      ip: meta.ip,
      at: meta.now,
    });
    return getRecord(deps, actor, r.id, trx);
  });
}

/** Manual 催办 with a note: to the item's departments (or the window staff). */
export function remindManually(deps: Deps, actor: UserActor, input: ManualSupervisionInput, meta: Meta) {
  return manual(deps, actor, meta, "supervision.remind", async (trx, rules) => {
    const item = await loadOpenItem(trx, actor, input);
    const facts = reminderFacts(item, countdownFor(rules, meta.now, item.dueAt), rules.timeZone);
    return persistEffects(
      trx,
      [
        reminderEffect(item, meta.now, facts, {
          manual: true,
          note: input.note,
          actor: actorOf(actor),
          dedupeKey: `manual:${randomUUID()}`,
        }),
      ],
      meta.now,
      () => rules.timeZone,
      deps.events,
    );
  });
}

/** Manual 督办单 with a note and the policy's supervision limit; one open order per item. */
export async function superviseManually(
  deps: Deps,
  actor: UserActor,
  input: ManualSupervisionInput,
  meta: Meta,
): Promise<SupervisionRecord> {
  try {
    return await manual(deps, actor, meta, "supervision.order", async (trx, rules) => {
      const item = await loadOpenItem(trx, actor, input);
      const open = await repo.findOpenOrder(trx, actor.centerId, item.kind, item.id);
      if (open) throw new AppError("CONFLICT", `该事项已有未办结的督办单 ${open.number ?? ""}`);
      const orderDue = computeDeadline(
        rules.calendar,
        meta.now,
        rules.policy.supervisionDeadline,
        rules.timeZone,
      ).dueAt;
      const late = countdownFor(rules, meta.now, item.dueAt);
      return persistEffects(
        trx,
        [
          supervisionEffect(
            item,
            meta.now,
            orderDue,
            supervisionFacts(item, late, orderDue, meta.now, rules.timeZone),
            {
              manual: true,
              note: input.note,
              actor: actorOf(actor),
              dedupeKey: `manual:${randomUUID()}`,
              sms: () => requesterSupervisionSms(item, orderDue, meta.now, rules.timeZone),
            },
          ),
        ],
        meta.now,
        () => rules.timeZone,
        deps.events,
      );
    });
  } catch (err) {
    // Two supervisors at once (or the sweep): the partial unique index lets one order through.
    if ((err as { code?: string }).code === "23505") {
      throw new AppError("CONFLICT", "该事项已有未办结的督办单，请刷新");
    }
    throw err;
  }
}

/** Manual 通报 of an open supervision order (before its limit runs out, with a note). */
export function noticeManually(deps: Deps, actor: UserActor, orderId: string, note: string, meta: Meta) {
  return manual(deps, actor, meta, "supervision.notice", async (trx, rules) => {
    const [order] = await repo.lockRecords(trx, [orderId]);
    if (!order || order.center_id !== actor.centerId || order.kind !== "supervision")
      throw notFound("督办单");
    if (order.status !== "open") throw new AppError("ILLEGAL_TRANSITION", "督办单已办结或已通报");
    if (order.target_kind === "supervision_order") throw invalid("id", "督办单对象无效");
    const items = await loadItems(trx, [{ kind: order.target_kind, id: order.target_id }]);
    const item = items.get(itemKey(order.target_kind, order.target_id));
    if (!item) throw notFound("督办事项");
    const facts = noticeFacts(item, order.number, order.due_at ?? meta.now, meta.now, rules.timeZone);
    return persistEffects(
      trx,
      [
        noticeEffect(order, item, meta.now, facts, {
          manual: true,
          note,
          actor: actorOf(actor),
          dedupeKey: `manual:${randomUUID()}`,
          recipients: rules.policy.escalation,
        }),
      ],
      meta.now,
      () => rules.timeZone,
      deps.events,
    );
  });
}
