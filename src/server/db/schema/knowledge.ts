import type { ColumnType, Generated } from "kysely";
import type { CreatedAt, Id, NullableTimestamp, Timestamp } from "./columns.js";

/** 'YYYY-MM-DD' (date columns are read as strings, see database.ts). */
type DateText = string | null;

export type KnowledgeStatus = "draft" | "published";
export type KnowledgeChange = "create" | "update" | "publish" | "unpublish";

export interface KnowledgeArticlesTable {
  id: Id;
  center_id: string;
  version: number;
  status: KnowledgeStatus;
  title: string;
  question: string;
  answer: string;
  department_ids: Generated<string[]>;
  tags: Generated<string[]>;
  source: string | null;
  valid_from: DateText;
  valid_to: DateText;
  review_by: DateText;
  example: Generated<boolean>;
  /** Written through to_tsvector in SQL; never read by the app. */
  search_vector: ColumnType<never, unknown, unknown>;
  use_count: Generated<number>;
  last_used_at: NullableTimestamp;
  published_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface KnowledgeArticleVersionsTable {
  id: Id;
  article_id: string;
  version: number;
  change: KnowledgeChange;
  status: KnowledgeStatus;
  title: string;
  question: string;
  answer: string;
  department_ids: string[];
  tags: string[];
  source: string | null;
  valid_from: DateText;
  valid_to: DateText;
  review_by: DateText;
  edited_by: string | null;
  edited_by_name: string;
  edited_at: Timestamp;
}

export interface KnowledgeSynonymsTable {
  id: Id;
  center_id: string;
  position: number;
  terms: string[];
  updated_at: Timestamp;
}

export interface CategoriesTable {
  id: Id;
  center_id: string;
  code: string;
  name: string;
  parent_code: string | null;
  position: Generated<number>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}
