import { APPEAL_TYPES } from "../../../contracts/appeals.js";
import type { RetrainResult } from "../../../contracts/assist.js";
import {
  departmentPriorExamples,
  type Example,
  serializeModel,
  trainAsync,
} from "../../../core/assist-model.js";
import { toOffsetIso } from "../../../core/calendar-date.js";
import type { Db } from "../../db/database.js";
import { dispatchHistory, lastDispatchAt } from "../appeals/index.js";
import { findCenter, listCenterIds } from "../centers/index.js";
import { listDepartments } from "../departments/index.js";
import { listModelStamps, type ModelTarget, replaceModels } from "./data/assist-model.repository.js";

/** Below this many dispatched appeals the assist says so instead of guessing. */
export const MIN_EXAMPLES = 10;
/** The most recent dispatches trained on (bounds training time; recent routing is what matters). */
const HISTORY_LIMIT = 2000;
/** A type or category is learned once it has this many examples and there are two of them. */
const MIN_PER_LABEL = 3;

function labelledOnly(examples: Example[]): Example[] {
  const n = new Map<string, number>();
  for (const e of examples) n.set(e.label, (n.get(e.label) ?? 0) + 1);
  const kept = examples.filter((e) => (n.get(e.label) ?? 0) >= MIN_PER_LABEL);
  return new Set(kept.map((e) => e.label)).size >= 2 ? kept : [];
}

/**
 * Trains the center's models from its own dispatches — lead department (with the active
 * departments' names and service lists as prior text), type and category — and stores them.
 * No history (fewer than MIN_EXAMPLES dispatched appeals): the stored models are removed.
 */
export async function retrainCenter(db: Db, centerId: string, now: Date): Promise<RetrainResult> {
  const departments = await listDepartments(db, centerId, {});
  const active = new Set(departments.map((d) => d.id));
  const history = (await dispatchHistory(db, centerId, HISTORY_LIMIT)).filter((h) =>
    active.has(h.leadDepartmentId),
  );
  const models: { target: ModelTarget; model: string; examples: number }[] = [];
  if (history.length >= MIN_EXAMPLES) {
    const prior = departments.flatMap((d) =>
      departmentPriorExamples({ label: d.id, name: d.name, services: d.services }),
    );
    const dept = await trainAsync([
      ...prior,
      ...history.map((h) => ({ text: h.content, label: h.leadDepartmentId })),
    ]);
    if (dept)
      models.push({
        target: "department",
        model: JSON.stringify(serializeModel(dept)),
        examples: dept.examples,
      });
    const types = labelledOnly(history.map((h) => ({ text: h.content, label: h.type })));
    const typeModel = types.length > 0 ? await trainAsync(types) : null;
    if (typeModel?.labels.every((l) => (APPEAL_TYPES as readonly string[]).includes(l))) {
      models.push({
        target: "type",
        model: JSON.stringify(serializeModel(typeModel)),
        examples: typeModel.examples,
      });
    }
    const cats = labelledOnly(
      history.flatMap((h) => (h.categoryCode ? [{ text: h.content, label: h.categoryCode }] : [])),
    );
    const catModel = cats.length > 0 ? await trainAsync(cats) : null;
    if (catModel)
      models.push({
        target: "category",
        model: JSON.stringify(serializeModel(catModel)),
        examples: catModel.examples,
      });
  }
  await db.transaction().execute((trx) => replaceModels(trx, centerId, models, now));
  const tz = (await findCenter(db, centerId))?.timezone ?? "Asia/Shanghai";
  const examples = models.find((m) => m.target === "department")?.examples ?? 0;
  return { examples, trainedAt: models.length > 0 ? toOffsetIso(now, tz) : null };
}

/**
 * The scheduler's retrain: every center whose newest dispatch is newer than its department model
 * (or that has dispatches and no model yet) is trained again; others are left alone.
 */
export async function retrainStaleCenters(db: Db, now: Date): Promise<number> {
  let trained = 0;
  for (const centerId of await listCenterIds(db)) {
    const last = await lastDispatchAt(db, centerId);
    if (!last) continue;
    const stamp = (await listModelStamps(db, centerId)).find((s) => s.target === "department");
    if (stamp && stamp.trained_at.getTime() >= last.getTime()) continue;
    await retrainCenter(db, centerId, now);
    trained++;
  }
  return trained;
}
