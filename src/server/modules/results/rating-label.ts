import { RATING_LEVEL_LABELS, type RatingLevel } from "../../../contracts/results.js";

export const levelLabel = (level: number): string =>
  RATING_LEVEL_LABELS[level as RatingLevel] ?? String(level);
