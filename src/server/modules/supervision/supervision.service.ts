import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Light } from "../../../contracts/appeals.js";
import type {
  Board,
  BoardItem,
  BoardQuery,
  ManualSupervisionInput,
  SupervisionListQuery,
  SupervisionRecord,
} from "../../../contracts/supervision.js";
import { toOffsetIso } from "../../../core/calendar-date.js";
import { computeDeadline } from "../../../core/deadline.js";
import { dueLight } from "../../../core/supervision.js";
import type { Db } from "../../db/database.js";
import { AppError, invalid, notFound } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { appendAudit } from "../audit/index.js";
import { centerRules, countdownFor } from "./supervision.context.js";
import { persistEffects } from "./supervision.effects.js";
import {
  noticeFacts,
  reminderFacts,
  requesterSupervisionSms,
  supervisionFacts,
} from "./supervision.messages.js";
import * as repo from "./supervision.repository.js";
import { noticeEffect, reminderEffect, supervisionEffect } from "./supervision.sweep.js";
import { itemKey, loadItems } from "./supervision.targets.js";

interface Meta {
  now: Date;
  ip: string | null;
}

const CENTER_READERS = ["supervisor", "leader", "admin"] as const;

/** Center-wide readers see the center's records; a department handler sees its department's. */
function recordScope(actor: UserActor): { departmentId: string | null } {
  if (actor.roles.some((r) => (CENTER_READERS as readonly string[]).includes(r)))
    return { departmentId: null };
  if (actor.roles.includes("department") && actor.departmentId) return { departmentId: actor.departmentId };
  throw new AppError("FORBIDDEN", "当前角色无权查看督办记录");
}

type RecordView = repo.RecordRow & { tracking_no: string; department_name: string | null };

function present(r: RecordView, tz: string): SupervisionRecord {
  const iso = (d: Date | null) => (d ? toOffsetIso(d, tz) : null);
  return {
    id: r.id,
    kind: r.kind,
    number: r.number,
    targetKind: r.target_kind,
    targetId: r.target_id,
    appealId: r.appeal_id,
    trackingNo: r.tracking_no,
    departmentId: r.department_id,
    departmentName: r.department_name,
    targetDueAt: toOffsetIso(r.target_due_at, tz),
    dueAt: iso(r.due_at),
    status: r.status,
    resolvedAt: iso(r.resolved_at),
    supervisionOrderId: r.supervision_order_id,
    manual: r.manual,
    note: r.note,
    facts: r.facts,
    recipients: r.recipients,
    createdAt: toOffsetIso(r.created_at, tz),
    createdByName: r.created_by_name,
  };
}

function recordsQuery(db: Db, centerId: string) {
  return db
    .selectFrom("supervision_records as r")
    .innerJoin("appeals as a", "a.id", "r.appeal_id")
    .leftJoin("departments as d", "d.id", "r.department_id")
    .selectAll("r")
    .select(["a.tracking_no", "d.name as department_name"])
    .where("r.center_id", "=", centerId);
}

export async function listRecords(
  db: Db,
  actor: UserActor,
  q: SupervisionListQuery,
): Promise<{ items: SupervisionRecord[]; nextCursor: string | null }> {
  const scope = recordScope(actor);
  let query = recordsQuery(db, actor.centerId);
  if (scope.departmentId) query = query.where("r.department_id", "=", scope.departmentId);
  if (q.kind) query = query.where("r.kind", "=", q.kind);
  if (q.status) query = query.where("r.status", "=", q.status);
  if (q.departmentId) query = query.where("r.department_id", "=", q.departmentId);
  if (q.appealId) query = query.where("r.appeal_id", "=", q.appealId);
  if (q.targetKind) query = query.where("r.target_kind", "=", q.targetKind);
  if (q.targetId) query = query.where("r.target_id", "=", q.targetId);
  if (q.cursor) query = query.where("r.id", "<", q.cursor);
  const rows = await query
    .orderBy("r.id", "desc")
    .limit(q.limit + 1)
    .execute();
  const { timeZone } = await centerRules(db, actor.centerId);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => present(r, timeZone)),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export async function getRecord(db: Db, actor: UserActor, id: string): Promise<SupervisionRecord> {
  const scope = recordScope(actor);
  let query = recordsQuery(db, actor.centerId).where("r.id", "=", id);
  if (scope.departmentId) query = query.where("r.department_id", "=", scope.departmentId);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound("督办记录");
  const { timeZone } = await centerRules(db, actor.centerId);
  return present(row, timeZone);
}

async function loadOpenItem(db: Db, actor: UserActor, input: ManualSupervisionInput) {
  const items = await loadItems(db, [{ kind: input.targetKind, id: input.targetId }]);
  const item = items.get(itemKey(input.targetKind, input.targetId));
  if (!item || item.centerId !== actor.centerId) throw notFound("督办事项");
  if (!item.open) throw new AppError("ILLEGAL_TRANSITION", "该事项已办结或不在办理中，无需催办或督办");
  return item;
}

function actorOf(actor: UserActor) {
  return { id: actor.userId, name: actor.displayName, kind: "user" as const };
}

async function finish(
  trx: Db,
  actor: UserActor,
  rows: repo.RecordRow[],
  action: string,
  meta: Meta,
): Promise<SupervisionRecord> {
  const r = rows[0];
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
  return getRecord(trx, actor, r.id);
}

/** Manual 催办 with a note: to the item's departments (or the window staff). */
export async function remindManually(
  db: Db,
  actor: UserActor,
  input: ManualSupervisionInput,
  meta: Meta,
): Promise<SupervisionRecord> {
  return db.transaction().execute(async (trx) => {
    const item = await loadOpenItem(trx, actor, input);
    const rules = await centerRules(trx, actor.centerId);
    const facts = reminderFacts(item, countdownFor(rules, meta.now, item.dueAt), rules.timeZone);
    const rows = await persistEffects(
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
    );
    return finish(trx, actor, rows, "supervision.remind", meta);
  });
}

/** Manual 督办单 with a note and the policy's supervision limit; one open order per item. */
export async function superviseManually(
  db: Db,
  actor: UserActor,
  input: ManualSupervisionInput,
  meta: Meta,
): Promise<SupervisionRecord> {
  try {
    return await db.transaction().execute(async (trx) => {
      const item = await loadOpenItem(trx, actor, input);
      const open = await repo.findOpenOrder(trx, actor.centerId, item.kind, item.id);
      if (open) throw new AppError("CONFLICT", `该事项已有未办结的督办单 ${open.number ?? ""}`);
      const rules = await centerRules(trx, actor.centerId);
      const orderDue = computeDeadline(
        rules.calendar,
        meta.now,
        rules.policy.supervisionDeadline,
        rules.timeZone,
      ).dueAt;
      const late = countdownFor(rules, meta.now, item.dueAt);
      const rows = await persistEffects(
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
      );
      return finish(trx, actor, rows, "supervision.order", meta);
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
export async function noticeManually(
  db: Db,
  actor: UserActor,
  orderId: string,
  note: string,
  meta: Meta,
): Promise<SupervisionRecord> {
  return db.transaction().execute(async (trx) => {
    const [order] = await repo.lockRecords(trx, [orderId]);
    if (!order || order.center_id !== actor.centerId || order.kind !== "supervision")
      throw notFound("督办单");
    if (order.status !== "open") throw new AppError("ILLEGAL_TRANSITION", "督办单已办结或已通报");
    if (order.target_kind === "supervision_order") throw invalid("id", "督办单对象无效");
    const items = await loadItems(trx, [{ kind: order.target_kind, id: order.target_id }]);
    const item = items.get(itemKey(order.target_kind, order.target_id));
    if (!item) throw notFound("督办事项");
    const rules = await centerRules(trx, actor.centerId);
    const facts = noticeFacts(item, order.number, order.due_at ?? meta.now, meta.now, rules.timeZone);
    const rows = await persistEffects(
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
    );
    return finish(trx, actor, rows, "supervision.notice", meta);
  });
}

// ---------------------------------------------------------------------------
// The board (督办看板): every open item with its light, by department.

interface BoardRow {
  target_kind: BoardItem["targetKind"];
  target_id: string;
  appeal_id: string;
  tracking_no: string;
  label: string;
  excerpt: string;
  department_id: string | null;
  department_name: string | null;
  due_at: Date;
  remind_at: Date | null;
}

/**
 * Open items of a center as one relation. Each branch reads its table's open
 * rows through an index (work orders by status, open milestones, the
 * first-response inbox index), so the cost follows the open items, not the
 * table sizes.
 */
function openItems(centerId: string) {
  const remind = (kind: string, id: string) =>
    sql`(select t.fire_at from supervision_timers t where t.center_id = ${centerId} and t.target_kind = ${kind}
      and t.target_id = ${sql.ref(id)} and t.stage = 'reminder'
      and t.outcome is distinct from 'no_threshold' and t.status <> 'cancelled')`;
  return sql`(
    select 'work_order'::text as target_kind, w.id as target_id, w.appeal_id, a.tracking_no,
      w.number as label, left(a.content, 60) as excerpt, w.lead_department_id as department_id,
      d.name as department_name, w.due_at, ${remind("work_order", "w.id")} as remind_at
    from work_orders w join appeals a on a.id = w.appeal_id join departments d on d.id = w.lead_department_id
    where w.center_id = ${centerId} and w.status in ('pending','signed')
    union all
    select 'milestone', m.id, p.appeal_id, a.tracking_no,
      w.number || ' 第' || m.seq || '节点：' || m.title, left(a.content, 60), p.department_id,
      d.name, m.due_at, ${remind("milestone", "m.id")}
    from plan_milestones m join plans p on p.id = m.plan_id join work_orders w on w.id = p.work_order_id
      join appeals a on a.id = p.appeal_id join departments d on d.id = p.department_id
    where m.center_id = ${centerId} and m.status <> 'done' and p.status = 'approved'
      and w.status in ('pending','signed')
    union all
    select 'first_response', a.id, a.id, a.tracking_no, a.tracking_no, left(a.content, 60), null, null,
      a.respond_by, ${remind("first_response", "a.id")}
    from appeals a
    where a.center_id = ${centerId} and a.responded_at is null and a.respond_by is not null
      and a.status = 'received'
  )`;
}

function lightCondition(light: Light | undefined, now: Date) {
  switch (light) {
    case "red":
      return sql`x.due_at < ${now}`;
    case "yellow":
      return sql`x.due_at >= ${now} and x.remind_at <= ${now}`;
    case "green":
      return sql`x.due_at >= ${now} and (x.remind_at is null or x.remind_at > ${now})`;
    default:
      return sql`true`;
  }
}

function decodeCursor(c: string): { dueAt: Date; kind: string; id: string } {
  const [ms, kind, id] = c.split("|");
  const t = Number(ms);
  if (!Number.isFinite(t) || !kind || !id || !/^\d{1,19}$/.test(id)) throw invalid("cursor", "分页游标无效");
  return { dueAt: new Date(t), kind, id };
}

export async function board(db: Db, actor: UserActor, q: BoardQuery, now: Date): Promise<Board> {
  const c = actor.centerId;
  const rules = await centerRules(db, c);
  const conds = [lightCondition(q.light, now)];
  if (q.departmentId) conds.push(sql`x.department_id = ${q.departmentId}`);
  if (q.targetKind) conds.push(sql`x.target_kind = ${q.targetKind}`);
  if (q.cursor) {
    const k = decodeCursor(q.cursor);
    conds.push(sql`(x.due_at, x.target_kind, x.target_id) > (${k.dueAt}, ${k.kind}, ${k.id}::bigint)`);
  }
  const rows = (
    await sql<BoardRow>`select x.* from ${openItems(c)} x where ${sql.join(conds, sql` and `)}
      order by x.due_at, x.target_kind, x.target_id limit ${q.limit + 1}`.execute(db)
  ).rows;
  const summary = (
    await sql<{
      department_id: string | null;
      department_name: string | null;
      green: string;
      yellow: string;
      red: string;
    }>`select x.department_id, x.department_name,
        count(*) filter (where x.due_at >= ${now} and (x.remind_at is null or x.remind_at > ${now})) as green,
        count(*) filter (where x.due_at >= ${now} and x.remind_at <= ${now}) as yellow,
        count(*) filter (where x.due_at < ${now}) as red
      from ${openItems(c)} x group by x.department_id, x.department_name
      order by red desc, yellow desc, x.department_name`.execute(db)
  ).rows;

  const page = rows.slice(0, q.limit);
  const records =
    page.length === 0
      ? []
      : await db
          .selectFrom("supervision_records")
          .select(["id", "kind", "number", "status", "target_kind", "target_id", "due_at"])
          .where("center_id", "=", c)
          .where((eb) =>
            eb.or(
              page.map((p) =>
                eb.and([eb("target_kind", "=", p.target_kind), eb("target_id", "=", p.target_id)]),
              ),
            ),
          )
          .orderBy("id")
          .execute();
  const items: BoardItem[] = page.map((p) => {
    const mine = records.filter((r) => r.target_kind === p.target_kind && r.target_id === p.target_id);
    const order = mine.filter((r) => r.kind === "supervision").at(-1);
    return {
      targetKind: p.target_kind,
      targetId: p.target_id,
      appealId: p.appeal_id,
      trackingNo: p.tracking_no,
      label: p.label,
      excerpt: p.excerpt,
      departmentId: p.department_id,
      departmentName: p.department_name,
      dueAt: toOffsetIso(p.due_at, rules.timeZone),
      remindAt: p.remind_at ? toOffsetIso(p.remind_at, rules.timeZone) : null,
      light: dueLight(now, p.due_at, p.remind_at),
      countdown: countdownFor(rules, now, p.due_at),
      reminders: mine.filter((r) => r.kind === "reminder").length,
      supervisionOrderId: order?.id ?? null,
      supervisionNumber: order?.number ?? null,
      supervisionStatus: order?.status ?? null,
      supervisionDueAt: order?.due_at ? toOffsetIso(order.due_at, rules.timeZone) : null,
      noticed: mine.some((r) => r.kind === "notice"),
    };
  });
  const last = page.at(-1);
  return {
    now: toOffsetIso(now, rules.timeZone),
    summary: summary.map((s) => ({
      departmentId: s.department_id,
      departmentName: s.department_name ?? "窗口（首次回应）",
      green: Number(s.green),
      yellow: Number(s.yellow),
      red: Number(s.red),
    })),
    items,
    nextCursor:
      rows.length > q.limit && last ? `${last.due_at.getTime()}|${last.target_kind}|${last.target_id}` : null,
  };
}
