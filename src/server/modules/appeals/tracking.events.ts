import type { SupervisionTarget } from "../../../contracts/supervision.js";
import type { CenterRules } from "../../../core/center-rules.js";
import type { WriteBatch } from "../../db/write-batch.js";

/**
 * 跟踪到底: every limit the lifecycle gives (a work order's handling limit, a
 * plan milestone, an online appeal's first response) is a tracked item from
 * the moment it is set until it is met. The lifecycle announces both moments
 * inside the transaction that causes them; supervision keeps its register and
 * timers from these events alone (ADR 0009), so it never reads lifecycle tables.
 */
export type TrackedKind = Exclude<SupervisionTarget, "supervision_order">;

export interface TrackedItem {
  centerId: string;
  kind: TrackedKind;
  id: string;
  appealId: string;
  trackingNo: string;
  /** Full Chinese name for messages, e.g. "工作单 GD202603020001". */
  label: string;
  /** Short name for the board, e.g. "GD202603020001". */
  title: string;
  /** Addressed departments, lead first; empty: the center's window staff (first responses). */
  departmentIds: string[];
  /** Start of the period (the reminder threshold counts from it). */
  startAt: Date;
  dueAt: Date;
}

/** A limit starts to run, or moves (extension, plan, calendar reconciliation), or runs again (rework). */
export interface TrackingStarted {
  item: TrackedItem;
  /** The rules the limit was counted with: the reminder threshold is counted on the same calendar. */
  rules: CenterRules;
  now: Date;
  /** When the emitter batches its result-less writes (intake, ADR 0018): the register goes there. */
  writes?: WriteBatch;
}

/** The item is done (replied, milestone reported done, first response given) or no longer owed. */
export interface TrackingEnded {
  centerId: string;
  kind: TrackedKind;
  id: string;
  now: Date;
}

/**
 * An entry was added to an appeal's timeline by a lifecycle command (intake, every state change,
 * every work-order action): what statistics, results and other readers of the lifecycle build on.
 * `details` is the timeline event's own details (a state change carries `before` and `after`).
 */
export interface AppealEvent {
  centerId: string;
  appealId: string;
  type: string;
  details: Record<string, unknown>;
  at: Date;
  /** The center's time zone, as the command read it with its rules. */
  timeZone?: string;
  /** Intake's `received` only: the new appeal as written, so subscribers need not read it back. */
  received?: ReceivedAppeal;
  /**
   * When the emitter batches its result-less writes (intake, ADR 0018): subscribers add theirs to
   * it (flushed in one statement before commit) instead of sending a statement each.
   */
  writes?: WriteBatch;
}

/** A just-recorded appeal's facts (personal fields in plaintext: in memory, never stored here). */
export interface ReceivedAppeal {
  channel: string;
  type: string;
  categoryCode: string | null;
  respondBy: Date | null;
  phone: string;
  receivedAt: Date;
  content: string;
}

declare module "../../lib/events.js" {
  interface DomainEventMap {
    "tracking.started": TrackingStarted;
    "tracking.ended": TrackingEnded;
    "appeal.event": AppealEvent;
  }
}
