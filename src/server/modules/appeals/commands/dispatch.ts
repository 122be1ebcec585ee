import type { Complexity } from "../../../../contracts/appeals.js";
import type { DispatchInput, WorkOrder } from "../../../../contracts/work-orders.js";
import { toOffsetIso } from "../../../../core/calendar-date.js";
import { trackingDay } from "../../../../core/tracking.js";
import { checkDispatchDepartments, formatWorkOrderNo } from "../../../../core/work-order.js";
import type { Deps } from "../../../deps.js";
import { AppError, type ErrorDetail, notFound } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import { findActiveRecipients, findUserContact } from "../../accounts/index.js";
import { findDepartmentsInCenter } from "../../departments/index.js";
import { notifyStaff } from "../../notifications/index.js";
import { findAppealInScope } from "../data/appeal.repository.js";
import {
  findActiveWorkOrder,
  insertAssignments,
  insertWorkOrder,
  nextWorkOrderSeq,
} from "../data/work-order.repository.js";
import { formatDueDayZh } from "../messages/appeal.messages.js";
import { dispatchedSms } from "../messages/work-order.messages.js";
import { presentOrder } from "../queries/work-order.query.js";
import { centerScope } from "../scope.js";
import { handlingDeadline } from "./deadlines.js";
import {
  appealSubject,
  type CommandOptions,
  isUniqueViolation,
  runCommand,
  versionConflict,
} from "./runner.js";
import { deploymentItem, orderItem } from "./tracking.js";

/**
 * 分办转办: the center confirms the time limit and sends the 工作单 to the
 * resident departments — one lead department, co-departments notified at
 * the same time — and tells the requester the limit (审核: 应明确告知处置时限).
 * The limit is the center's policy for the complexity (办理: simple same day,
 * general 3 days, multi-department 7 days, major 1 month), counted from now on
 * the center's calendar.
 */

/** What the dispatcher sees before confirming (the same computation dispatch will make). */
export async function previewDispatch(
  deps: Deps,
  actor: UserActor,
  appealId: string,
  complexity: Complexity,
  now: Date,
) {
  const appeal = await findAppealInScope(deps.db, centerScope(actor.centerId), appealId);
  if (!appeal) throw notFound("诉求");
  const d = handlingDeadline(await deps.rules.get(actor.centerId), complexity, now);
  return {
    complexity,
    rule: d.rule,
    n: d.n,
    start: toOffsetIso(now, d.timeZone),
    dueAt: toOffsetIso(d.dueAt, d.timeZone),
    dueDate: d.dueDate,
    provisional: d.provisional,
    explanation: d.explanation,
  };
}

function departmentProblems(
  wanted: { id: string; path: string }[],
  found: { id: string; active: boolean }[],
): ErrorDetail[] {
  const byId = new Map(found.map((d) => [d.id, d]));
  const out: ErrorDetail[] = [];
  for (const w of wanted) {
    const d = byId.get(w.id);
    if (!d) out.push({ path: w.path, message: "部门不存在或不属于本中心" });
    else if (!d.active) out.push({ path: w.path, message: "该部门已停用，不能分办" });
  }
  return out;
}

export async function dispatchAppeal(
  deps: Deps,
  actor: UserActor,
  appealId: string,
  input: DispatchInput,
  opts: CommandOptions,
): Promise<WorkOrder> {
  const co = input.coDepartmentIds ?? [];
  const shape = checkDispatchDepartments({
    leadDepartmentId: input.leadDepartmentId,
    coDepartmentIds: co,
    complexity: input.complexity,
  });
  if (shape.length) throw new AppError("VALIDATION_FAILED", shape[0]!.message, shape);

  const order = await runCommand(deps, actor, opts, {
    load: appealSubject(appealId, "dispatch", input.expectedVersion),
    run: async (c, { appeal, next }) => {
      const live = await findActiveWorkOrder(c.trx, appeal.id);
      if (live) {
        throw new AppError("ILLEGAL_TRANSITION", `该诉求已有工作单（${live.number}）在办理中，不能重复分办`);
      }
      const wanted = [
        { id: input.leadDepartmentId, path: "leadDepartmentId" },
        ...co.map((id, i) => ({ id, path: `coDepartmentIds.${i}` })),
      ];
      const departments = await findDepartmentsInCenter(
        c.trx,
        actor.centerId,
        wanted.map((w) => w.id),
      );
      const problems = departmentProblems(wanted, departments);
      if (problems.length) throw new AppError("VALIDATION_FAILED", problems[0]!.message, problems);
      const name = (id: string) => departments.find((d) => d.id === id)!.name;
      // 工作单联系人电话: as entered in the drawer, else the dispatcher's office phone, else the center's.
      const me = input.contactPhone ? null : await findUserContact(c.trx, actor.userId, actor.centerId);

      const tz = c.center.timezone;
      const due = handlingDeadline(c.rules, input.complexity, c.now);
      const day = trackingDay(c.now, tz);
      const seq = await nextWorkOrderSeq(
        c.trx,
        actor.centerId,
        `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`,
      );
      const order = await insertWorkOrder(c.trx, {
        center_id: actor.centerId,
        appeal_id: appeal.id,
        number: formatWorkOrderNo(day, seq),
        complexity: input.complexity,
        difficulty_kind: input.difficultyKind ?? null,
        status: "pending",
        lead_department_id: input.leadDepartmentId,
        due_at: due.dueAt,
        due_rule: due.rule,
        due_n: due.n,
        due_start: c.now,
        due_provisional: due.provisional,
        due_explanation: due.explanation,
        contact_user_id: actor.userId,
        contact_name: input.contactName ?? actor.displayName,
        contact_phone: input.contactPhone ?? me?.phone ?? c.center.phone ?? null,
        note: input.note ?? null,
        created_at: c.now,
        created_by: actor.userId,
        updated_at: c.now,
      });
      const parts = [
        { department_id: input.leadDepartmentId, role: "lead" as const },
        ...co.map((id) => ({ department_id: id, role: "co" as const })),
      ];
      await insertAssignments(
        c.trx,
        parts.map((p) => ({
          ...p,
          center_id: actor.centerId,
          work_order_id: order.id,
          appeal_id: appeal.id,
          status: "pending" as const,
          due_at: due.dueAt,
          created_at: c.now,
          updated_at: c.now,
        })),
      );
      await c.track(await orderItem(c.trx, order, appeal.tracking_no));
      // A simple matter: the lead department decides who handles it and how the same day.
      if (input.complexity === "simple") await c.track(deploymentItem(order, appeal.tracking_no, c.rules));

      const leadName = name(input.leadDepartmentId);
      const coNames = co.map(name);
      const dueAt = toOffsetIso(due.dueAt, tz);
      await c.step(appeal, next, {
        set: {
          complexity: input.complexity,
          due_at: due.dueAt,
          due_provisional: due.provisional,
          due_explanation: due.explanation,
          responded_at: appeal.responded_at ?? c.now,
        },
        event: {
          type: "dispatched",
          details: {
            workOrderId: order.id,
            number: order.number,
            complexity: input.complexity,
            difficultyKind: input.difficultyKind ?? null,
            lead: { id: input.leadDepartmentId, name: leadName },
            co: co.map((id, i) => ({ id, name: coNames[i] })),
            dueAt,
            explanation: due.explanation,
            note: input.note ?? null,
          },
        },
        sms: (centerName, r) =>
          dispatchedSms({
            centerName,
            trackingNo: r.tracking_no,
            timeZone: tz,
            departments: coNames.length ? `${leadName}（牵头）、${coNames.join("、")}` : leadName,
            dueAt: due.dueAt,
          }),
        audit: {
          action: "appeal.dispatch",
          details: { workOrderId: order.id, number: order.number, complexity: input.complexity, dueAt },
        },
      });
      // Every addressed department is notified (分办转办: 同时转办各相关部门): on the timeline and in
      // the in-app inbox of each of its active users.
      const people = await findActiveRecipients(c.trx, [input.leadDepartmentId, ...co], [], []);
      const excerpt = appeal.content.length > 60 ? `${appeal.content.slice(0, 60)}…` : appeal.content;
      const limitText = `办理时限：${formatDueDayZh(due.dueAt, tz)}。`;
      const deploy =
        input.complexity === "simple" ? "简单事项：请于今日签收并完成研究部署（承办人、办理措施）。" : "";
      await notifyStaff(
        c.trx,
        people.flatMap((p) =>
          p.department_id
            ? [
                {
                  center_id: appeal.center_id,
                  user_id: p.id,
                  kind: "work_order.assigned",
                  title: `新工作单 ${order.number}${p.department_id === input.leadDepartmentId ? "（牵头）" : "（协办）"}`,
                  body: `${excerpt}\n${limitText}${p.department_id === input.leadDepartmentId ? deploy : ""}`,
                  appeal_id: appeal.id,
                  link: `/work-orders/${order.id}`,
                  record_id: null,
                  created_at: c.now,
                },
              ]
            : [],
        ),
      );
      for (const p of parts) {
        await c.event(appeal, "assignment_notified", {
          workOrderId: order.id,
          number: order.number,
          departmentId: p.department_id,
          departmentName: name(p.department_id),
          role: p.role,
          dueAt,
        });
      }
      return order;
    },
  }).catch((e: unknown) => {
    // A concurrent dispatch of the same appeal committed first.
    if (isUniqueViolation(e, "work_orders_one_active_uq")) throw versionConflict();
    throw e;
  });
  return presentOrder(deps, actor, order, opts.now);
}
