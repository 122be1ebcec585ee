import type { CreatePlanInput, Plan } from "../../../../contracts/work-orders.js";
import type { DeadlineResult } from "../../../../core/deadline.js";
import {
  checkCanSubmitPlan,
  checkUndecided,
  isOpenOrder,
  milestoneTransition,
} from "../../../../core/work-order.js";
import type { Db } from "../../../db/database.js";
import { AppError, forbidden, notFound } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import { armDeadline, resolveOrdersFor } from "../../supervision/index.js";
import { findAppealInScope, findCenterInfo } from "../appeal.repository.js";
import { centerScope } from "../appeal.scope.js";
import { writeAppealStep } from "../appeal-actions.service.js";
import {
  type ActionOptions,
  guard,
  isUniqueViolation,
  loadForCenter,
  loadForDepartment,
  recordOrderEvent,
} from "../work-orders/work-order.context.js";
import { deadlineUntil, setOrderDue } from "../work-orders/work-order.deadlines.js";
import { planApprovedSms } from "../work-orders/work-order.messages.js";
import { CENTER_READERS, centerTimeZone, loadReadable } from "../work-orders/work-order-query.service.js";
import * as repo from "./plan.repository.js";

/**
 * 重大问题解决方案 (办理: 重大问题或复杂问题应当在1月内落实解决，切实解决不了的，
 * 制定解决时间节点和方案，经批准后按照解决方案中确定时限要求推进，并上报时间进展情况):
 * the lead department submits milestones, the reviewer approves (the deadline
 * becomes the last milestone's end) or rejects, and the department reports
 * progress on each milestone until all are done.
 */

async function present(db: Db, id: string, centerId: string, now: Date): Promise<Plan> {
  const { timezone } = await centerTimeZone(db, centerId);
  const p = await repo.getPlanView(db, id);
  return repo.toPlanDto(p, await repo.listMilestones(db, [p.id]), timezone, now);
}

const CONFLICT_MSG = "该工作单已有待审批或已批准的解决方案";

export async function submitPlan(
  db: Db,
  actor: UserActor,
  workOrderId: string,
  input: CreatePlanInput,
  opts: ActionOptions,
): Promise<Plan> {
  // Each milestone's deadline, counted before the transaction (dates after today, in order).
  const dues: DeadlineResult[] = [];
  for (const [i, m] of input.milestones.entries()) {
    const due = await deadlineUntil(db, actor.centerId, opts.now, m.dueDate, `milestones.${i}.dueDate`);
    const prev = input.milestones[i - 1];
    if (prev && m.dueDate < prev.dueDate) {
      const path = `milestones.${i}.dueDate`;
      throw new AppError("VALIDATION_FAILED", "时间节点应按日期先后排列", [
        { path, message: "时间节点应按日期先后排列" },
      ]);
    }
    dues.push(due);
  }
  const plan = await db
    .transaction()
    .execute(async (trx) => {
      const { order, assignment } = await loadForDepartment(trx, actor, workOrderId);
      guard(() => checkCanSubmitPlan(order.status, order.complexity, assignment.role, assignment.status));
      if (await repo.findLivePlan(trx, order.id)) throw new AppError("CONFLICT", CONFLICT_MSG);
      const p = await repo.insertPlan(trx, {
        center_id: order.center_id,
        work_order_id: order.id,
        appeal_id: order.appeal_id,
        department_id: assignment.department_id,
        status: "submitted",
        summary: input.summary,
        submitted_by: actor.userId,
        submitted_by_name: actor.displayName,
        submitted_at: opts.now,
        created_at: opts.now,
      });
      await repo.insertMilestones(
        trx,
        input.milestones.map((m, i) => ({
          center_id: order.center_id,
          plan_id: p.id,
          seq: i + 1,
          title: m.title,
          due_date: m.dueDate,
          due_at: dues[i]!.dueAt,
        })),
      );
      await recordOrderEvent(
        trx,
        actor,
        order,
        {
          type: "plan_submitted",
          details: { planId: p.id, milestones: input.milestones },
          audit: "plan.submit",
        },
        opts,
      );
      return p;
    })
    .catch((e: unknown) => {
      if (isUniqueViolation(e, "plans_one_live_uq")) throw new AppError("CONFLICT", CONFLICT_MSG);
      throw e;
    });
  return present(db, plan.id, actor.centerId, opts.now);
}

async function decide(
  db: Db,
  actor: UserActor,
  id: string,
  approve: boolean,
  note: string | null,
  opts: ActionOptions,
): Promise<Plan> {
  const pre = await repo.findPlan(db, actor.centerId, id);
  if (!pre) throw notFound("解决方案");
  guard(() => checkUndecided(pre.status, "解决方案"));
  let due: DeadlineResult | undefined;
  if (approve) {
    const last = (await repo.listMilestones(db, [pre.id])).at(-1)!;
    due = await deadlineUntil(db, actor.centerId, opts.now, last.due_date, "milestones").catch(
      (e: unknown) => {
        if (e instanceof AppError && e.code === "VALIDATION_FAILED") {
          throw new AppError("ILLEGAL_TRANSITION", "方案的最后节点日期已过，请驳回后由部门重新制定");
        }
        throw e;
      },
    );
  }
  await db.transaction().execute(async (trx) => {
    const p = await repo.findPlan(trx, actor.centerId, id, true);
    if (!p) throw notFound("解决方案");
    guard(() => checkUndecided(p.status, "解决方案"));
    const order = await loadForCenter(trx, actor, p.work_order_id);
    const decided = {
      status: approve ? ("approved" as const) : ("rejected" as const),
      decided_by: actor.userId,
      decided_by_name: actor.displayName,
      decided_at: opts.now,
      decision_note: note,
    };
    if (!due) {
      await repo.updatePlan(trx, p.id, p.status, decided);
      await recordOrderEvent(
        trx,
        actor,
        order,
        { type: "plan_rejected", details: { planId: p.id, note }, audit: "plan.reject" },
        opts,
      );
      return;
    }
    if (!isOpenOrder(order.status))
      throw new AppError("ILLEGAL_TRANSITION", "工作单已不在办理中，不能批准方案");
    await repo.updatePlan(trx, p.id, p.status, decided);
    const milestones = await repo.listMilestones(trx, [p.id]);
    const explanation = `按已批准的解决方案推进（${milestones.length}个时间节点），最后节点 ${due.dueDate}。${due.explanation}`;
    await setOrderDue(trx, order, due, explanation, opts.now, opts.now);
    for (const m of milestones) {
      await armDeadline(trx, {
        centerId: order.center_id,
        targetKind: "milestone",
        targetId: m.id,
        appealId: order.appeal_id,
        startAt: opts.now,
        dueAt: m.due_at,
        now: opts.now,
      });
    }
    const appeal = await findAppealInScope(trx, centerScope(actor.centerId), order.appeal_id);
    if (!appeal) throw notFound("诉求");
    const tz = (await findCenterInfo(trx, actor.centerId))?.timezone ?? "Asia/Shanghai";
    const dueAt = due.dueAt;
    await writeAppealStep(trx, actor, appeal, appeal.status, opts, {
      set: { due_at: dueAt, due_provisional: due.provisional, due_explanation: explanation },
      event: {
        type: "plan_approved",
        details: {
          planId: p.id,
          workOrderId: order.id,
          number: order.number,
          note,
          newDueAt: dueAt.toISOString(),
        },
      },
      sms: (centerName, r) =>
        planApprovedSms({
          centerName,
          trackingNo: r.tracking_no,
          timeZone: tz,
          dueAt,
          milestones: milestones.length,
        }),
      audit: { action: "plan.approve", details: { planId: p.id, newDueAt: dueAt.toISOString() } },
    });
  });
  return present(db, id, actor.centerId, opts.now);
}

export const approvePlan = (
  db: Db,
  actor: UserActor,
  id: string,
  note: string | undefined,
  opts: ActionOptions,
) => decide(db, actor, id, true, note ?? null, opts);
export const rejectPlan = (db: Db, actor: UserActor, id: string, note: string, opts: ActionOptions) =>
  decide(db, actor, id, false, note, opts);

/** 上报进展: the lead department reports on a milestone of an approved plan; tracked until all are done. */
export async function reportProgress(
  db: Db,
  actor: UserActor,
  planId: string,
  milestoneId: string,
  input: { report: string; done?: boolean },
  opts: ActionOptions,
): Promise<Plan> {
  await db.transaction().execute(async (trx) => {
    const p = await repo.findPlan(trx, actor.centerId, planId, true);
    if (!p) throw notFound("解决方案");
    const { order, assignment } = await loadForDepartment(trx, actor, p.work_order_id);
    if (assignment.role !== "lead") throw forbidden("只有牵头部门可以上报方案进展");
    if (p.status !== "approved") throw new AppError("ILLEGAL_TRANSITION", "方案尚未批准，不能上报进展");
    if (!isOpenOrder(order.status))
      throw new AppError("ILLEGAL_TRANSITION", "工作单已不在办理中，不能上报进展");
    const m = await repo.findMilestone(trx, p.id, milestoneId);
    if (!m) throw notFound("时间节点");
    const done = input.done === true;
    const status = guard(() => milestoneTransition(m.status, done));
    await repo.updateMilestone(trx, m.id, {
      status,
      last_report: input.report,
      reported_at: opts.now,
      done_at: done ? opts.now : null,
    });
    if (done) await resolveOrdersFor(trx, order.center_id, "milestone", m.id, opts.now);
    await recordOrderEvent(
      trx,
      actor,
      order,
      {
        type: "plan_progress",
        details: { planId: p.id, milestoneId: m.id, seq: m.seq, title: m.title, report: input.report, done },
        audit: "plan.progress",
      },
      opts,
    );
    const all = await repo.listMilestones(trx, [p.id]);
    if (all.every((x) => x.status === "done")) {
      await repo.updatePlan(trx, p.id, "approved", { completed_at: opts.now });
      await recordOrderEvent(
        trx,
        actor,
        order,
        { type: "plan_completed", details: { planId: p.id }, audit: "plan.complete" },
        opts,
      );
    }
  });
  return present(db, planId, actor.centerId, opts.now);
}

export async function getPlan(db: Db, actor: UserActor, id: string, now: Date): Promise<Plan> {
  const p = await repo.findPlan(db, actor.centerId, id);
  if (!p) throw notFound("解决方案");
  await loadReadable(db, actor, p.work_order_id).catch(() => {
    throw notFound("解决方案");
  });
  return present(db, p.id, actor.centerId, now);
}

export async function listPlans(
  db: Db,
  actor: UserActor,
  q: { status?: "draft" | "submitted" | "approved" | "rejected"; limit: number },
  now: Date,
): Promise<Plan[]> {
  const centerWide = actor.roles.some((r) => CENTER_READERS.includes(r));
  if (!centerWide && !actor.departmentId) throw forbidden("当前账号未关联部门");
  const rows = await repo.listPlans(db, {
    centerId: actor.centerId,
    status: q.status,
    departmentId: centerWide ? undefined : (actor.departmentId ?? undefined),
    limit: q.limit,
  });
  const { timezone } = await centerTimeZone(db, actor.centerId);
  const milestones = await repo.listMilestones(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => repo.toPlanDto(r, milestones, timezone, now));
}
