import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATUS_LABELS,
  ASSIGNMENT_STATUSES,
  type AssignmentRole,
  type AssignmentStatus,
  type ExtensionStatus,
  type MilestoneStatus,
  type PlanStatus,
  WORK_ORDER_STATUS_LABELS,
  WORK_ORDER_STATUSES,
  type WorkOrderStatus,
} from "../contracts/work-orders.js";

/**
 * The 工作单 (work order) and its per-department assignments as pure state
 * machines (no I/O, no clock). Services ask before writing and turn a
 * WorkOrderError into 409 ILLEGAL_TRANSITION (or 403 for a role mismatch).
 *
 * Work order (the whole order, 分办转办 / 办理 / 销号):
 *   pending ─lead signs→ signed ─lead replies→ replied ─close→ closed (销号)
 *   pending|signed ─lead returns→ returned (退单: back to the reviewer, final for this order)
 *   replied ─rework→ signed (verification failed: 退回重办)
 *   pending|signed ─withdraw→ closed (the center transfers or refers the appeal instead)
 *
 * Assignment (one department's part):
 *   pending ─sign→ signed ─opinion→ opinion_submitted (co-department, may revise)
 *   signed ─reply→ replied (lead only) ─rework→ signed
 *   pending|signed ─return→ returned (a co-department leaves the order; the lead returns it whole)
 */

// The codes are the contract's; re-exported for the state machines' callers and tests.
export {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATUSES,
  type AssignmentRole,
  type AssignmentStatus,
  WORK_ORDER_STATUSES,
  type WorkOrderStatus,
};

/** What a department does on its assignment. */
export const DEPARTMENT_ACTIONS = ["sign", "return", "opinion", "reply"] as const;
export type DepartmentAction = (typeof DEPARTMENT_ACTIONS)[number];

/** What the center does to the whole order. */
export const ORDER_ACTIONS = ["close", "rework", "withdraw"] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

const ORDER_PHRASES = WORK_ORDER_STATUS_LABELS;

/** As in a sentence ("该部门尚未签收"): pending reads differently from its label 待签收. */
const ASSIGNMENT_PHRASES: Record<AssignmentStatus, string> = {
  ...ASSIGNMENT_STATUS_LABELS,
  pending: "尚未签收",
};

const ACTION_LABELS: Record<DepartmentAction | OrderAction, string> = {
  sign: "签收",
  return: "退单",
  opinion: "提交意见",
  reply: "提交答复",
  close: "销号",
  rework: "退回重办",
  withdraw: "撤回",
};

export class WorkOrderError extends Error {
  /** 'illegal' → 409 ILLEGAL_TRANSITION; 'forbidden' → 403 (the department's role does not allow it). */
  readonly kind: "illegal" | "forbidden";
  constructor(kind: "illegal" | "forbidden", message: string) {
    super(message);
    this.name = "WorkOrderError";
    this.kind = kind;
  }
}

/** Orders a department can still work on. */
export const OPEN_ORDER_STATUSES: readonly WorkOrderStatus[] = ["pending", "signed"];
export const isOpenOrder = (s: WorkOrderStatus): boolean => OPEN_ORDER_STATUSES.includes(s);
/** Orders that still hold the appeal (at most one per appeal). */
export const ACTIVE_ORDER_STATUSES: readonly WorkOrderStatus[] = ["pending", "signed", "replied"];

const ORDER_TABLE: Record<WorkOrderStatus, Partial<Record<OrderAction, WorkOrderStatus>>> = {
  pending: { withdraw: "closed" },
  signed: { withdraw: "closed" },
  returned: {},
  replied: { close: "closed", rework: "signed" },
  closed: {},
};

/** The order's next state for a center action; throws WorkOrderError when not allowed. */
export function orderTransition(status: WorkOrderStatus, action: OrderAction): WorkOrderStatus {
  const next = ORDER_TABLE[status][action];
  if (next === undefined) {
    throw new WorkOrderError("illegal", `工作单${ORDER_PHRASES[status]}，不能${ACTION_LABELS[action]}`);
  }
  return next;
}

type AssignmentTable = Record<
  AssignmentRole,
  Record<AssignmentStatus, Partial<Record<DepartmentAction, AssignmentStatus>>>
>;

const ASSIGNMENT_TABLE: AssignmentTable = {
  lead: {
    pending: { sign: "signed", return: "returned" },
    signed: { return: "returned", reply: "replied" },
    returned: {},
    opinion_submitted: {},
    replied: {},
  },
  co: {
    pending: { sign: "signed", return: "returned" },
    signed: { return: "returned", opinion: "opinion_submitted" },
    returned: {},
    opinion_submitted: { opinion: "opinion_submitted" },
    replied: {},
  },
};

export interface DepartmentStep {
  order: WorkOrderStatus;
  assignment: AssignmentStatus;
}

/**
 * A department's action on its assignment of an order: checks the order is
 * still open, the role (only the lead replies — 涉及多个部门的要明确牵头部门;
 * co-departments give their opinion to the lead), and the assignment's state.
 * Returns both next states; the order changes only by the lead's sign,
 * return and reply.
 */
export function departmentTransition(
  order: WorkOrderStatus,
  role: AssignmentRole,
  assignment: AssignmentStatus,
  action: DepartmentAction,
): DepartmentStep {
  if (!isOpenOrder(order)) {
    throw new WorkOrderError("illegal", `工作单${ORDER_PHRASES[order]}，不能${ACTION_LABELS[action]}`);
  }
  if (action === "reply" && role === "co") {
    throw new WorkOrderError(
      "forbidden",
      "只有牵头部门可以提交答复；协办部门请将办理意见提交牵头部门，由牵头部门汇总答复",
    );
  }
  if (action === "opinion" && role === "lead") {
    throw new WorkOrderError("illegal", "牵头部门无需提交协办意见，请直接提交答复");
  }
  const next = ASSIGNMENT_TABLE[role][assignment][action];
  if (next === undefined) {
    const hint = assignment === "pending" ? "，请先签收工作单" : "";
    throw new WorkOrderError(
      "illegal",
      `本部门${ASSIGNMENT_PHRASES[assignment]}，不能${ACTION_LABELS[action]}${hint}`,
    );
  }
  let nextOrder = order;
  if (role === "lead") {
    if (action === "sign") nextOrder = "signed";
    if (action === "return") nextOrder = "returned";
    if (action === "reply") nextOrder = "replied";
  }
  return { order: nextOrder, assignment: next };
}

/**
 * 延期申请: the lead department on an open order (not after returning it). Like the reply and the
 * plan it belongs to the lead, who answers for the whole order's limit: a co-department's
 * request would block the lead's (one pending request per order).
 */
export function checkCanRequestExtension(
  order: WorkOrderStatus,
  role: AssignmentRole,
  assignment: AssignmentStatus,
): void {
  if (!isOpenOrder(order)) {
    throw new WorkOrderError("illegal", `工作单${ORDER_PHRASES[order]}，不能申请延期`);
  }
  if (role === "co") {
    throw new WorkOrderError(
      "forbidden",
      "只有牵头部门可以申请延期；协办部门如需更多时间，请与牵头部门沟通，由牵头部门申请",
    );
  }
  if (assignment === "returned") throw new WorkOrderError("illegal", "本部门已退单，不能申请延期");
}

/**
 * 重大问题解决方案: only for a major order, by the lead department after
 * signing (办理 · 重大问题 1 月内落实解决，解决不了的制定时间节点和方案).
 */
export function checkCanSubmitPlan(
  order: WorkOrderStatus,
  complexity: string,
  role: AssignmentRole,
  assignment: AssignmentStatus,
): void {
  if (complexity !== "major") {
    throw new WorkOrderError("illegal", "只有重大复杂问题可以制定解决方案和时间节点");
  }
  if (role !== "lead") throw new WorkOrderError("forbidden", "只有牵头部门可以提交解决方案");
  if (order !== "signed" || assignment !== "signed") {
    const why = order === "pending" ? "请先签收工作单" : `工作单${ORDER_PHRASES[order]}`;
    throw new WorkOrderError("illegal", `${why}，不能提交解决方案`);
  }
}

/** Decisions on a request (extension or plan): only a pending one is decided, once. */
export type DecisionStatus = ExtensionStatus | PlanStatus;
export function checkUndecided(status: DecisionStatus, what: string): void {
  if (status === "draft") throw new WorkOrderError("illegal", `该${what}尚未提交，不能审批`);
  if (status !== "pending" && status !== "submitted") {
    const phrase = status === "approved" ? "已批准" : "已驳回";
    throw new WorkOrderError("illegal", `该${what}${phrase}，不能重复处理`);
  }
}

export type { MilestoneStatus };
/** Progress on a milestone: reported any number of times until done. */
export function milestoneTransition(status: MilestoneStatus, done: boolean): MilestoneStatus {
  if (status === "done") throw new WorkOrderError("illegal", "该节点已完成，不能再报告进展");
  return done ? "done" : "reported";
}

export interface DispatchDepartments {
  leadDepartmentId: string;
  coDepartmentIds: readonly string[];
  complexity: string;
}

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * 分办转办: one lead department, distinct co-departments different from the
 * lead; a multi-department matter names at least one co-department.
 */
export function checkDispatchDepartments(d: DispatchDepartments): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  d.coDepartmentIds.forEach((id, i) => {
    if (id === d.leadDepartmentId) {
      problems.push({ path: `coDepartmentIds.${i}`, message: "协办部门不能与牵头部门相同" });
    } else if (seen.has(id)) {
      problems.push({ path: `coDepartmentIds.${i}`, message: "协办部门重复" });
    }
    seen.add(id);
  });
  if (d.complexity === "multi_department" && d.coDepartmentIds.length === 0) {
    problems.push({ path: "coDepartmentIds", message: "多部门事项请至少选择一个协办部门" });
  }
  return problems;
}

/** GD + YYYYMMDD + daily sequence (at least 4 digits): GD202509300001. */
export function formatWorkOrderNo(day: string, seq: number): string {
  if (!/^\d{8}$/.test(day)) throw new Error(`work order day must be YYYYMMDD: ${day}`);
  if (!Number.isInteger(seq) || seq < 1) throw new Error(`work order sequence must be ≥ 1: ${seq}`);
  return `GD${day}${String(seq).padStart(4, "0")}`;
}
