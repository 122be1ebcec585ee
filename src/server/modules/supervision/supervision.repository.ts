import type { Row } from "../../db/schema.js";

/**
 * All SQL of supervision, on its own tables only (ADR 0009): the register of
 * tracked items, the timers, the records (催办 / 督办单 / 通报) and their
 * daily number counters — one file each, gathered here.
 */

export type TimerRow = Row<"supervision_timers">;
export type RecordRow = Row<"supervision_records">;
export type ItemRow = Row<"supervision_items">;
export type TargetKind = TimerRow["target_kind"];
export type ItemKind = ItemRow["target_kind"];

export * from "./supervision-items.repository.js";
export * from "./supervision-records.repository.js";
export * from "./supervision-timers.repository.js";
