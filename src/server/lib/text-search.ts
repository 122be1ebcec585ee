import { type RawBuilder, sql } from "kysely";
import { segmenter } from "../../core/segmenter.js";

/**
 * Chinese text search without a database extension: text is segmented with
 * jieba in search mode (fine-grained words plus compounds: 营业执照 → 营业,
 * 执照, 营业执照) and stored space-separated; PostgreSQL's 'simple' text
 * search configuration then only splits on spaces and lower-cases, so the
 * same GIN index works on PGlite and on a PostgreSQL server.
 */

/** Word characters: letters (any script) and digits; punctuation and spaces carry no meaning. */
const WORDISH = /[\p{L}\p{N}]/u;
const MAX_TOKENS = 4000;

/** Search-mode tokens of `text`, lower-cased, punctuation dropped. */
export function searchTokens(text: string): string[] {
  if (!text.trim()) return [];
  return segmenter()
    .cutForSearch(text, true)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== "" && WORDISH.test(t));
}

/** The value stored in a search_tokens column for these texts (nulls skipped). */
export function toSearchDocument(...texts: Array<string | null | undefined>): string {
  const tokens = texts.flatMap((t) => (t ? searchTokens(t) : []));
  return tokens.slice(0, MAX_TOKENS).join(" ");
}

/**
 * One term per word of the query (precise mode). A compound word also
 * matches its search-mode parts as an adjacent phrase (营业执照 → 营业 <-> 执照),
 * so the query still finds a document segmented differently around it,
 * without matching texts where the parts merely occur apart.
 */
export interface QueryTerm {
  word: string;
  phrase?: string;
}

export function queryTerms(q: string): QueryTerm[] {
  const words = segmenter()
    .cut(q.trim(), true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w !== "" && WORDISH.test(w));
  return words.map((word) => {
    const parts = searchTokens(word).filter((p) => p !== word);
    return parts.length > 1 ? { word, phrase: parts.join(" ") } : { word };
  });
}

/**
 * A tsquery for `q` built from plainto/phraseto_tsquery pieces (no
 * hand-escaping of operators), or undefined when the query has no word.
 */
export function tsQueryFor(q: string): RawBuilder<unknown> | undefined {
  const terms = queryTerms(q);
  if (terms.length === 0) return undefined;
  const term = (t: QueryTerm) =>
    t.phrase
      ? sql`(plainto_tsquery('simple', ${t.word}) || phraseto_tsquery('simple', ${t.phrase}))`
      : sql`plainto_tsquery('simple', ${t.word})`;
  return sql`(${sql.join(terms.map(term), sql` && `)})`;
}
