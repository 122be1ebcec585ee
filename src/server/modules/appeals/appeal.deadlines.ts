import type { Db } from "../../db/database.js";
import { computeDeadlineForCenter, getTimeLimitPolicy } from "../calendar/index.js";

export interface AppealDeadline {
  dueAt: Date;
  dueDate: string;
  provisional: boolean;
  explanation: string;
}

/**
 * 首次回应时限 — the proactive first response online, letter and mini-program
 * appeals are owed (处置流程 · 受理: 1 个工作日内主动回应), counted by the
 * center's calendar and policy from when the appeal reached the center.
 */
export async function firstResponseDeadline(
  db: Db,
  centerId: string,
  receivedAt: Date,
): Promise<AppealDeadline> {
  const policy = await getTimeLimitPolicy(db, centerId);
  const d = await computeDeadlineForCenter(db, centerId, receivedAt, policy.firstResponse);
  return { dueAt: d.dueAt, dueDate: d.dueDate, provisional: d.provisional, explanation: d.explanation };
}
