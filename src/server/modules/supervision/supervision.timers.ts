import type { Db } from "../../db/database.js";
import { centerRules, remindAtFor } from "./supervision.context.js";
import { upsertTimer } from "./supervision.repository.js";
import type { ItemKind } from "./supervision.targets.js";

export interface DeadlineArm {
  centerId: string;
  targetKind: ItemKind;
  targetId: string;
  appealId: string;
  /** Start of the period (the fraction-remaining threshold counts from it). */
  startAt: Date;
  dueAt: Date;
  now: Date;
}

/**
 * Arms the 催办 and overdue timers of a deadline, in the caller's transaction
 * (ADR 0003: timers are data). Called where a deadline is first set or moved.
 * A sweep that meets a timer whose item's deadline has moved without it re-arms
 * the timer itself, so a missed call delays nothing but can never double-send.
 */
export async function armDeadline(trx: Db, a: DeadlineArm): Promise<void> {
  const rules = await centerRules(trx, a.centerId);
  const base = { centerId: a.centerId, targetKind: a.targetKind, targetId: a.targetId, appealId: a.appealId };
  await upsertTimer(trx, {
    ...base,
    stage: "reminder",
    dueAt: a.dueAt,
    fireAt: remindAtFor(rules, a.startAt, a.dueAt),
    now: a.now,
  });
  await upsertTimer(trx, {
    ...base,
    stage: "overdue",
    dueAt: a.dueAt,
    fireAt: new Date(a.dueAt.getTime() + 1),
    now: a.now,
  });
}
