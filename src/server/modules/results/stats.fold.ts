import type { Db } from "../../db/database.js";
import { foldStatsDeltas, foldTermDeltas } from "./data/stats.repository.js";

/** Deltas moved per statement: a fold transaction stays short even after a long pause. */
const BATCH = 5_000;
/** Batches per run at most; what is left waits for the next run (the reads count it meanwhile). */
const MAX_BATCHES = 100;

/**
 * Folds the committed rollup deltas (stats_daily_delta, appeal_terms_delta) into stats_daily and
 * appeal_terms_daily, batch by batch until none is left. Run by the scheduler every couple of
 * seconds on every instance (SKIP LOCKED splits the work); the figures read the same before and
 * after, since reads sum rollup and deltas (stats.repository.ts). Returns the cells written.
 */
export async function foldRollups(db: Db): Promise<number> {
  let cells = 0;
  for (const fold of [foldStatsDeltas, foldTermDeltas]) {
    for (let i = 0; i < MAX_BATCHES; i++) {
      const n = await fold(db, BATCH);
      cells += n;
      if (n === 0) break;
    }
  }
  return cells;
}
