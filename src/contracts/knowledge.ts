import { z } from "zod";
import { idSchema, pageSchema } from "./common.js";

/**
 * Knowledge base (知识库), synonyms and the category taxonomy (分类), issue 12.
 * Search behaviour: ADR 0013.
 */

/** Maximum search query length in characters, after trimming (longer → 400, see ADR 0013). */
export const MAX_QUERY_CHARS = 200;

export const KNOWLEDGE_STATUSES = ["draft", "published"] as const;
export const knowledgeStatusSchema = z.enum(KNOWLEDGE_STATUSES, { message: "状态应为 draft 或 published" });
export type KnowledgeStatus = z.infer<typeof knowledgeStatusSchema>;
export const KNOWLEDGE_STATUS_LABELS: Record<KnowledgeStatus, string> = {
  draft: "草稿",
  published: "已发布",
};

/** Why a published article is not current (never returned by search). */
export const KNOWLEDGE_FLAGS = ["not_yet_valid", "expired", "review_overdue"] as const;
export type KnowledgeFlag = (typeof KNOWLEDGE_FLAGS)[number];
export const KNOWLEDGE_FLAG_LABELS: Record<KnowledgeFlag, string> = {
  not_yet_valid: "未到生效日期",
  expired: "已过有效期",
  review_overdue: "已过复核日期",
};

const dateSchema = z.iso.date({ message: "日期格式应为 YYYY-MM-DD" });
const text = (label: string, max: number) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, { message: `请填写${label}` })
    .max(max, { message: `${label}不能超过 ${max} 个字` });

const articleFields = z.object({
  title: text("标题", 200),
  /** The question as citizens ask it (optional in API.md; strongly helps search). */
  question: z.string().trim().max(1000, { message: "群众常见问法不能超过 1000 个字" }).optional(),
  answer: text("答复口径", 5000),
  departmentIds: z.array(idSchema).max(20, { message: "关联部门不超过 20 个" }).optional(),
  /** Matters (事项) and free tags. */
  tags: z
    .array(z.string().trim().min(1, { message: "标签不能为空" }).max(50, { message: "标签不超过 50 个字" }))
    .max(30, { message: "标签不超过 30 个" })
    .optional(),
  /** The policy document or notice the answer rests on. */
  source: z.string().trim().max(500, { message: "依据来源不能超过 500 个字" }).nullish(),
  validFrom: dateSchema.nullish(),
  validTo: dateSchema.nullish(),
  reviewBy: dateSchema.nullish(),
});

function checkDates(a: { validFrom?: string | null; validTo?: string | null }, ctx: z.RefinementCtx): void {
  if (a.validFrom && a.validTo && a.validTo < a.validFrom) {
    ctx.addIssue({ code: "custom", path: ["validTo"], message: "失效日期不能早于生效日期" });
  }
}

export const createArticleSchema = articleFields
  .extend({
    /** draft (default) or published at once (API.md); a published one is version 1 all the same. */
    status: knowledgeStatusSchema.optional(),
  })
  .superRefine(checkDates);
export type CreateArticle = z.infer<typeof createArticleSchema>;

export const updateArticleSchema = articleFields
  .partial()
  .extend({ expectedVersion: z.number({ message: "请提供 expectedVersion" }).int().min(1) })
  .superRefine(checkDates);
export type UpdateArticle = z.infer<typeof updateArticleSchema>;

export const articleActionSchema = z.object({ expectedVersion: z.number().int().min(1).optional() });

export const articleSchema = z.object({
  id: z.string(),
  version: z.number(),
  status: knowledgeStatusSchema,
  title: z.string(),
  question: z.string(),
  answer: z.string(),
  departmentIds: z.array(z.string()),
  tags: z.array(z.string()),
  source: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  reviewBy: z.string().nullable(),
  /** A shipped starter article the center should review before relying on it. */
  example: z.boolean(),
  /** Published, within its validity and not past its review date: the only kind search returns. */
  current: z.boolean(),
  flags: z.array(z.enum(KNOWLEDGE_FLAGS)),
  useCount: z.number(),
  lastUsedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Article = z.infer<typeof articleSchema>;

export const articleListQuerySchema = z.object({
  status: knowledgeStatusSchema.optional(),
  /** Only articles needing attention: expired or past their review date. */
  flagged: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => v === "true" || v === "1"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export const articlePageSchema = pageSchema(articleSchema);

export const articleVersionSchema = z.object({
  version: z.number(),
  change: z.enum(["create", "update", "publish", "unpublish"]),
  status: knowledgeStatusSchema,
  title: z.string(),
  question: z.string(),
  answer: z.string(),
  departmentIds: z.array(z.string()),
  tags: z.array(z.string()),
  source: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  reviewBy: z.string().nullable(),
  editedBy: z.string(),
  editedAt: z.string(),
});
export const articleVersionsSchema = z.object({ items: z.array(articleVersionSchema) });

/**
 * Search query: required, at most MAX_QUERY_CHARS characters (longer → 400, not truncated:
 * a clerk pasting a whole letter should pick the question out, not get arbitrary matches).
 */
export const knowledgeSearchQuerySchema = z.object({
  q: z
    .string({ message: "请输入要查询的内容" })
    .trim()
    .min(1, { message: "请输入要查询的内容" })
    .max(MAX_QUERY_CHARS, { message: `查询内容不能超过 ${MAX_QUERY_CHARS} 个字` }),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});

export const searchHitSchema = z.object({
  id: z.string(),
  title: z.string(),
  snippet: z.string(),
  /** Positions in `snippet` (UTF-16 offsets, end exclusive) of the matched words. */
  highlights: z.array(z.object({ start: z.number(), end: z.number() })),
  score: z.number(),
  departmentIds: z.array(z.string()),
  example: z.boolean(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;
export const searchResultSchema = z.object({ items: z.array(searchHitSchema) });
export type SearchResult = z.infer<typeof searchResultSchema>;

export const mostUsedSchema = z.object({
  items: z.array(z.object({ id: z.string(), title: z.string(), useCount: z.number() })),
});

/** POST /knowledge/articles/{id}/use — staff insert the answer into a reply; it counts. */
export const useArticleResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  answer: z.string(),
  useCount: z.number(),
});

// ---- synonyms ----
const synonymTerm = z
  .string()
  .trim()
  .min(1, { message: "同义词不能为空" })
  .max(20, { message: "同义词不超过 20 个字" })
  .regex(/[\p{L}\p{N}]/u, { message: "同义词须含文字或数字" });
export const synonymGroupsSchema = z.object({
  groups: z
    .array(
      z.array(synonymTerm).min(2, { message: "每组至少两个词" }).max(20, { message: "每组不超过 20 个词" }),
    )
    .max(500, { message: "同义词组不超过 500 组" }),
});
export type SynonymGroups = z.infer<typeof synonymGroupsSchema>;

// ---- categories ----
export const categoryCodeFormat = /^[A-Za-z0-9_.-]{1,64}$/;
export const categorySchema = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  position: z.number(),
  active: z.boolean(),
});
export type Category = z.infer<typeof categorySchema>;
export const categoryListSchema = z.object({ items: z.array(categorySchema) });
export const categoryListQuerySchema = z.object({
  includeInactive: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => v === "true" || v === "1"),
});
export const createCategorySchema = z.object({
  code: z.string().trim().regex(categoryCodeFormat, { message: "分类编码须为 1–64 位字母、数字、_ . 或 -" }),
  name: text("分类名称", 50),
  /** A first-level code: the new one is its second-level item. Two levels only. */
  parentCode: z.string().trim().max(64).nullish(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CreateCategory = z.infer<typeof createCategorySchema>;
export const updateCategorySchema = z.object({
  name: text("分类名称", 50).optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  /** Codes are disabled, never deleted: appeals and statistics keep referring to them. */
  active: z.boolean().optional(),
});
export type UpdateCategory = z.infer<typeof updateCategorySchema>;
export const categoryCodeParamsSchema = z.object({ code: z.string().regex(categoryCodeFormat) });
