import {
  ASSESSMENT_INDICATORS,
  type AssessmentIndicator,
  type AssessmentItem,
  type AssessmentWeights,
} from "../contracts/assessment.js";
import type { Figures } from "../contracts/results.js";

/**
 * 考核 scores and ranking, exactly as docs/metrics.md "Assessment" defines them (pure: figures
 * and weights in, scores and ranks out).
 *
 *  - An indicator counts when its weight is above 0 and its rate is not null. A null rate (no
 *    denominator: nothing to rate the department on) is left out and its weight is shared among
 *    the counted indicators in proportion to theirs: base = 100 × Σ wᵢ·rᵢ ÷ Σ wᵢ over counted i.
 *    No counted indicator at all: the department is unscored (score and rank null).
 *  - deductions = supervisionDeduction × supervised + noticeDeduction × noticed.
 *  - score = max(0, base − deductions), rounded to two decimals (half up).
 *  - Ranked by score, highest first; equal (rounded) scores share a rank and the next rank skips
 *    (1, 2, 2, 4). Within a tie, and among the unscored (listed last), by department name, then id.
 */

/** Half-up rounding to two decimals, robust to binary fractions (0.125 → 0.13, 89.995 → 90). */
export function round2(x: number): number {
  return Math.round((x + Math.sign(x) * 1e-9) * 100) / 100;
}

export interface DepartmentFigures {
  departmentId: string;
  departmentName: string;
  figures: Figures;
}

type Scored = Omit<AssessmentItem, "rank">;

export function scoreDepartment(d: DepartmentFigures, w: AssessmentWeights): Scored {
  const counted = ASSESSMENT_INDICATORS.filter((k) => w[k] > 0 && d.figures[k] !== null);
  const total = counted.reduce((s, k) => s + w[k], 0);
  const points = Object.fromEntries(ASSESSMENT_INDICATORS.map((k) => [k, null])) as Record<
    AssessmentIndicator,
    number | null
  >;
  let base: number | null = null;
  if (total > 0) {
    base = 0;
    for (const k of counted) {
      const p = (100 * w[k] * (d.figures[k] as number)) / total;
      points[k] = round2(p);
      base += p;
    }
  }
  const deductions = round2(
    w.supervisionDeduction * d.figures.supervised + w.noticeDeduction * d.figures.noticed,
  );
  return {
    departmentId: d.departmentId,
    departmentName: d.departmentName,
    score: base === null ? null : round2(Math.max(0, base - deductions)),
    base: base === null ? null : round2(base),
    deductions,
    points,
    figures: d.figures,
  };
}

const byName = (a: Scored, b: Scored) =>
  a.departmentName.localeCompare(b.departmentName, "zh-Hans-CN") ||
  (BigInt(a.departmentId) < BigInt(b.departmentId)
    ? -1
    : BigInt(a.departmentId) > BigInt(b.departmentId)
      ? 1
      : 0);

/** Scores every department and ranks them (competition ranking; unscored last with rank null). */
export function rankDepartments(rows: DepartmentFigures[], w: AssessmentWeights): AssessmentItem[] {
  const scored = rows.map((r) => scoreDepartment(r, w));
  const withScore = scored
    .filter((s) => s.score !== null)
    .sort((a, b) => (b.score as number) - (a.score as number) || byName(a, b));
  const without = scored.filter((s) => s.score === null).sort(byName);
  const out: AssessmentItem[] = [];
  withScore.forEach((s, i) => {
    const prev = out[i - 1];
    const rank = prev && prev.score === s.score ? (prev.rank as number) : i + 1;
    out.push({ ...s, rank });
  });
  for (const s of without) out.push({ ...s, rank: null });
  return out;
}
