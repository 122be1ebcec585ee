import { type Kysely, sql } from "kysely";

/**
 * Knowledge and directory (issue 12): the knowledge base (articles with every edit kept as a
 * version row, searched through a jieba-token tsvector, ADR 0013), the editable synonym list,
 * the two-level category taxonomy (分类) and the directory fields of departments.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("knowledge_articles")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft','published')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("answer", "text", (c) => c.notNull())
    .addColumn("department_ids", sql`bigint[]`, (c) => c.notNull().defaultTo(sql`'{}'::bigint[]`))
    .addColumn("tags", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("source", "text")
    .addColumn("valid_from", "date")
    .addColumn("valid_to", "date")
    .addColumn("review_by", "date")
    .addColumn("example", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("search_vector", sql`tsvector`, (c) => c.notNull())
    .addColumn("use_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_used_at", "timestamptz")
    .addColumn("published_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addCheckConstraint(
      "knowledge_articles_validity_check",
      sql`valid_to is null or valid_from is null or valid_to >= valid_from`,
    )
    .execute();
  await sql`create index knowledge_articles_search_idx on knowledge_articles using gin (search_vector)`.execute(
    db,
  );
  await sql`create index knowledge_articles_list_idx on knowledge_articles (center_id, updated_at desc, id desc)`.execute(
    db,
  );
  await sql`create index knowledge_articles_used_idx on knowledge_articles (center_id, use_count desc, id) where status = 'published' and use_count > 0`.execute(
    db,
  );

  await db.schema
    .createTable("knowledge_article_versions")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("article_id", "bigint", (c) => c.notNull().references("knowledge_articles.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("change", "text", (c) =>
      c.notNull().check(sql`change in ('create','update','publish','unpublish')`),
    )
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("answer", "text", (c) => c.notNull())
    .addColumn("department_ids", sql`bigint[]`, (c) => c.notNull())
    .addColumn("tags", sql`text[]`, (c) => c.notNull())
    .addColumn("source", "text")
    .addColumn("valid_from", "date")
    .addColumn("valid_to", "date")
    .addColumn("review_by", "date")
    .addColumn("edited_by", "bigint", (c) => c.references("users.id"))
    .addColumn("edited_by_name", "text", (c) => c.notNull())
    .addColumn("edited_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("knowledge_article_versions_uq", ["article_id", "version"])
    .execute();

  await db.schema
    .createTable("knowledge_synonyms")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("terms", sql`text[]`, (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("knowledge_synonyms_center_idx")
    .on("knowledge_synonyms")
    .columns(["center_id", "position"])
    .execute();

  await db.schema
    .createTable("categories")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("parent_code", "text")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("categories_center_code_uq", ["center_id", "code"])
    .execute();

  await sql`alter table departments add column functions text, add column hours text`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table departments drop column functions, drop column hours`.execute(db);
  await db.schema.dropTable("categories").execute();
  await db.schema.dropTable("knowledge_synonyms").execute();
  await db.schema.dropTable("knowledge_article_versions").execute();
  await db.schema.dropTable("knowledge_articles").execute();
}
