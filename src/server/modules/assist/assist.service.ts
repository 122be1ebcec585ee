import type { AppealType } from "../../../contracts/appeals.js";
import type { SimilarAppeal, SuggestBody, SuggestResult } from "../../../contracts/assist.js";
import { deserializeModel, type Model, predict, type StoredModel } from "../../../core/assist-model.js";
import { type FeatureCounts, textFeatures } from "../../../core/assist-text.js";
import { toOffsetIso } from "../../../core/calendar-date.js";
import { contentTokens, detectHints, similarity } from "../../../core/hints.js";
import { phoneDigits } from "../../../core/masking.js";
import { bands, fromSigned, hamming, simhashOfTokens } from "../../../core/simhash.js";
import type { Db } from "../../db/database.js";
import type { UserActor } from "../../http/actor.js";
import { findRepeatCandidates } from "../appeals/index.js";
import { findCenter } from "../centers/index.js";
import { findDepartmentsInCenter } from "../departments/index.js";
import { searchKnowledge } from "../knowledge/index.js";
import { MIN_EXAMPLES } from "./assist.training.js";
import { listModelStamps, loadModelText, type ModelTarget } from "./data/assist-model.repository.js";

/** Repeat appeals (重复诉求) are looked for among the last 30 days. */
export const REPEAT_WINDOW_DAYS = 30;
/** Same phone: shown from this content-word similarity on. */
const SAME_PHONE_THRESHOLD = 0.3;
/** Another requester: near-identical text only (similarity, or SimHash distance). */
const TEXT_THRESHOLD = 0.5;
const TEXT_MAX_HAMMING = 5;
const MAX_SIMILAR = 5;
const MAX_CANDIDATES = 100;
const MAX_DEPARTMENTS = 3;
/** A type or category is suggested only from this confidence on. */
const MIN_LABEL_CONFIDENCE = 0.5;
const PREVIEW_CHARS = 60;

/** Deserialised models by center and target, replaced when the stored model is newer. */
const cache = new Map<string, { trainedAt: number; model: Model }>();

async function modelFor(
  db: Db,
  centerId: string,
  target: ModelTarget,
  trainedAt: Date,
): Promise<Model | null> {
  const key = `${centerId}:${target}`;
  const hit = cache.get(key);
  if (hit && hit.trainedAt === trainedAt.getTime()) return hit.model;
  const text = await loadModelText(db, centerId, target);
  if (!text) return null;
  const model = deserializeModel(JSON.parse(text) as StoredModel);
  cache.set(key, { trainedAt: trainedAt.getTime(), model });
  return model;
}

const preview = (s: string) =>
  [...s].length > PREVIEW_CHARS ? `${[...s].slice(0, PREVIEW_CHARS).join("")}…` : s;

/** Open appeals of the last 30 days that look like a repeat of this text (or come from the same phone). */
async function similarAppeals(
  db: Db,
  actor: UserActor,
  input: SuggestBody,
  tokens: ReadonlySet<string>,
  now: Date,
) {
  const h = simhashOfTokens(tokens);
  const digits = input.phone ? phoneDigits(input.phone) : "";
  const phone = digits.length >= 7 ? digits : null;
  if (h === null && phone === null) return [];
  const candidates = await findRepeatCandidates(db, {
    centerId: actor.centerId,
    bands: h === null ? [] : bands(h),
    phoneDigits: phone,
    since: new Date(now.getTime() - REPEAT_WINDOW_DAYS * 86_400_000),
    excludeId: input.appealId ?? null,
    limit: MAX_CANDIDATES,
  });
  return candidates
    .map((c) => {
      const samePhone = phone !== null && c.phoneDigits === phone;
      const distance = h !== null && c.simhash !== null ? hamming(h, fromSigned(c.simhash)) : 64;
      // The input's words are segmented once; each candidate's once.
      const score = Math.max(similarity(tokens, c.content), distance === 0 ? 1 : 0);
      const shown = samePhone
        ? score >= SAME_PHONE_THRESHOLD
        : score >= TEXT_THRESHOLD || distance <= TEXT_MAX_HAMMING;
      return { c, samePhone, score, shown };
    })
    .filter((x) => x.shown)
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.samePhone) - Number(a.samePhone) ||
        b.c.receivedAt.getTime() - a.c.receivedAt.getTime(),
    )
    .slice(0, MAX_SIMILAR);
}

function presentSimilar(rows: Awaited<ReturnType<typeof similarAppeals>>, tz: string): SimilarAppeal[] {
  return rows.map(({ c, samePhone, score }) => ({
    appealId: c.id,
    trackingNo: c.trackingNo,
    score: Math.round(score * 1000) / 1000,
    samePhone,
    status: c.status,
    receivedAt: toOffsetIso(c.receivedAt, tz),
    contentPreview: preview(c.content),
  }));
}

/**
 * 分办建议 while staff type or review: lead departments (best first, calibrated confidence),
 * type and category where the history supports them, non-acceptance hints, similar open appeals.
 * Only suggestions: nothing here changes an appeal. No model yet → `model: null` and the reason.
 */
export async function suggest(
  db: Db,
  actor: UserActor,
  input: SuggestBody,
  now: Date,
): Promise<SuggestResult> {
  // Segment once: the model's features serve the three predictions (and say whether the text has
  // any content word); the repeat lookup's content words serve its SimHash and every similarity.
  const features: FeatureCounts = textFeatures(input.content);
  const empty = ![...features.keys()].some((k) => k.startsWith("w:"));
  const tokens = contentTokens(input.content);
  const refusalHints = empty ? [] : detectHints(input.content);

  // The independent reads run together: center (time zone), repeat candidates, knowledge
  // articles (即时咨询: published and current only; the first 200 characters, as the search box
  // takes), model stamps.
  const tzP = findCenter(db, actor.centerId).then((c) => c?.timezone ?? "Asia/Shanghai");
  const [tz, similarRows, articles, stamps] = await Promise.all([
    tzP,
    similarAppeals(db, actor, input, tokens, now),
    empty
      ? Promise.resolve([])
      : tzP.then(async (timezone) =>
          (
            await searchKnowledge(db, actor.centerId, [...input.content].slice(0, 200).join(""), {
              now,
              limit: 3,
              timezone,
            })
          ).items.map((a) => ({ id: a.id, title: a.title, snippet: a.snippet, score: a.score })),
        ),
    listModelStamps(db, actor.centerId),
  ]);
  const similar = presentSimilar(similarRows, tz);
  const stampOf = (t: ModelTarget) => stamps.find((s) => s.target === t);
  const dept = stampOf("department");
  const base: SuggestResult = {
    model: dept ? { examples: dept.examples, trainedAt: toOffsetIso(dept.trained_at, tz) } : null,
    reason: null,
    departments: [],
    type: null,
    category: null,
    articles,
    similar,
    refusalHints,
  };
  if (!dept) {
    return {
      ...base,
      reason: `本中心分办记录不足 ${MIN_EXAMPLES} 件或尚未训练，暂不给出部门建议（训练后自动启用）`,
    };
  }
  if (empty) return { ...base, reason: "请输入诉求内容后再给出建议" };

  const modelOf = (t: ModelTarget) => {
    const s = stampOf(t);
    return s ? modelFor(db, actor.centerId, t, s.trained_at) : Promise.resolve(null);
  };
  const [deptModel, typeModel, categoryModel] = await Promise.all([
    modelOf("department"),
    modelOf("type"),
    modelOf("category"),
  ]);
  const top = (deptModel ? predict(deptModel, features) : []).slice(0, MAX_DEPARTMENTS);
  const rows = await findDepartmentsInCenter(
    db,
    actor.centerId,
    top.map((r) => r.label),
  );
  const names = new Map(rows.filter((r) => r.active).map((r) => [r.id, r.name]));
  const departments = top.flatMap((r) => {
    const name = names.get(r.label);
    return name ? [{ departmentId: r.label, name, confidence: Math.round(r.confidence * 1000) / 1000 }] : [];
  });

  const label = (m: Model | null) => {
    const best = m ? predict(m, features)[0] : undefined;
    return best && best.confidence >= MIN_LABEL_CONFIDENCE
      ? { code: best.label, confidence: Math.round(best.confidence * 1000) / 1000 }
      : null;
  };
  const type = label(typeModel);
  return {
    ...base,
    departments,
    reason: departments.length === 0 ? "内容中没有可用于判断的词语" : null,
    type: type ? { code: type.code as AppealType, confidence: type.confidence } : null,
    category: label(categoryModel),
  };
}
