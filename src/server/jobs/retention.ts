import type { Db } from "../db/database.js";
import { anonymiseExpired } from "../modules/appeals/index.js";

/**
 * The retention job (PIPL art. 19), hourly in every instance: anonymises finished appeals past
 * their center's retention period, a batch per transaction until none is left. Each batch is
 * claimed with SKIP LOCKED, so instances running at once share the work and never do an appeal
 * twice. It deletes nothing — audit records in particular are kept (at least 180 days, the
 * Cybersecurity Law's minimum; the audit_log guard trigger refuses deletion outright).
 */
export async function runRetention(db: Db, now: Date, batch = 200): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await anonymiseExpired(db, now, batch);
    total += n;
    if (n < batch) return total;
  }
}
