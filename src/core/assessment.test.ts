import { describe, expect, it } from "vitest";
import { assessmentWeightsSchema, DEFAULT_ASSESSMENT_WEIGHTS } from "../contracts/assessment.js";
import type { Figures } from "../contracts/results.js";
import { rankDepartments, round2, scoreDepartment } from "./assessment.js";

const zero: Figures = {
  received: 0,
  accepted: 0,
  rejected: 0,
  resolvedOnSpot: 0,
  dispatched: 0,
  closed: 0,
  responded: 0,
  respondedOnTime: 0,
  onTime: 0,
  overdue: 0,
  extended: 0,
  returned: 0,
  merged: 0,
  supervised: 0,
  noticed: 0,
  rated: 0,
  satisfied: 0,
  bad: 0,
  resolvedByRequester: 0,
  disputed: 0,
  rectificationsOpened: 0,
  rectificationsDone: 0,
  repeated: 0,
  responseRate: null,
  resolutionRate: null,
  satisfactionRate: null,
  onTimeRate: null,
};
const dept = (id: string, name: string, f: Partial<Figures>) => ({
  departmentId: id,
  departmentName: name,
  figures: { ...zero, ...f },
});

describe("assessment scores (docs/metrics.md)", () => {
  it("rounds half up to two decimals", () => {
    expect(round2(81.125)).toBe(81.13);
    expect(round2(39.375)).toBe(39.38);
    expect(round2(1.005)).toBe(1.01);
    expect(round2(0)).toBe(0);
  });

  it("never goes below 0 and leaves a department with no rate unscored", () => {
    const w = DEFAULT_ASSESSMENT_WEIGHTS;
    expect(scoreDepartment(dept("1", "甲", { responseRate: 0.1, noticed: 10 }), w).score).toBe(0);
    const none = scoreDepartment(dept("2", "乙", { supervised: 3 }), w);
    expect(none).toMatchObject({ score: null, base: null, deductions: 3 });
  });

  it("a weight of 0 is not counted even when the rate exists; on-time can be weighed", () => {
    const w = {
      ...DEFAULT_ASSESSMENT_WEIGHTS,
      responseRate: 0,
      resolutionRate: 50,
      satisfactionRate: 30,
      onTimeRate: 20,
    };
    // 50×0.5 + 30×1 + 20×0.25 = 25 + 30 + 5 = 60
    const s = scoreDepartment(
      dept("1", "甲", { responseRate: 0, resolutionRate: 0.5, satisfactionRate: 1, onTimeRate: 0.25 }),
      w,
    );
    expect(s).toMatchObject({ score: 60, points: { responseRate: null, onTimeRate: 5 } });
  });

  it("ties share a rank and the next rank skips; unscored last; ties by name then id", () => {
    const w = DEFAULT_ASSESSMENT_WEIGHTS;
    const all = { responseRate: 1, resolutionRate: 1, satisfactionRate: 1 };
    const ranked = rankDepartments(
      [
        dept("9", "无数据", {}),
        dept("5", "乙", { ...all, supervised: 1 }),
        dept("4", "甲", { ...all, supervised: 1 }),
        dept("3", "甲", { ...all, supervised: 1 }),
        dept("2", "丙", { ...all, supervised: 5 }),
        dept("1", "丁", all),
      ],
      w,
    );
    expect(ranked.map((r) => [r.departmentId, r.score, r.rank])).toEqual([
      ["1", 100, 1],
      ["3", 99, 2],
      ["4", 99, 2],
      ["5", 99, 2],
      ["2", 95, 5],
      ["9", null, null],
    ]);
  });
});

describe("assessment weights (contract)", () => {
  it("accept two-decimal values that binary floating point cannot hold exactly, refuse a third decimal", () => {
    const ok = assessmentWeightsSchema.safeParse({
      responseRate: 10.07,
      resolutionRate: 44.36,
      satisfactionRate: 45.57,
      onTimeRate: 0,
      supervisionDeduction: 1.1,
      noticeDeduction: 4.35,
    });
    expect(ok.success, JSON.stringify(ok.error?.issues)).toBe(true);
    const bad = assessmentWeightsSchema.safeParse({ ...DEFAULT_ASSESSMENT_WEIGHTS, noticeDeduction: 1.234 });
    expect(bad.success).toBe(false);
  });
});
