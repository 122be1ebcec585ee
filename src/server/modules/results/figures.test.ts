import { describe, expect, it } from "vitest";
import { STATS_COUNTERS, type StatsCounter } from "../../db/schema/results.js";
import { toFigures } from "./stats.service.js";

const counts = (over: Partial<Record<StatsCounter, number>>) =>
  ({ ...Object.fromEntries(STATS_COUNTERS.map((k) => [k, 0])), ...over }) as Record<StatsCounter, number>;

describe("the rates of docs/metrics.md", () => {
  it("weighs 基本满意 by the policy (worked example: 2.5 of 4 with weight 0.5)", () => {
    const c = counts({ rated: 4, level5: 1, level4: 1, level3: 1, level2: 1, resolved_by_requester: 2 });
    expect(toFigures(c, 1)).toMatchObject({
      satisfied: 3,
      satisfactionRate: 0.75,
      bad: 1,
      resolutionRate: 0.5,
    });
    expect(toFigures(c, 0.5)).toMatchObject({ satisfied: 2.5, satisfactionRate: 0.625 });
    expect(toFigures(c, 0)).toMatchObject({ satisfied: 2, satisfactionRate: 0.5 });
  });

  it("answers null, not 0, when a denominator is empty", () => {
    expect(toFigures(counts({}), 1)).toMatchObject({
      responseRate: null,
      resolutionRate: null,
      satisfactionRate: null,
      onTimeRate: null,
    });
    expect(
      toFigures(counts({ on_time: 3, overdue: 1, responded: 2, responded_on_time: 2 }), 1),
    ).toMatchObject({
      onTimeRate: 0.75,
      responseRate: 1,
    });
  });
});
