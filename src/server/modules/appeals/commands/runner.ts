import type { Appeal, AppealStatus } from "../../../../contracts/appeals.js";
import type { AuditAction } from "../../../../contracts/audit.js";
import type { CenterRules } from "../../../../core/center-rules.js";
import { WorkOrderError } from "../../../../core/work-order.js";
import {
  type AppealAction,
  isFinal,
  STATE_LIMITS,
  transition,
  WorkflowError,
} from "../../../../core/workflow.js";
import type { Db } from "../../../db/database.js";
import type { RowUpdate } from "../../../db/schema.js";
import { WriteBatch } from "../../../db/write-batch.js";
import type { Deps } from "../../../deps.js";
import { AppError, forbidden, notFound } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import { appendAudit } from "../../audit/index.js";
import { cancelHeld, deferNotification, enqueueNotification } from "../../notifications/index.js";
import { auditActor, type EventActor, eventActor, type IntakeActor } from "../actors.js";
import { type CenterInfo, centerInfo } from "../center-info.js";
import {
  type AppealRow,
  findAppealInScope,
  insertAppealEvents,
  updateAppealIfVersion,
} from "../data/appeal.repository.js";
import { findMergedRepeats } from "../data/merge.repository.js";
import type { WorkOrderRow } from "../data/work-order.repository.js";
import { mergedOutcomeSms } from "../messages/appeal.messages.js";
import { toAppealDto } from "../presenters/appeal.presenter.js";
import { centerScope } from "../scope.js";
import type { ReceivedAppeal, TrackedItem, TrackedKind } from "../tracking.events.js";
import { followUpLetter } from "./letter-followup.js";
import "../tracking.events.js";

/**
 * The one command runner of the appeal lifecycle (ADR 0009). Every state
 * change of an appeal or a work order runs as
 *
 *   rules (cached, before the transaction)
 *   → transaction: load the subject in the caller's scope (404) → expectedVersion (409)
 *     → pure transition (409 ILLEGAL_TRANSITION) → the command's own rows
 *     → timeline event, requester SMS (outbox), audit entry, tracking events
 *   → presenter (after commit)
 *
 * and the timeline, outbox, audit and tracking writes happen only through the
 * CommandContext below, so they are written the same way by every command.
 */

export interface CommandOptions {
  now: Date;
  ip: string | null;
}

/** The dedupe key of an appeal's receipt (受理告知): one per appeal, withdrawable while held. */
export const receiptKey = (appealId: string) => `appeal:${appealId}:received`;

export const versionConflict = () => new AppError("VERSION_CONFLICT", "已被他人处理，请刷新");
export const orderVersionConflict = () => new AppError("VERSION_CONFLICT", "工作单已被他人处理，请刷新");

/** The state after `action`, or 409 ILLEGAL_TRANSITION with the table's Chinese message. */
export function nextStatus(state: AppealStatus, action: AppealAction): AppealStatus {
  try {
    return transition(state, action);
  } catch (e) {
    if (e instanceof WorkflowError) throw new AppError("ILLEGAL_TRANSITION", e.message);
    throw e;
  }
}

/** Runs a pure work-order check and maps its refusal to 409 ILLEGAL_TRANSITION or 403 FORBIDDEN. */
export function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof WorkOrderError) {
      throw e.kind === "forbidden" ? forbidden(e.message) : new AppError("ILLEGAL_TRANSITION", e.message);
    }
    throw e;
  }
}

/** A unique-index violation on `constraint` (a concurrent request won the race). */
export function isUniqueViolation(e: unknown, constraint: string): boolean {
  const x = e as { code?: string; constraint?: string; message?: string } | null;
  return x?.code === "23505" && (x.constraint === constraint || (x.message ?? "").includes(constraint));
}

/** One appeal step: the columns that change, the timeline event, the SMS and the audit entry. */
export interface Step {
  set: Omit<RowUpdate<"appeals">, "id" | "version" | "center_id" | "status" | "updated_at">;
  event: { type: string; details: Record<string, unknown> };
  sms?: (centerName: string, row: AppealRow) => string;
  audit: { action: AuditAction; details: Record<string, unknown> };
}

const owesFirstResponse = (a: AppealRow) =>
  a.status === "received" && a.responded_at === null && a.respond_by !== null;

/** What a command's body works with; its writers are the only way to the timeline, outbox, audit and tracking. */
export class CommandContext<A extends IntakeActor = UserActor> {
  constructor(
    readonly trx: Db,
    readonly deps: Deps,
    readonly actor: A,
    readonly opts: CommandOptions,
    readonly rules: CenterRules,
    readonly center: CenterInfo,
    /**
     * When set (intake), the timeline, outbox, audit and tracking writes — and those of the
     * subscribers to its events — are collected here and sent as one statement before commit
     * (withCommand flushes it). Nothing in the command may read them back before then.
     */
    readonly writes: WriteBatch | null = null,
  ) {}

  get now(): Date {
    return this.opts.now;
  }

  /** How the actor appears in timelines (staff by display name: they identify themselves). */
  get who(): EventActor {
    return eventActor(this.actor);
  }

  /** An entry in an appeal's timeline (append-only history). */
  async event(
    appeal: { center_id: string; id: string },
    type: string,
    details: Record<string, unknown>,
    as: EventActor = this.who,
    received?: ReceivedAppeal,
  ): Promise<void> {
    await insertAppealEvents(this.writes ?? this.trx, [
      {
        center_id: appeal.center_id,
        appeal_id: appeal.id,
        at: this.now,
        actor_id: as.actorId,
        actor_name: as.actorName,
        actor_kind: as.actorKind,
        type,
        details: JSON.stringify(details),
      },
    ]);
    await this.deps.events.emit(this.trx, "appeal.event", {
      centerId: appeal.center_id,
      appealId: appeal.id,
      type,
      details,
      at: this.now,
      // The time zone only of the command's own center (a 函转 writes into another one's timeline).
      ...(appeal.center_id === this.center.id ? { timeZone: this.center.timezone } : {}),
      ...(received ? { received } : {}),
      ...(this.writes ? { writes: this.writes } : {}),
    });
  }

  /** An SMS to the requester through the outbox; `dedupeKey` makes a retried command text once. */
  async sms(
    appeal: AppealRow,
    kind: string,
    text: string,
    dedupeKey: string,
    holdUntil?: Date,
  ): Promise<void> {
    const message = {
      centerId: appeal.center_id,
      appealId: appeal.id,
      kind,
      recipientPhone: appeal.phone,
      text,
      dedupeKey,
      now: this.now,
      holdUntil,
    };
    if (this.writes) deferNotification(this.writes, message);
    else await enqueueNotification(this.trx, message);
  }

  /**
   * Withdraws the receipt held at the window (受理告知 not yet sent): the refusal or on-the-spot
   * answer that follows is the one text the requester gets, and then carries the receipt's
   * tracking number and query code. True when withdrawn.
   */
  withdrawHeldReceipt(appeal: AppealRow): Promise<boolean> {
    return cancelHeld(this.trx, receiptKey(appeal.id), this.now);
  }

  async audit(e: {
    action: AuditAction;
    entity: string;
    entityId: string;
    details: Record<string, unknown>;
    centerId?: string;
  }): Promise<void> {
    await appendAudit(this.writes ?? this.trx, {
      centerId: e.centerId ?? this.center.id,
      ...auditActor(this.actor),
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      details: e.details,
      ip: this.opts.ip,
      at: this.now,
    });
  }

  /** A limit starts, moves or runs again: supervision arms its reminder and overdue timers. */
  async track(
    item: Omit<TrackedItem, "centerId"> & { centerId?: string },
    rules = this.rules,
  ): Promise<void> {
    await this.deps.events.emit(this.trx, "tracking.started", {
      item: { ...item, centerId: item.centerId ?? rules.centerId },
      rules,
      now: this.now,
      ...(this.writes ? { writes: this.writes } : {}),
    });
  }

  /** A limit is met or no longer owed: its timers stop and an open 督办单 about it is resolved. */
  async untrack(kind: TrackedKind, id: string, centerId = this.center.id): Promise<void> {
    await this.deps.events.emit(this.trx, "tracking.ended", { centerId, kind, id, now: this.now });
  }

  /**
   * A state change of an appeal already loaded and checked: version-guarded
   * update to `next`, the timeline event with before/after, the requester's
   * SMS, the audit entry, and the end of the first-response limit when the
   * step answers it.
   */
  async step(appeal: AppealRow, next: AppealStatus, step: Step): Promise<AppealRow> {
    const updated = await updateAppealIfVersion(this.trx, appeal.id, appeal.version, {
      ...step.set,
      status: next,
      updated_at: this.now,
    });
    if (!updated) throw versionConflict();
    if (owesFirstResponse(appeal) && !owesFirstResponse(updated)) {
      await this.untrack("first_response", appeal.id, appeal.center_id);
    }
    if (next !== appeal.status) {
      for (const kind of STATE_LIMITS[appeal.status]) await this.untrack(kind, appeal.id, appeal.center_id);
      // The copy of a 函转 finished here: the sending center's follow-up ends.
      if (appeal.source === "transfer" && !isFinal(appeal.status) && isFinal(next)) {
        await followUpLetter(this, updated, next);
      }
    }
    await this.event(appeal, step.event.type, {
      ...step.event.details,
      before: { status: appeal.status, version: appeal.version },
      after: { status: next, version: updated.version },
    });
    if (step.sms) {
      await this.sms(
        updated,
        `appeal.${step.event.type}`,
        step.sms(this.center.name, updated),
        `appeal:${appeal.id}:v${updated.version}:${step.event.type}`,
      );
    }
    // 并单: the requesters of repeats merged into this appeal follow it; its end reaches them too.
    if (next !== appeal.status && isFinal(next)) {
      for (const repeat of await findMergedRepeats(this.trx, appeal.center_id, appeal.id)) {
        await this.sms(
          repeat,
          "appeal.merged_outcome",
          mergedOutcomeSms({ centerName: this.center.name, trackingNo: repeat.tracking_no, status: next }),
          `appeal:${repeat.id}:outcome:${appeal.id}:v${updated.version}`,
        );
      }
    }
    await this.audit({
      centerId: appeal.center_id,
      action: step.audit.action,
      entity: "appeal",
      entityId: appeal.id,
      details: { trackingNo: appeal.tracking_no, from: appeal.status, to: next, ...step.audit.details },
    });
    return updated;
  }

  /** Timeline and audit of a work-order action that leaves the appeal's own state unchanged. */
  async orderEvent(
    order: WorkOrderRow,
    e: { type: string; details: Record<string, unknown>; audit: AuditAction },
  ): Promise<void> {
    await this.event({ center_id: order.center_id, id: order.appeal_id }, e.type, {
      workOrderId: order.id,
      number: order.number,
      ...e.details,
    });
    await this.audit({
      centerId: order.center_id,
      action: e.audit,
      entity: "work_order",
      entityId: order.id,
      details: { number: order.number, appealId: order.appeal_id, ...e.details },
    });
  }

  /** The appeal of a work order (same center; the order's scope was checked when it was loaded). */
  async appealOf(order: WorkOrderRow): Promise<AppealRow> {
    const appeal = await findAppealInScope(this.trx, centerScope(order.center_id), order.appeal_id);
    if (!appeal) throw notFound("诉求");
    return appeal;
  }
}

/**
 * Runs `body` in one transaction with a CommandContext for `actor` (rules
 * read from the cache first, outside the transaction). Used by runCommand and
 * by intake, which creates its subject instead of loading it.
 */
export async function withCommand<A extends IntakeActor, R>(
  deps: Deps,
  actor: A,
  opts: CommandOptions,
  body: (c: CommandContext<A>) => Promise<R>,
  how: {
    /** The actor's center rules when the caller has read them already (intake, before its transaction). */
    rules?: CenterRules;
    /**
     * Collect the result-less writes and send them as one statement before commit (ADR 0018):
     * for a body that never reads back its timeline, outbox, audit or tracking rows (intake).
     */
    batchWrites?: boolean;
  } = {},
): Promise<R> {
  const rules = how.rules ?? (await deps.rules.get(actor.centerId));
  return deps.db.transaction().execute(async (trx) => {
    const center = await centerInfo(trx, actor.centerId);
    const writes = how.batchWrites ? new WriteBatch(trx) : null;
    const result = await body(new CommandContext(trx, deps, actor, opts, rules, center, writes));
    await writes?.flush();
    return result;
  });
}

/** A command: how to load and check its subject, and what it writes. */
export interface Command<S, R> {
  /** Loads the subject in the caller's scope (404 outside it), locked where it is written, version checked (409). */
  load(c: CommandContext): Promise<S>;
  run(c: CommandContext, subject: S): Promise<R>;
}

export function runCommand<S, R>(
  deps: Deps,
  actor: UserActor,
  opts: CommandOptions,
  cmd: Command<S, R>,
): Promise<R> {
  return withCommand(deps, actor, opts, async (c) => cmd.run(c, await cmd.load(c)));
}

/**
 * Subject of an appeal-level action (window and reviewer): the appeal in the
 * caller's center, its version, and the state the transition table allows.
 */
export function appealSubject(
  id: string,
  action: AppealAction,
  expectedVersion: number | undefined,
): Command<{ appeal: AppealRow; next: AppealStatus }, never>["load"] {
  return async (c) => {
    const appeal = await findAppealInScope(c.trx, centerScope(c.actor.centerId), id);
    if (!appeal) throw notFound("诉求");
    if (expectedVersion !== undefined && expectedVersion !== appeal.version) throw versionConflict();
    return { appeal, next: nextStatus(appeal.status, action) };
  };
}

/**
 * The common shape of appeal-level actions: appealSubject, then `plan` decides
 * the step (and may write the command's own rows first), CommandContext.step
 * writes it, and the appeal is presented as the API returns it.
 */
export async function runAppealCommand(
  deps: Deps,
  actor: UserActor,
  id: string,
  action: AppealAction,
  expectedVersion: number | undefined,
  opts: CommandOptions,
  plan: (c: CommandContext, appeal: AppealRow, next: AppealStatus) => Promise<Step> | Step,
): Promise<Appeal> {
  const { row, tz } = await runCommand(deps, actor, opts, {
    load: appealSubject(id, action, expectedVersion),
    run: async (c, { appeal, next }) => ({
      row: await c.step(appeal, next, await plan(c, appeal, next)),
      tz: c.center.timezone,
    }),
  });
  return toAppealDto(row, tz, opts.now);
}
