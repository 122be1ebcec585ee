import { LIGHT_LABELS, LIGHTS, type Light } from "../../../contracts/appeals.js";
import {
  type Board,
  SUPERVISION_STATUS_LABELS,
  SUPERVISION_TARGET_LABELS,
  SUPERVISION_TARGET_SHORT_LABELS,
  type SupervisionStatus,
  type SupervisionTarget,
} from "../../../contracts/supervision.js";
import { LIGHT_COLORS } from "../../lib/lights.js";

/**
 * What the 督办中心 shows and allows, as plain data and functions (tested without a browser):
 * light and status tags, the chart's series, and which row actions a role gets.
 */

/** antd tag colour and the contract's label of each light. */
export const LIGHT_TAGS: Record<Light, { color: string; text: string }> = {
  red: { color: "red", text: LIGHT_LABELS.red },
  yellow: { color: "gold", text: LIGHT_LABELS.yellow },
  green: { color: "green", text: LIGHT_LABELS.green },
};

export { LIGHT_COLORS };

export const STATUS_COLORS: Record<SupervisionStatus, string> = {
  open: "processing",
  resolved: "success",
  escalated: "error",
  done: "default",
};

export function statusText(s: SupervisionStatus): string {
  return SUPERVISION_STATUS_LABELS[s];
}

export function targetText(t: SupervisionTarget, long = false): string {
  return long ? SUPERVISION_TARGET_LABELS[t] : SUPERVISION_TARGET_SHORT_LABELS[t];
}

/** One department's counts per light (the board's summary row). */
export type SummaryRow = Board["summary"][number];
export type SummaryTotals = Record<Light, number>;

export function summaryTotals(rows: readonly SummaryRow[]): SummaryTotals {
  return rows.reduce(
    (t, r) => ({ red: t.red + r.red, yellow: t.yellow + r.yellow, green: t.green + r.green }),
    { red: 0, yellow: 0, green: 0 },
  );
}

/**
 * Departments ordered by urgency (most red, then most yellow, then the name) for the chart and
 * the cards: the department to chase first comes first.
 */
export function sortSummary(rows: readonly SummaryRow[]): SummaryRow[] {
  return [...rows].sort(
    (a, b) =>
      b.red - a.red ||
      b.yellow - a.yellow ||
      b.green - a.green ||
      a.departmentName.localeCompare(b.departmentName, "zh-CN"),
  );
}

/** The stacked bar chart's categories and series (red at the bottom, where the eye starts). */
export function summaryChart(rows: readonly SummaryRow[]): {
  categories: string[];
  series: { light: Light; name: string; data: number[] }[];
} {
  const sorted = sortSummary(rows);
  return {
    categories: sorted.map((r) => r.departmentName),
    series: LIGHTS.map((light) => ({
      light,
      name: LIGHT_TAGS[light].text,
      data: sorted.map((r) => r[light]),
    })),
  };
}

export interface BoardRowActions {
  remind: boolean;
  supervise: boolean;
  /** Why 督办 is not offered (shown as the button's tooltip). */
  superviseBlocked?: string;
}

/**
 * Supervisors act on board items; leaders (and anyone else) only look. A second 督办单 is not
 * offered while one is still open on the same item: the department already has its 督办时限.
 */
export function boardRowActions(
  item: { supervisionStatus: SupervisionStatus | null },
  canAct: boolean,
): BoardRowActions {
  if (!canAct) return { remind: false, supervise: false };
  if (item.supervisionStatus === "open")
    return { remind: true, supervise: false, superviseBlocked: "已有督办中的督办单，可在督办单页通报" };
  return { remind: true, supervise: true };
}

/** 通报 is the step after a 督办单 that is still open (not done, not already escalated). */
export function canNotice(record: { kind: string; status: SupervisionStatus }, canAct: boolean): boolean {
  return canAct && record.kind === "supervision" && record.status === "open";
}
