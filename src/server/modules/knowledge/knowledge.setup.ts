import { addMonths, formatDate, parseDate } from "../../../core/calendar-date.js";
import { documentText } from "../../../core/search-text.js";
import type { Db } from "../../db/database.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { appendAudit } from "../audit/index.js";
import * as repo from "./data/knowledge.repository.js";
import { centerToday } from "./knowledge.service.js";
import { STARTER_ARTICLES, STARTER_SOURCE, STARTER_SYNONYMS } from "./knowledge.starter.js";

/**
 * A center without any article gets the starter set (published, marked as examples, due for
 * review within a month) and the starter synonyms. Idempotent: articles are never deleted,
 * so a center that has any was seeded or wrote its own.
 */
export async function ensureStarterKnowledge(db: Db, centerId: string, now: Date): Promise<void> {
  if (await repo.countArticles(db, centerId)) return;
  const today = await centerToday(db, centerId, now);
  const reviewBy = formatDate(addMonths(parseDate(today), 1));
  await repo.replaceSynonyms(db, centerId, STARTER_SYNONYMS, now);
  for (const a of STARTER_ARTICLES) {
    const content: repo.ArticleContent = {
      status: "published",
      title: a.title,
      question: a.question,
      answer: a.answer,
      department_ids: [],
      tags: a.tags,
      source: STARTER_SOURCE,
      valid_from: null,
      valid_to: null,
      review_by: reviewBy,
    };
    const row = await repo.insertArticle(db, {
      ...content,
      centerId,
      example: true,
      vector: repo.searchVector({
        title: documentText(a.title),
        tags: documentText(...a.tags),
        question: documentText(a.question),
        answer: documentText(a.answer),
      }),
      now,
    });
    await repo.insertVersion(db, {
      ...content,
      articleId: row.id,
      version: 1,
      change: "create",
      editedBy: null,
      editedByName: "系统（示例）",
      at: now,
    });
  }
}

export async function getSynonyms(db: Db, centerId: string): Promise<{ groups: string[][] }> {
  return { groups: await repo.loadSynonyms(db, centerId) };
}

/** Replaces the synonym list (the admin edits it as a whole); groups are cleaned of repeats. */
export async function putSynonyms(
  db: Db,
  actor: UserActor,
  groups: string[][],
  meta: { now: Date; ip: string | null },
): Promise<{ groups: string[][] }> {
  const clean = groups.map((g) => [...new Set(g.map((t) => t.trim()))]).filter((g) => g.length >= 2);
  await db.transaction().execute(async (trx) => {
    await repo.replaceSynonyms(trx, actor.centerId, clean, meta.now);
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "knowledge.synonyms",
      entity: "knowledge_synonyms",
      entityId: actor.centerId,
      details: { groups: clean.length },
      ip: meta.ip,
      at: meta.now,
    });
  });
  return { groups: clean };
}

/**
 * Imports published articles in batches (an existing knowledge base moving in; benchmarks).
 * Each article is tokenised as an edit would be and gets its version 1.
 */
export async function importArticles(
  db: Db,
  centerId: string,
  articles: { title: string; question: string; answer: string; tags: string[]; source?: string | null }[],
  now: Date,
  batchSize = 500,
): Promise<number> {
  let n = 0;
  for (let i = 0; i < articles.length; i += batchSize) {
    const batch = articles.slice(i, i + batchSize).map((a) => ({
      status: "published" as const,
      title: a.title,
      question: a.question,
      answer: a.answer,
      department_ids: [],
      tags: a.tags,
      source: a.source ?? null,
      valid_from: null,
      valid_to: null,
      review_by: null,
      vector: repo.searchVector({
        title: documentText(a.title),
        tags: documentText(...a.tags),
        question: documentText(a.question),
        answer: documentText(a.answer),
      }),
    }));
    n += await db.transaction().execute((trx) => repo.insertArticlesBatch(trx, centerId, batch, "导入", now));
  }
  return n;
}
