import type { IntakeHintsResult } from "../../../contracts/hints.js";
import { toOffsetIso } from "../../../core/calendar-date.js";
import { detectHints, similarity } from "../../../core/hints.js";
import { phoneDigits } from "../../../core/masking.js";
import type { Db } from "../../db/database.js";
import type { UserActor } from "../../http/actor.js";
import { recentAppealsByPhone } from "../appeals/index.js";
import { findCenter } from "../centers/index.js";

/** Repeat appeals (重复诉求) are looked for among the last 30 days. */
export const REPEAT_WINDOW_DAYS = 30;
/** Content-word Jaccard similarity from which an earlier appeal is shown as a possible repeat. */
export const REPEAT_THRESHOLD = 0.3;
const MAX_REPEATS = 5;
/** Candidates compared per request: a phone with more recent appeals than this is itself a signal. */
const MAX_CANDIDATES = 200;
const PREVIEW_CHARS = 60;

/**
 * Live hints beside the intake form: emergency / statutory-procedure /
 * petition hints for the text, and earlier appeals of the same phone in this
 * center with similar content, most similar first.
 */
export async function intakeHints(
  db: Db,
  actor: UserActor,
  input: { phone?: string; content: string },
  now: Date,
): Promise<IntakeHintsResult> {
  const hints = detectHints(input.content);
  const digits = input.phone ? phoneDigits(input.phone) : "";
  if (digits.length < 7 || input.content.trim() === "") return { hints, possibleRepeats: [] };

  const candidates = await recentAppealsByPhone(db, {
    centerId: actor.centerId,
    phone: digits,
    since: new Date(now.getTime() - REPEAT_WINDOW_DAYS * 86_400_000),
    limit: MAX_CANDIDATES,
  });
  if (candidates.length === 0) return { hints, possibleRepeats: [] };
  const tz = (await findCenter(db, actor.centerId))?.timezone ?? "Asia/Shanghai";
  const possibleRepeats = candidates
    .map((a) => ({ a, score: similarity(input.content, a.content) }))
    .filter((x) => x.score >= REPEAT_THRESHOLD)
    .sort((x, y) => y.score - x.score || y.a.receivedAt.getTime() - x.a.receivedAt.getTime())
    .slice(0, MAX_REPEATS)
    .map(({ a, score }) => ({
      id: a.id,
      trackingNo: a.trackingNo,
      receivedAt: toOffsetIso(a.receivedAt, tz),
      status: a.status,
      similarity: Math.round(score * 1000) / 1000,
      contentPreview:
        [...a.content].length > PREVIEW_CHARS
          ? `${[...a.content].slice(0, PREVIEW_CHARS).join("")}…`
          : a.content,
    }));
  return { hints, possibleRepeats };
}
