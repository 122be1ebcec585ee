import type { Light } from "../../../contracts/appeals.js";
import {
  SUPERVISION_STATUS_LABELS,
  SUPERVISION_TARGET_LABELS,
  type SupervisionStatus,
  type SupervisionTarget,
} from "../../../contracts/supervision.js";

/**
 * What the 督办中心 shows and allows, as plain data and functions (tested without a browser):
 * light and status tags, the chart's series, and which row actions a role gets.
 */

export const LIGHT_TAGS: Record<Light, { color: string; text: string }> = {
  red: { color: "red", text: "已超期" },
  yellow: { color: "gold", text: "临期" },
  green: { color: "green", text: "正常" },
};

export const LIGHT_COLORS: Record<Light, string> = { red: "#ff4d4f", yellow: "#faad14", green: "#52c41a" };

export const STATUS_COLORS: Record<SupervisionStatus, string> = {
  open: "processing",
  resolved: "success",
  escalated: "error",
  done: "default",
};

export function statusText(s: SupervisionStatus): string {
  return SUPERVISION_STATUS_LABELS[s];
}

/** Shorter than the contract's labels, for table cells and filters. */
export const TARGET_SHORT: Record<SupervisionTarget, string> = {
  work_order: "工作单",
  milestone: "方案节点",
  first_response: "首次回应",
  supervision_order: "督办单",
};

export function targetText(t: SupervisionTarget, long = false): string {
  return long ? SUPERVISION_TARGET_LABELS[t] : TARGET_SHORT[t];
}

export interface SummaryRow {
  departmentId: string | null;
  departmentName: string;
  green: number;
  yellow: number;
  red: number;
}

export interface SummaryTotals {
  red: number;
  yellow: number;
  green: number;
}

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
  const lights: Light[] = ["red", "yellow", "green"];
  return {
    categories: sorted.map((r) => r.departmentName),
    series: lights.map((light) => ({
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
