import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { Page } from "../../contracts/common.js";
import type {
  Article,
  articleVersionsSchema,
  Category,
  CreateCategory,
  createArticleSchema,
  mostUsedSchema,
  SearchResult,
  UpdateCategory,
  useArticleResultSchema,
} from "../../contracts/knowledge.js";
import { api } from "./client.js";

export type { Article, Category, SearchResult };
export type ArticleInput = z.input<typeof createArticleSchema>;
export type ArticleVersions = z.infer<typeof articleVersionsSchema>;

/** Knowledge search as the clerk types (empty query: no request). */
export function useKnowledgeSearch(q: string) {
  const text = q.trim().slice(0, 200);
  return useQuery({
    queryKey: ["knowledge", "search", text],
    queryFn: ({ signal }) => api<SearchResult>("/knowledge/search", { query: { q: text }, signal }),
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useMostUsed() {
  return useQuery({
    queryKey: ["knowledge", "most-used"],
    queryFn: () => api<z.infer<typeof mostUsedSchema>>("/knowledge/most-used"),
  });
}

/** Inserting an answer: returns its text and counts the use. */
export function useUseArticle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<z.infer<typeof useArticleResultSchema>>(`/knowledge/articles/${id}/use`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["knowledge", "most-used"] }),
  });
}

export function useArticles(params: { status?: string; flagged?: boolean }) {
  return useQuery({
    queryKey: ["knowledge", "articles", params],
    queryFn: () =>
      api<Page<Article>>("/knowledge/articles", {
        query: { status: params.status, flagged: params.flagged ? "true" : undefined, limit: 100 },
      }),
  });
}

export function useArticleVersions(id: string | null) {
  return useQuery({
    queryKey: ["knowledge", "versions", id],
    queryFn: () => api<ArticleVersions>(`/knowledge/articles/${id}/versions`),
    enabled: id !== null,
  });
}

export function useSaveArticle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      expectedVersion,
      ...body
    }: ArticleInput & { id?: string; expectedVersion?: number }) =>
      id
        ? api<Article>(`/knowledge/articles/${id}`, { method: "PATCH", body: { ...body, expectedVersion } })
        : api<Article>("/knowledge/articles", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["knowledge"] }),
  });
}

export function usePublishArticle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      publish,
      expectedVersion,
    }: {
      id: string;
      publish: boolean;
      expectedVersion: number;
    }) =>
      api<Article>(`/knowledge/articles/${id}/${publish ? "publish" : "unpublish"}`, {
        method: "POST",
        body: { expectedVersion },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["knowledge"] }),
  });
}

export function useSynonyms() {
  return useQuery({
    queryKey: ["knowledge", "synonyms"],
    queryFn: () => api<{ groups: string[][] }>("/knowledge/synonyms"),
  });
}

export function useSaveSynonyms() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (groups: string[][]) =>
      api<{ groups: string[][] }>("/knowledge/synonyms", { method: "PUT", body: { groups } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["knowledge"] }),
  });
}

export function useCategories(includeInactive = false) {
  return useQuery({
    queryKey: ["categories", includeInactive],
    queryFn: () =>
      api<{ items: Category[] }>("/categories", {
        query: { includeInactive: includeInactive ? "true" : undefined },
      }),
    staleTime: 60_000,
  });
}

export function useSaveCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { code: string; create?: CreateCategory; patch?: UpdateCategory }) =>
      v.create
        ? api<Category>("/categories", { method: "POST", body: v.create })
        : api<Category>(`/categories/${encodeURIComponent(v.code)}`, { method: "PATCH", body: v.patch }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["categories"] }),
  });
}

/** Category options for a two-level Cascader: first level, then its items. */
export function categoryOptions(items: Category[]) {
  return items
    .filter((c) => c.parentCode === null)
    .map((top) => ({
      value: top.code,
      label: top.name,
      children: items.filter((c) => c.parentCode === top.code).map((c) => ({ value: c.code, label: c.name })),
    }));
}
