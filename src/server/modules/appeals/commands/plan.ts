import type { CreatePlanInput, Plan } from "../../../../contracts/work-orders.js";
import type { DeadlineResult } from "../../../../core/deadline.js";
import {
  checkCanSubmitPlan,
  checkUndecided,
  isOpenOrder,
  milestoneTransition,
} from "../../../../core/work-order.js";
import type { Deps } from "../../../deps.js";
import { AppError, forbidden, notFound } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import * as repo from "../data/plan.repository.js";
import { planApprovedSms } from "../messages/work-order.messages.js";
import { presentPlan } from "../queries/extension-plan.query.js";
import { deadlineUntil, setOrderDue } from "./deadlines.js";
import { loadForCenter, loadForDepartment } from "./order-subjects.js";
import { type CommandContext, type CommandOptions, guard, isUniqueViolation, runCommand } from "./runner.js";
import { milestoneItem } from "./tracking.js";

/**
 * 重大问题解决方案 (办理: 重大问题或复杂问题应当在1月内落实解决，切实解决不了的，
 * 制定解决时间节点和方案，经批准后按照解决方案中确定时限要求推进，并上报时间进展情况):
 * the lead department submits milestones, the reviewer approves (the deadline
 * becomes the last milestone's end) or rejects, and the department reports
 * progress on each milestone until all are done.
 */

const CONFLICT_MSG = "该工作单已有待审批或已批准的解决方案";

export async function submitPlan(
  deps: Deps,
  actor: UserActor,
  workOrderId: string,
  input: CreatePlanInput,
  opts: CommandOptions,
): Promise<Plan> {
  const plan = await runCommand(deps, actor, opts, {
    load: (c) => loadForDepartment(c, workOrderId),
    run: async (c, { order, assignment }) => {
      // Each milestone's deadline: dates after today, in order.
      const dues: DeadlineResult[] = input.milestones.map((m, i) => {
        const path = `milestones.${i}.dueDate`;
        const due = deadlineUntil(c.rules, c.now, m.dueDate, path);
        const prev = input.milestones[i - 1];
        if (prev && m.dueDate < prev.dueDate) {
          throw new AppError("VALIDATION_FAILED", "时间节点应按日期先后排列", [
            { path, message: "时间节点应按日期先后排列" },
          ]);
        }
        return due;
      });
      guard(() => checkCanSubmitPlan(order.status, order.complexity, assignment.role, assignment.status));
      if (await repo.findLivePlan(c.trx, order.id)) throw new AppError("CONFLICT", CONFLICT_MSG);
      const p = await repo.insertPlan(c.trx, {
        center_id: order.center_id,
        work_order_id: order.id,
        appeal_id: order.appeal_id,
        department_id: assignment.department_id,
        status: "submitted",
        summary: input.summary,
        submitted_by: actor.userId,
        submitted_by_name: actor.displayName,
        submitted_at: c.now,
        created_at: c.now,
      });
      await repo.insertMilestones(
        c.trx,
        input.milestones.map((m, i) => ({
          center_id: order.center_id,
          plan_id: p.id,
          seq: i + 1,
          title: m.title,
          due_date: m.dueDate,
          due_at: dues[i]!.dueAt,
        })),
      );
      await c.orderEvent(order, {
        type: "plan_submitted",
        details: { planId: p.id, milestones: input.milestones },
        audit: "plan.submit",
      });
      return p;
    },
  }).catch((e: unknown) => {
    if (isUniqueViolation(e, "plans_one_live_uq")) throw new AppError("CONFLICT", CONFLICT_MSG);
    throw e;
  });
  return presentPlan(deps.db, plan.id, actor.centerId, opts.now);
}

/** The submitted plan, locked, and its order (center-wide roles). */
async function loadSubmitted(c: CommandContext, id: string) {
  const p = await repo.findPlan(c.trx, c.actor.centerId, id, true);
  if (!p) throw notFound("解决方案");
  guard(() => checkUndecided(p.status, "解决方案"));
  return { p, order: await loadForCenter(c, p.work_order_id) };
}

async function decide(
  deps: Deps,
  actor: UserActor,
  id: string,
  approve: boolean,
  note: string | null,
  opts: CommandOptions,
): Promise<Plan> {
  await runCommand(deps, actor, opts, {
    load: (c) => loadSubmitted(c, id),
    run: async (c, { p, order }) => {
      const decided = {
        status: approve ? ("approved" as const) : ("rejected" as const),
        decided_by: actor.userId,
        decided_by_name: actor.displayName,
        decided_at: c.now,
        decision_note: note,
      };
      if (!approve) {
        await repo.updatePlan(c.trx, p.id, p.status, decided);
        await c.orderEvent(order, {
          type: "plan_rejected",
          details: { planId: p.id, note },
          audit: "plan.reject",
        });
        return;
      }
      const milestones = await repo.listMilestones(c.trx, [p.id]);
      let due: DeadlineResult;
      try {
        due = deadlineUntil(c.rules, c.now, milestones.at(-1)!.due_date, "milestones");
      } catch (e) {
        if (e instanceof AppError && e.code === "VALIDATION_FAILED") {
          throw new AppError("ILLEGAL_TRANSITION", "方案的最后节点日期已过，请驳回后由部门重新制定");
        }
        throw e;
      }
      if (!isOpenOrder(order.status))
        throw new AppError("ILLEGAL_TRANSITION", "工作单已不在办理中，不能批准方案");
      await repo.updatePlan(c.trx, p.id, p.status, decided);
      const explanation = `按已批准的解决方案推进（${milestones.length}个时间节点），最后节点 ${due.dueDate}。${due.explanation}`;
      await setOrderDue(c, order, due, explanation, c.now);
      const appeal = await c.appealOf(order);
      for (const m of milestones) {
        await c.track(
          milestoneItem(order, m, { department_id: p.department_id, decided_at: c.now }, appeal.tracking_no),
        );
      }
      const tz = c.center.timezone;
      const dueAt = due.dueAt;
      await c.step(appeal, appeal.status, {
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
    },
  });
  return presentPlan(deps.db, id, actor.centerId, opts.now);
}

export const approvePlan = (
  deps: Deps,
  actor: UserActor,
  id: string,
  note: string | undefined,
  opts: CommandOptions,
) => decide(deps, actor, id, true, note ?? null, opts);
export const rejectPlan = (deps: Deps, actor: UserActor, id: string, note: string, opts: CommandOptions) =>
  decide(deps, actor, id, false, note, opts);

/** 上报进展: the lead department reports on a milestone of an approved plan; tracked until all are done. */
export async function reportProgress(
  deps: Deps,
  actor: UserActor,
  planId: string,
  milestoneId: string,
  input: { report: string; done?: boolean },
  opts: CommandOptions,
): Promise<Plan> {
  await runCommand(deps, actor, opts, {
    load: async (c) => {
      const p = await repo.findPlan(c.trx, actor.centerId, planId, true);
      if (!p) throw notFound("解决方案");
      return { p, ...(await loadForDepartment(c, p.work_order_id)) };
    },
    run: async (c, { p, order, assignment }) => {
      if (assignment.role !== "lead") throw forbidden("只有牵头部门可以上报方案进展");
      if (p.status !== "approved") throw new AppError("ILLEGAL_TRANSITION", "方案尚未批准，不能上报进展");
      if (!isOpenOrder(order.status))
        throw new AppError("ILLEGAL_TRANSITION", "工作单已不在办理中，不能上报进展");
      const m = await repo.findMilestone(c.trx, p.id, milestoneId);
      if (!m) throw notFound("时间节点");
      const done = input.done === true;
      const status = guard(() => milestoneTransition(m.status, done));
      await repo.updateMilestone(c.trx, m.id, {
        status,
        last_report: input.report,
        reported_at: c.now,
        done_at: done ? c.now : null,
      });
      if (done) await c.untrack("milestone", m.id, order.center_id);
      await c.orderEvent(order, {
        type: "plan_progress",
        details: { planId: p.id, milestoneId: m.id, seq: m.seq, title: m.title, report: input.report, done },
        audit: "plan.progress",
      });
      const all = await repo.listMilestones(c.trx, [p.id]);
      if (all.every((x) => x.status === "done")) {
        await repo.updatePlan(c.trx, p.id, "approved", { completed_at: c.now });
        await c.orderEvent(order, {
          type: "plan_completed",
          details: { planId: p.id },
          audit: "plan.complete",
        });
      }
    },
  });
  return presentPlan(deps.db, planId, actor.centerId, opts.now);
}
