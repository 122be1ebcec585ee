import type { AuditAction } from "../../../contracts/audit.js";
import type {
  Article,
  CreateArticle,
  KnowledgeFlag,
  SearchResult,
  UpdateArticle,
} from "../../../contracts/knowledge.js";
import { formatDate, localDay } from "../../../core/calendar-date.js";
import { demoteNearDuplicates, documentText, makeSnippet, planQuery } from "../../../core/search-text.js";
import type { Db } from "../../db/database.js";
import { AppError, invalid, notFound } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { appendAudit } from "../audit/index.js";
import { findCenter } from "../centers/index.js";
import { findDepartmentsInCenter } from "../departments/index.js";
import * as repo from "./data/knowledge.repository.js";
import { type SearchRow, searchArticles } from "./data/knowledge.search.js";

/** Ranked rows fetched per search, of which near-duplicates are moved back. */
const FETCH_WINDOW = 100;

interface Meta {
  now: Date;
  ip: string | null;
}

/** The center's calendar day (validity and review dates are days at the center). */
export async function centerToday(db: Db, centerId: string, now: Date): Promise<string> {
  const tz = (await findCenter(db, centerId))?.timezone ?? "Asia/Shanghai";
  return formatDate(localDay(now.getTime(), tz));
}

export function flagsOf(
  a: Pick<repo.ArticleRow, "valid_from" | "valid_to" | "review_by">,
  today: string,
): KnowledgeFlag[] {
  const flags: KnowledgeFlag[] = [];
  if (a.valid_from && a.valid_from > today) flags.push("not_yet_valid");
  if (a.valid_to && a.valid_to < today) flags.push("expired");
  if (a.review_by && a.review_by < today) flags.push("review_overdue");
  return flags;
}

export function presentArticle(r: repo.ArticleRow, today: string): Article {
  const flags = flagsOf(r, today);
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    title: r.title,
    question: r.question,
    answer: r.answer,
    departmentIds: r.department_ids.map(String),
    tags: r.tags,
    source: r.source,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    reviewBy: r.review_by,
    example: r.example,
    current: r.status === "published" && flags.length === 0,
    flags,
    useCount: r.use_count,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    publishedAt: r.published_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function vectorOf(c: repo.ArticleContent) {
  return repo.searchVector({
    title: documentText(c.title),
    tags: documentText(...c.tags),
    question: documentText(c.question),
    answer: documentText(c.answer),
  });
}

async function checkDepartments(db: Db, centerId: string, ids: string[]): Promise<void> {
  const found = new Set((await findDepartmentsInCenter(db, centerId, ids)).map((d) => d.id));
  const i = ids.findIndex((id) => !found.has(id));
  if (i >= 0) throw invalid(`departmentIds.${i}`, "部门不存在");
}

const dedupe = (xs: string[]) => [...new Set(xs)];

/** Creates an article as a draft (version 1, kept in the history). */
export async function createArticle(
  db: Db,
  actor: UserActor,
  input: CreateArticle,
  meta: Meta,
): Promise<Article> {
  return db.transaction().execute(async (trx) => {
    const departmentIds = dedupe(input.departmentIds ?? []);
    await checkDepartments(trx, actor.centerId, departmentIds);
    const content: repo.ArticleContent = {
      status: input.status ?? "draft",
      title: input.title,
      question: input.question ?? "",
      answer: input.answer,
      department_ids: departmentIds,
      tags: dedupe(input.tags ?? []),
      source: input.source ?? null,
      valid_from: input.validFrom ?? null,
      valid_to: input.validTo ?? null,
      review_by: input.reviewBy ?? null,
    };
    const row = await repo.insertArticle(trx, {
      ...content,
      centerId: actor.centerId,
      example: false,
      vector: vectorOf(content),
      now: meta.now,
    });
    await repo.insertVersion(trx, {
      ...content,
      articleId: row.id,
      version: 1,
      change: "create",
      editedBy: actor.userId,
      editedByName: actor.displayName,
      at: meta.now,
    });
    await audit(trx, actor, "knowledge.create", row.id, { title: input.title }, meta);
    return presentArticle(row, await centerToday(trx, actor.centerId, meta.now));
  });
}

type Change = "update" | "publish" | "unpublish";

async function writeVersion(
  db: Db,
  actor: UserActor,
  id: string,
  expectedVersion: number | undefined,
  change: Change,
  edit: (current: repo.ArticleRow) => Partial<repo.ArticleContent>,
  meta: Meta,
): Promise<Article> {
  return db.transaction().execute(async (trx) => {
    const current = await repo.findArticle(trx, actor.centerId, id, true);
    if (!current) throw notFound("知识条目");
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new AppError("VERSION_CONFLICT", "条目已被他人修改，请刷新后重试", [
        { path: "expectedVersion", message: `当前版本为 ${current.version}` },
      ]);
    }
    const content: repo.ArticleContent = {
      status: current.status,
      title: current.title,
      question: current.question,
      answer: current.answer,
      department_ids: current.department_ids.map(String),
      tags: current.tags,
      source: current.source,
      valid_from: current.valid_from,
      valid_to: current.valid_to,
      review_by: current.review_by,
      ...edit(current),
    };
    if (content.valid_from && content.valid_to && content.valid_to < content.valid_from) {
      throw invalid("validTo", "失效日期不能早于生效日期");
    }
    const publishedAt =
      content.status === "published" ? (change === "publish" ? meta.now : current.published_at) : null;
    const row = await repo.updateArticle(trx, id, current.version, {
      ...content,
      vector: vectorOf(content),
      publishedAt,
      now: meta.now,
    });
    if (!row) throw new AppError("VERSION_CONFLICT", "条目已被他人修改，请刷新后重试");
    await repo.insertVersion(trx, {
      ...content,
      articleId: id,
      version: row.version,
      change,
      editedBy: actor.userId,
      editedByName: actor.displayName,
      at: meta.now,
    });
    await audit(trx, actor, `knowledge.${change}`, id, { version: row.version }, meta);
    return presentArticle(row, await centerToday(trx, actor.centerId, meta.now));
  });
}

/** Every edit is a new version; an edit of a published article stays published (the change is live). */
export async function updateArticle(
  db: Db,
  actor: UserActor,
  id: string,
  patch: UpdateArticle,
  meta: Meta,
): Promise<Article> {
  if (patch.departmentIds) await checkDepartments(db, actor.centerId, dedupe(patch.departmentIds));
  return writeVersion(
    db,
    actor,
    id,
    patch.expectedVersion,
    "update",
    () => ({
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.question !== undefined && { question: patch.question }),
      ...(patch.answer !== undefined && { answer: patch.answer }),
      ...(patch.departmentIds !== undefined && { department_ids: dedupe(patch.departmentIds) }),
      ...(patch.tags !== undefined && { tags: dedupe(patch.tags) }),
      ...(patch.source !== undefined && { source: patch.source ?? null }),
      ...(patch.validFrom !== undefined && { valid_from: patch.validFrom ?? null }),
      ...(patch.validTo !== undefined && { valid_to: patch.validTo ?? null }),
      ...(patch.reviewBy !== undefined && { review_by: patch.reviewBy ?? null }),
    }),
    meta,
  );
}

export async function publishArticle(
  db: Db,
  actor: UserActor,
  id: string,
  publish: boolean,
  expectedVersion: number | undefined,
  meta: Meta,
): Promise<Article> {
  const today = await centerToday(db, actor.centerId, meta.now);
  return writeVersion(
    db,
    actor,
    id,
    expectedVersion,
    publish ? "publish" : "unpublish",
    (current) => {
      if (publish && current.status === "published") throw new AppError("ILLEGAL_TRANSITION", "条目已发布");
      if (!publish && current.status === "draft") throw new AppError("ILLEGAL_TRANSITION", "条目未发布");
      if (publish) {
        const flags = flagsOf(current, today).filter((f) => f !== "not_yet_valid");
        if (flags.includes("expired")) throw invalid("validTo", "条目已过有效期，请先修改有效期");
        if (flags.includes("review_overdue"))
          throw invalid("reviewBy", "条目已过复核日期，请复核后更新复核日期");
      }
      return { status: publish ? "published" : "draft" };
    },
    meta,
  );
}

export async function getArticle(db: Db, actor: UserActor, id: string, now: Date): Promise<Article> {
  const row = await repo.findArticle(db, actor.centerId, id);
  // Drafts are the editors' business: other staff see published articles only.
  if (!row || (row.status !== "published" && !actor.roles.includes("admin"))) throw notFound("知识条目");
  return presentArticle(row, await centerToday(db, actor.centerId, now));
}

export async function listVersions(db: Db, actor: UserActor, id: string) {
  const row = await repo.findArticle(db, actor.centerId, id);
  if (!row) throw notFound("知识条目");
  const versions = await repo.listVersions(db, id);
  return {
    items: versions.map((v) => ({
      version: v.version,
      change: v.change,
      status: v.status,
      title: v.title,
      question: v.question,
      answer: v.answer,
      departmentIds: v.department_ids.map(String),
      tags: v.tags,
      source: v.source,
      validFrom: v.valid_from,
      validTo: v.valid_to,
      reviewBy: v.review_by,
      editedBy: v.edited_by_name,
      editedAt: v.edited_at.toISOString(),
    })),
  };
}

export async function listArticles(
  db: Db,
  actor: UserActor,
  q: { status?: "draft" | "published"; flagged: boolean; limit: number; cursor?: string },
  now: Date,
) {
  const today = await centerToday(db, actor.centerId, now);
  const page = await repo.listArticles(db, actor.centerId, {
    status: q.status,
    flaggedOn: q.flagged ? today : undefined,
    limit: q.limit,
    cursor: q.cursor,
  });
  return { items: page.rows.map((r) => presentArticle(r, today)), nextCursor: page.nextCursor };
}

/**
 * Knowledge search for staff (and for other modules: the assist's "top articles"): published,
 * current articles of the center, best first, each with a highlighted snippet of its answer.
 */
export async function searchKnowledge(
  db: Db,
  centerId: string,
  q: string,
  opts: { now: Date; limit?: number /** the center's, when the caller has it */; timezone?: string },
): Promise<SearchResult> {
  const plan = planQuery(q, await repo.loadSynonyms(db, centerId));
  if (plan.groups.length === 0) return { items: [] };
  const today = opts.timezone
    ? formatDate(localDay(opts.now.getTime(), opts.timezone))
    : await centerToday(db, centerId, opts.now);
  const limit = opts.limit ?? 10;
  // Near-identical articles (the same answer once per district) are moved after the distinct
  // ones, so a deeper window than asked for is fetched (rows already ranked: it costs only their
  // transfer); a further pass runs only when too few of them are distinct.
  const textOf = (r: { title: string; question: string; answer: string }) =>
    `${r.title} ${r.question} ${r.answer}`;
  // Each row's bigrams are computed once per search (normalising is the costly part), and both
  // checks stop as soon as `limit` distinct rows are in place.
  const grams = new Map<SearchRow, Float64Array>();
  const ranked = await searchArticles(
    db,
    centerId,
    plan,
    today,
    FETCH_WINDOW,
    (rows) => demoteNearDuplicates(rows, textOf, { take: limit, grams }).distinct >= limit,
  );
  const rows = demoteNearDuplicates(ranked, textOf, { take: limit, grams }).items;
  return {
    items: rows.map((r) => {
      const inAnswer = makeSnippet(r.answer, plan.highlightTerms);
      const snippet =
        inAnswer.highlights.length > 0 ? inAnswer : makeSnippet(r.question, plan.highlightTerms);
      return {
        id: r.id,
        title: r.title,
        snippet: snippet.text,
        highlights: snippet.highlights,
        score: Math.round(Number(r.score) * 10_000) / 10_000,
        departmentIds: r.department_ids.map(String),
        example: r.example,
      };
    }),
  };
}

/** Staff insert an article's answer into a reply: returns the answer and counts the use. */
export async function useArticle(db: Db, actor: UserActor, id: string, meta: Meta) {
  const today = await centerToday(db, actor.centerId, meta.now);
  const row = await repo.countUse(db, actor.centerId, id, today, meta.now);
  if (!row) throw notFound("现行知识条目");
  await audit(db, actor, "knowledge.use", id, { useCount: row.use_count }, meta);
  return { id: row.id, title: row.title, answer: row.answer, useCount: row.use_count };
}

export async function mostUsed(db: Db, actor: UserActor, now: Date, limit = 10) {
  const today = await centerToday(db, actor.centerId, now);
  const rows = await repo.mostUsed(db, actor.centerId, today, limit);
  return { items: rows.map((r) => ({ id: r.id, title: r.title, useCount: r.use_count })) };
}

async function audit(
  db: Db,
  actor: UserActor,
  action: AuditAction,
  id: string,
  details: Record<string, unknown>,
  meta: Meta,
): Promise<void> {
  await appendAudit(db, {
    ...auditFields(actor),
    action,
    entity: "knowledge_article",
    entityId: id,
    details,
    ip: meta.ip,
    at: meta.now,
  });
}
