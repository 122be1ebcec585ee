import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { idParamsSchema } from "../../../contracts/common.js";
import {
  articleActionSchema,
  articleListQuerySchema,
  articlePageSchema,
  articleSchema,
  articleVersionsSchema,
  createArticleSchema,
  knowledgeSearchQuerySchema,
  mostUsedSchema,
  searchResultSchema,
  synonymGroupsSchema,
  updateArticleSchema,
  useArticleResultSchema,
} from "../../../contracts/knowledge.js";
import type { App } from "../../app.js";
import { allow, requireUser, staffOnly } from "../../http/actor.js";
import * as service from "./knowledge.service.js";
import { getSynonyms, putSynonyms } from "./knowledge.setup.js";

/** Editing the knowledge base is an administrator's job; every staff member searches and uses it. */
const editors = allow(["admin"]);
/** Staff who answer requesters and so may insert (and count) an answer; not the auditor (三员分立: it writes no business data). */
const answerers = allow(["window", "dispatcher", "supervisor", "leader", "admin", "department"]);

export async function knowledgeRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ["knowledge"];
  const meta = (ip: string) => ({ now: clock.now(), ip });

  app.get(
    "/api/v1/knowledge/search",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: "知识库检索（现行已发布条目；中文分词、繁简与全半角归一、同义词；q 最长 200 字）",
        querystring: knowledgeSearchQuerySchema,
        response: { 200: searchResultSchema },
      },
    },
    async (req) =>
      // Read replica: search tolerates a few seconds of lag (docs/operations.md).
      service.searchKnowledge(app.deps.readDb, requireUser(req).centerId, req.query.q, {
        now: clock.now(),
        limit: req.query.limit,
      }),
  );

  app.get(
    "/api/v1/knowledge/most-used",
    {
      preValidation: staffOnly,
      schema: { tags, summary: "最常用的答复口径", response: { 200: mostUsedSchema } },
    },
    async (req) => service.mostUsed(db, requireUser(req), clock.now()),
  );

  app.get(
    "/api/v1/knowledge/articles",
    {
      preValidation: editors,
      schema: {
        tags,
        summary: "知识条目列表（含草稿；flagged=true 只列过期或逾期未复核的）",
        querystring: articleListQuerySchema,
        response: { 200: articlePageSchema },
      },
    },
    async (req) => service.listArticles(db, requireUser(req), req.query, clock.now()),
  );

  app.post(
    "/api/v1/knowledge/articles",
    {
      preValidation: editors,
      schema: {
        tags,
        summary: "新建知识条目（草稿）",
        body: createArticleSchema,
        response: { 201: articleSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createArticle(db, requireUser(req), req.body, meta(req.ip))),
  );

  app.get(
    "/api/v1/knowledge/articles/:id",
    {
      preValidation: staffOnly,
      schema: { tags, summary: "知识条目详情", params: idParamsSchema, response: { 200: articleSchema } },
    },
    async (req) => service.getArticle(db, requireUser(req), req.params.id, clock.now()),
  );

  app.patch(
    "/api/v1/knowledge/articles/:id",
    {
      preValidation: editors,
      schema: {
        tags,
        summary: "修改知识条目（每次修改保存为新版本）",
        params: idParamsSchema,
        body: updateArticleSchema,
        response: { 200: articleSchema },
      },
    },
    async (req) => service.updateArticle(db, requireUser(req), req.params.id, req.body, meta(req.ip)),
  );

  for (const [action, publish] of [
    ["publish", true],
    ["unpublish", false],
  ] as const) {
    app.post(
      `/api/v1/knowledge/articles/:id/${action}`,
      {
        preValidation: editors,
        schema: {
          tags,
          summary: publish ? "发布知识条目" : "撤回知识条目（转为草稿）",
          params: idParamsSchema,
          body: articleActionSchema.nullish(),
          response: { 200: articleSchema },
        },
      },
      async (req) =>
        service.publishArticle(
          db,
          requireUser(req),
          req.params.id,
          publish,
          req.body?.expectedVersion,
          meta(req.ip),
        ),
    );
  }

  app.get(
    "/api/v1/knowledge/articles/:id/versions",
    {
      preValidation: editors,
      schema: {
        tags,
        summary: "知识条目的历史版本",
        params: idParamsSchema,
        response: { 200: articleVersionsSchema },
      },
    },
    async (req) => service.listVersions(db, requireUser(req), req.params.id),
  );

  app.post(
    "/api/v1/knowledge/articles/:id/use",
    {
      preValidation: answerers,
      schema: {
        tags,
        summary: "引用条目答复（插入到当场答复中，计入使用次数）",
        params: idParamsSchema,
        response: { 200: useArticleResultSchema },
      },
    },
    async (req) => service.useArticle(db, requireUser(req), req.params.id, meta(req.ip)),
  );

  app.get(
    "/api/v1/knowledge/synonyms",
    {
      preValidation: staffOnly,
      schema: { tags, summary: "检索同义词表", response: { 200: synonymGroupsSchema } },
    },
    async (req) => getSynonyms(db, requireUser(req).centerId),
  );

  app.put(
    "/api/v1/knowledge/synonyms",
    {
      preValidation: editors,
      schema: {
        tags,
        summary: "替换检索同义词表",
        body: synonymGroupsSchema,
        response: { 200: synonymGroupsSchema },
      },
    },
    async (req) => putSynonyms(db, requireUser(req), req.body.groups, meta(req.ip)),
  );
}
