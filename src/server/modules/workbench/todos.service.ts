import {
  type BoardItem,
  type BoardTarget,
  SUPERVISION_TARGET_SHORT_LABELS,
} from "../../../contracts/supervision.js";
import {
  TODO_SECTION_LABELS,
  type TodoItem,
  type TodoSection,
  type TodoSectionCode,
  type Todos,
} from "../../../contracts/workbench.js";
import { toOffsetIso } from "../../../core/calendar-date.js";
import { dueSoonUntil, lightAt } from "../../../core/due-light.js";
import type { Deps } from "../../deps.js";
import type { UserActor } from "../../http/actor.js";
import { listExtensionsFor, listPlansFor } from "../appeals/index.js";
import { dueCalls, presentCall } from "../notifications/index.js";
import { openFollowUpDuties } from "../results/index.js";
import { openItemSummary, openItems } from "../supervision/index.js";

/** What a department works on: its 工作单 (sign, 研究部署, reply), plan milestones, rectifications. */
const DEPARTMENT_KINDS: readonly BoardTarget[] = ["work_order", "deployment", "milestone", "rectification"];
const ORDER_KINDS: readonly BoardTarget[] = ["work_order", "deployment"];

function fromItem(i: BoardItem, forDepartment: boolean): TodoItem {
  return {
    key: `${i.targetKind}:${i.targetId}`,
    kind: i.targetKind,
    kindLabel: SUPERVISION_TARGET_SHORT_LABELS[i.targetKind],
    appealId: i.appealId,
    trackingNo: i.trackingNo,
    title: i.label,
    detail: i.excerpt,
    departmentName: i.departmentName,
    dueAt: i.dueAt,
    light: i.light,
    countdown: i.countdown,
    link:
      forDepartment && ORDER_KINDS.includes(i.targetKind)
        ? `/work-orders/${i.targetId}`
        : `/appeals/${i.appealId}`,
    version: null,
  };
}

const section = (code: TodoSectionCode, items: TodoItem[], more: boolean, link: string): TodoSection => ({
  code,
  title: TODO_SECTION_LABELS[code],
  items,
  more,
  link,
});

/**
 * The signed-in user's to-do lists on the 工作台, one section per duty of each of their roles,
 * each most urgent first. Reads the supervision register (every open limit), the calls to make
 * and the approval queues — never the appeals table as a whole.
 */
export async function todosFor(deps: Deps, actor: UserActor, limit: number, now: Date): Promise<Todos> {
  const rules = await deps.rules.get(actor.centerId);
  const tz = rules.timeZone;
  const has = (r: UserActor["roles"][number]) => actor.roles.includes(r);
  const c = actor.centerId;
  const tracked = async (code: TodoSectionCode, kinds: readonly BoardTarget[], link: string) => {
    const r = await openItems(deps, c, { kinds, limit }, now);
    return section(
      code,
      r.items.map((i) => fromItem(i, false)),
      r.more,
      link,
    );
  };
  const sections: TodoSection[] = [];

  if (has("window")) {
    sections.push(await tracked("first_response", ["first_response"], "/inbox"));
    const calls = await dueCalls(deps.db, c, now, limit + 1);
    sections.push(
      section(
        "calls",
        calls.slice(0, limit).map((t) => {
          const call = presentCall(t, tz);
          return {
            key: `call:${call.id}`,
            kind: "call",
            kindLabel: call.kindLabel,
            appealId: call.appealId,
            trackingNo: null,
            title: `致电 ${call.phone}`,
            detail: call.text,
            departmentName: null,
            dueAt: call.dueAt,
            light: null,
            countdown: call.attempts > 0 ? `已拨打 ${call.attempts} 次未接通` : null,
            link: call.appealId ? `/appeals/${call.appealId}` : "/",
            version: call.attempts,
          };
        }),
        calls.length > limit,
        "/",
      ),
    );
  }
  if (has("window") || has("dispatcher")) {
    // 回访: closed appeals not rated and bad ratings on the portal, soonest due first.
    const duties = await openFollowUpDuties(deps, c, limit, now);
    sections.push(
      section(
        "follow_ups",
        duties.items.map((d) => ({
          key: `follow_up_duty:${d.id}`,
          kind: "follow_up_duty",
          kindLabel: d.reasonLabel,
          appealId: d.appealId,
          trackingNo: d.trackingNo,
          title: d.ratingLevelLabel ? `网上评价“${d.ratingLevelLabel}”，请回访` : "已办结，服务对象未评价",
          detail: d.ratingComment ?? "",
          departmentName: null,
          dueAt: d.dueAt,
          light: d.light,
          countdown: d.countdown,
          link: `/appeals/${d.appealId}`,
          version: null,
        })),
        duties.nextCursor !== null,
        "/follow-ups",
      ),
    );
  }
  if (has("dispatcher")) {
    sections.push(await tracked("review", ["review"], "/dispatch"));
    sections.push(await tracked("closeout", ["closeout"], "/dispatch"));
    sections.push(await tracked("letter_transfer", ["letter_transfer"], "/supervision"));
    const [extensions, plans] = await Promise.all([
      listExtensionsFor(deps.db, actor, { status: "pending", limit: limit + 1 }),
      listPlansFor(deps.db, actor, { status: "submitted", limit: limit + 1 }, now),
    ]);
    const approvals: TodoItem[] = [
      ...extensions.map((x) => {
        const due = new Date(x.oldDueAt);
        return {
          key: `extension:${x.id}`,
          kind: "extension",
          kindLabel: "延期申请",
          appealId: x.appealId,
          trackingNo: null,
          title: `${x.workOrderNumber} 申请延期至 ${x.until}`,
          detail: x.reason,
          departmentName: x.departmentName,
          dueAt: x.oldDueAt,
          light: lightAt(now, due, tz, null),
          countdown: null,
          link: "/dispatch",
          version: null,
        };
      }),
      ...plans.map((p) => ({
        key: `plan:${p.id}`,
        kind: "plan",
        kindLabel: "解决方案",
        appealId: p.appealId,
        trackingNo: null,
        title: `${p.workOrderNumber} 提交解决方案（${p.milestones.length} 个节点）`,
        detail: p.summary,
        departmentName: null,
        dueAt: p.milestones[0]?.dueAt ?? null,
        light: null,
        countdown: null,
        link: "/dispatch",
        version: null,
      })),
    ].sort((a, b) => (a.dueAt ?? "9").localeCompare(b.dueAt ?? "9"));
    sections.push(
      section(
        "approvals",
        approvals.slice(0, limit),
        approvals.length > limit || extensions.length > limit || plans.length > limit,
        "/dispatch",
      ),
    );
  }
  if (has("department") && actor.departmentId) {
    const r = await openItems(
      deps,
      c,
      { kinds: DEPARTMENT_KINDS, departmentId: actor.departmentId, limit },
      now,
    );
    sections.push(
      section(
        "department",
        r.items.map((i) => fromItem(i, true)),
        r.more,
        "/department",
      ),
    );
  }
  const overseer = has("supervisor") || has("leader");
  if (overseer) {
    const r = await openItems(deps, c, { dueBy: dueSoonUntil(now, tz), limit }, now);
    sections.push(
      section(
        "due",
        r.items.map((i) => fromItem(i, false)),
        r.more,
        "/supervision",
      ),
    );
  }
  return {
    now: toOffsetIso(now, tz),
    sections,
    byDepartment: overseer ? await openItemSummary(deps, c, now) : [],
  };
}
