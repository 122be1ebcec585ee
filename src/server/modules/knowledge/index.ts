/**
 * 知识库 — the knowledge base window staff answer from (issue 12): versioned articles, Chinese
 * full-text search (ADR 0013) with synonyms, usage counts. `searchKnowledge` and `rankedMatch`
 * are the search helpers other modules reuse; the pure half is src/core/search-text.ts.
 */
export { rankedMatch } from "./data/knowledge.search.js";
export { knowledgeRoutes } from "./knowledge.routes.js";
export { searchKnowledge } from "./knowledge.service.js";
export { ensureStarterKnowledge, importArticles } from "./knowledge.setup.js";
