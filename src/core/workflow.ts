import type { AppealStatus } from "../contracts/appeals.js";

/**
 * The appeal workflow as one exhaustive transition table (pure: no I/O, no
 * clock). Services ask `transition(state, action)` before writing and turn a
 * WorkflowError into 409 ILLEGAL_TRANSITION.
 *
 *   received ─acknowledge→ received (first response to an online appeal)
 *   received ─reject→ rejected        (不予受理, final)
 *   received ─resolve→ resolved       (即时办结 / simple off-site answer, final)
 *   received ─transfer→ transferred   (not a government-service matter / other level)
 *   received ─dispatch→ dispatched    (工作单 to the resident departments)
 *   dispatched ─reply→ replied ─close→ closed (销号, final)
 *   dispatched ─return→ received      (the lead department returns a misrouted 工作单: 退单)
 *   replied ─rework→ dispatched       (verification failed: back to the department, 退回重办)
 *   received | dispatched | replied ─refer→ (unchanged) (suspected violation by the requester: 移交 —
 *                                   recorded and reported; the appeal itself stays in handling)
 *   closed | resolved ─reopen→ received (bad rating → verification and rectification)
 *   received ─merge→ merged           (重复诉求并单: the repeat follows the original, final)
 */
export const APPEAL_ACTIONS = [
  "acknowledge",
  "reject",
  "resolve",
  "transfer",
  "dispatch",
  "reply",
  "close",
  "reopen",
  "return",
  "rework",
  "refer",
  "merge",
] as const;
export type AppealAction = (typeof APPEAL_ACTIONS)[number];

export const ACTION_LABELS: Record<AppealAction, string> = {
  acknowledge: "作出首次回应",
  reject: "不予受理",
  resolve: "即时办结",
  transfer: "转办",
  dispatch: "分办",
  reply: "答复",
  close: "销号",
  reopen: "重新办理",
  return: "退单",
  rework: "退回重办",
  refer: "移交",
  merge: "并单",
};

type Table = Record<AppealStatus, Partial<Record<AppealAction, AppealStatus>>>;

export const TRANSITIONS: Table = {
  received: {
    acknowledge: "received",
    reject: "rejected",
    resolve: "resolved",
    transfer: "transferred",
    dispatch: "dispatched",
    // 移交 (审核: 发现服务对象涉嫌违法违纪的，按规定移交相关部门) records a referral; the appeal
    // stays in handling. A matter wholly outside the center's scope is a transfer instead.
    refer: "received",
    merge: "merged",
  },
  dispatched: {
    // The table allows re-dispatch and transfer here; the work-order service
    // keeps one live 工作单 per appeal (a returned order puts the appeal back
    // to `received` first) and withdraws the live order on transfer.
    dispatch: "dispatched",
    transfer: "transferred",
    reply: "replied",
    return: "received",
    refer: "dispatched",
  },
  replied: {
    // Verification fails → back to the departments; else close out (销号).
    dispatch: "dispatched",
    rework: "dispatched",
    close: "closed",
    refer: "replied",
  },
  transferred: {
    // Once the competent unit has taken it over and the requester is told.
    close: "closed",
  },
  rejected: {},
  resolved: { reopen: "received" },
  closed: { reopen: "received" },
  merged: {},
};

/** States in which no further handling happens (only reopen, where allowed). */
export const FINAL_STATES: readonly AppealStatus[] = ["rejected", "resolved", "closed", "merged"];
export const isFinal = (s: AppealStatus): boolean => FINAL_STATES.includes(s);

/**
 * The appeal-level limits that run while an appeal is in a state (跟踪到底; DESIGN.md §3): waiting
 * for review (审核分办), a reply or a transfer waiting for 销号, a 函转 followed until the other
 * center finishes. Each ends when the appeal leaves the state; work-order limits run on the order.
 */
export const STATE_LIMITS: Record<AppealStatus, readonly ("review" | "closeout" | "letter_transfer")[]> = {
  received: ["review"],
  dispatched: [],
  replied: ["closeout"],
  transferred: ["closeout", "letter_transfer"],
  rejected: [],
  resolved: [],
  closed: [],
  merged: [],
};

/** States whose due date no longer runs (finished for this center). */
export const FINISHED_STATES: readonly AppealStatus[] = [
  "rejected",
  "resolved",
  "closed",
  "transferred",
  "merged",
];

/**
 * Actions that count as the proactive first response the standard requires
 * within 1 working day for online channels: each tells the requester something.
 */
export const FIRST_RESPONSE_ACTIONS: readonly AppealAction[] = [
  "acknowledge",
  "reject",
  "resolve",
  "transfer",
  "dispatch",
];

const STATE_PHRASES: Record<AppealStatus, string> = {
  received: "尚在受理审核中",
  rejected: "已不予受理",
  resolved: "已办结",
  transferred: "已转办",
  dispatched: "正在部门办理中",
  replied: "已答复待销号",
  closed: "已销号",
  merged: "已并入另一件诉求",
};

export class WorkflowError extends Error {
  readonly state: AppealStatus;
  readonly action: AppealAction;
  constructor(state: AppealStatus, action: AppealAction) {
    super(illegalMessage(state, action));
    this.name = "WorkflowError";
    this.state = state;
    this.action = action;
  }
}

/** e.g. "诉求已办结，不能再不予受理". */
export function illegalMessage(state: AppealStatus, action: AppealAction): string {
  return isFinal(state)
    ? `诉求${STATE_PHRASES[state]}，不能再${ACTION_LABELS[action]}`
    : `诉求${STATE_PHRASES[state]}，不能${ACTION_LABELS[action]}`;
}

export function canTransition(state: AppealStatus, action: AppealAction): boolean {
  return TRANSITIONS[state][action] !== undefined;
}

/** The state after `action`; throws WorkflowError when the table does not allow it. */
export function transition(state: AppealStatus, action: AppealAction): AppealStatus {
  const next = TRANSITIONS[state][action];
  if (next === undefined) throw new WorkflowError(state, action);
  return next;
}

/** Actions allowed in `state` (for the UI's buttons). */
export function allowedActions(state: AppealStatus): AppealAction[] {
  return APPEAL_ACTIONS.filter((a) => canTransition(state, a));
}
