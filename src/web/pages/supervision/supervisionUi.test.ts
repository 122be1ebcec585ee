import { describe, expect, it } from "vitest";
import { boardRowActions, canNotice, sortSummary, summaryChart, summaryTotals } from "./supervisionUi.js";

const rows = [
  { departmentId: "1", departmentName: "住建局", green: 4, yellow: 0, red: 1 },
  { departmentId: "2", departmentName: "市场监管局", green: 1, yellow: 2, red: 3 },
  { departmentId: null, departmentName: "中心窗口", green: 0, yellow: 1, red: 1 },
];

describe("督办中心 board helpers", () => {
  it("totals the lights over every department", () => {
    expect(summaryTotals(rows)).toEqual({ red: 5, yellow: 3, green: 5 });
    expect(summaryTotals([])).toEqual({ red: 0, yellow: 0, green: 0 });
  });

  it("puts the department with the most red first, then yellow", () => {
    expect(sortSummary(rows).map((r) => r.departmentName)).toEqual(["市场监管局", "中心窗口", "住建局"]);
  });

  it("builds one stacked series per light in that order", () => {
    const c = summaryChart(rows);
    expect(c.categories).toEqual(["市场监管局", "中心窗口", "住建局"]);
    expect(c.series.map((s) => [s.name, s.data])).toEqual([
      ["已超期", [3, 1, 1]],
      ["临期", [2, 1, 0]],
      ["正常", [1, 0, 4]],
    ]);
  });

  it("gives leaders no actions and supervisors 催办 and 督办 unless an order is open", () => {
    expect(boardRowActions({ supervisionStatus: null }, false)).toEqual({ remind: false, supervise: false });
    expect(boardRowActions({ supervisionStatus: null }, true)).toEqual({ remind: true, supervise: true });
    expect(boardRowActions({ supervisionStatus: "resolved" }, true).supervise).toBe(true);
    const open = boardRowActions({ supervisionStatus: "open" }, true);
    expect(open.supervise).toBe(false);
    expect(open.superviseBlocked).toContain("督办中");
  });

  it("offers 通报 only on an open 督办单 and only to supervisors", () => {
    expect(canNotice({ kind: "supervision", status: "open" }, true)).toBe(true);
    expect(canNotice({ kind: "supervision", status: "open" }, false)).toBe(false);
    expect(canNotice({ kind: "supervision", status: "escalated" }, true)).toBe(false);
    expect(canNotice({ kind: "reminder", status: "done" }, true)).toBe(false);
  });
});
