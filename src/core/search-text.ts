import { normalizeText } from "./normalize-text.js";
import { segmenter } from "./segmenter.js";

/**
 * Chinese full-text search, the pure half (ADR 0013): normalisation, the
 * tokens stored in a document's `tsvector` (PostgreSQL 'simple' configuration
 * over space-joined jieba tokens, so PGlite and a PostgreSQL server behave
 * the same), the query plan (words plus everyday-wording synonyms) and
 * highlighted snippets. The SQL half lives with the knowledge module
 * (knowledge.search.ts) and is exported from its index for other modules.
 */

/** Letters (any script) and digits; everything else separates tokens. */
const NON_WORD = /[^\p{L}\p{N}]+/gu;

function clean(token: string): string {
  return token.replace(NON_WORD, "");
}

/** Cap per document: a very long answer still indexes, its tail contributes nothing new. */
const MAX_DOC_TOKENS = 4000;

/**
 * Search-mode tokens of a (normalised) text: fine-grained words plus the
 * compounds (个体工商户 → 个体, 工商, 工商户, 个体工商户), punctuation dropped.
 */
export function documentTokens(text: string): string[] {
  const n = normalizeText(text);
  if (!n.trim()) return [];
  const out: string[] = [];
  for (const t of segmenter().cutForSearch(n, true)) {
    const c = clean(t);
    if (c) out.push(c);
    if (out.length >= MAX_DOC_TOKENS) break;
  }
  return out;
}

/** The space-joined text fed to to_tsvector('simple', …). */
export function documentText(...texts: Array<string | null | undefined>): string {
  return texts
    .flatMap((t) => (t ? documentTokens(t) : []))
    .slice(0, MAX_DOC_TOKENS)
    .join(" ");
}

/**
 * Words of a question that say nothing about which article answers it
 * ("我想把…关掉要办什么"). Query side only: documents keep every token.
 */
export const QUERY_STOPWORDS = new Set(
  (
    "我 你 您 他 她 它 我们 你们 想 要 想要 把 被 的 地 得 了 着 过 吗 呢 啊 吧 呀 哦 嗯 么 " +
    "什么 怎么 怎样 怎么样 如何 哪些 哪里 哪儿 哪个 多少 几 需要 需 可以 能 能否 能不能 是否 是不是 " +
    "办 办理 去 来 请问 请 问 一下 下 现在 这个 那个 这 那 有 没有 是 在 给 和 与 及 还 也 都 就 " +
    "该 应该 得 会 让 个 些 一个 自己 咨询 一 到 对 从 向 又 再 才 啥 咋 要求 相关 " +
    "怎么办 咋办 怎么弄 咋弄 办法 你好 您好 谢谢 问一下 请问一下 在哪 在哪里 哪里办 " +
    // Words nearly every service question has: they say nothing about which article answers it.
    "材料 资料 手续 流程 多久 多长 时间 要啥 去哪 哪儿办 带 什么样 怎么样 可不可以 行不行 " +
    // Question words jieba leaves on their own in some contexts ("换证去哪" → 去, 哪).
    "哪 啥样 快 " +
    // Function words that say nothing about the matter when jieba leaves them on their own
    // (2026-12-04, by category, not by query):
    // localisers — "执照上的名字", "公积金里的钱", "动工前";
    "上 下 里 内 中 前 后 旁边 " +
    // negation, modality and adverbs of time or degree — "没营业", "不能不开", "先备案";
    "不 没 别 不能 不想 不要 先 刚 刚刚 已 已经 太 很 总 总是 全 全部 直接 马上 一直 每次 " +
    // light verbs that take their meaning from the object — "用公积金", "拿房子去", "做抵押";
    "用 做 弄 搞 拿 打 申请 " +
    // measure words and counted units, bare ("6年", "12月", "补一张"); digits stay words;
    "张 次 份 件 套 种 位 点 年 月 日 号 天 一张 一次 一点 一些 一份 " +
    // time expressions of the asking, not of the matter.
    "时候 以后 之后 以前 之前 开始"
  ).split(/\s+/),
);

/** One meaning in a query: any of its alternatives matches. */
export interface QueryGroup {
  /** What the clerk typed for this part (normalised). */
  text: string;
  /** Alternatives, each a token sequence: [["个体户"], ["个体工商户"], ["个体", "经营"]]. */
  alternatives: string[][];
}

export interface QueryPlan {
  groups: QueryGroup[];
  /** Every token worth marking in a snippet, longest first. */
  highlightTerms: string[];
}

/** Groups kept from one query: beyond this a query is a paragraph, not a question. */
const MAX_GROUPS = 16;

/** A synonym group as stored: terms that mean the same in a citizen's question. */
export type SynonymGroup = readonly string[];

function termTokens(term: string): string[] {
  // Precise mode for a term: the sequence a document segmented in search mode also contains.
  return segmenter()
    .cut(term, true)
    .map(clean)
    .filter((t) => t !== "");
}

/**
 * The dictionary segmentation of `text` (jieba without its HMM guesses, so only words the
 * dictionary knows stay together) as [start, end) offsets.
 */
function dictionarySpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  let at = 0;
  for (const w of segmenter().cut(text, false)) {
    const i = text.indexOf(w, at);
    if (i < 0) continue;
    at = i + w.length;
    out.push([i, at]);
  }
  return out;
}

/** Whether `w` is one word of the dictionary with at least two characters. */
function isDictionaryWord(w: string): boolean {
  const pieces = segmenter().cut(w, false);
  return [...w].length >= 2 && pieces.length === 1;
}

/**
 * Whether a synonym hit at [i, j) of `text` stands on word boundaries: no dictionary word of the
 * segmentation is cut so that a stranded part is left outside the hit. jieba picks one path
 * through ambiguous text, so a cut word is still allowed when its part outside the hit is itself
 * a dictionary word (个体店老板 is segmented 个体 + 店老板; 个体店 + 老板 is as good a reading),
 * but not when it is a single character (重新办 = 重新 + 办: 新办 would leave 重).
 */
function onWordBoundaries(text: string, spans: readonly [number, number][], i: number, j: number) {
  for (const [a, b] of spans) {
    if (a < i && i < b && !isDictionaryWord(text.slice(a, i))) return false;
    if (a < j && j < b && !isDictionaryWord(text.slice(j, b))) return false;
  }
  return true;
}

/**
 * The words of a question left after the synonym scan. jieba's HMM joins runs of characters its
 * dictionary does not know into guessed words, and in a question those are often a filler glued
 * to a content word (想换, 能补, 哪交, 前要): such a guess is split back into its dictionary pieces
 * when one of them is a stop word, and the stop words among them are dropped. Words the
 * dictionary knows (重新, 打零工) are kept whole.
 */
function questionWords(rest: string): string[] {
  const out: string[] = [];
  for (const w of segmenter().cut(rest, true)) {
    const word = clean(w);
    if (!word) continue;
    const pieces = word.length > 1 ? segmenter().cut(word, false).map(clean).filter(Boolean) : [word];
    if (pieces.length > 1 && pieces.some((p) => QUERY_STOPWORDS.has(p))) out.push(...pieces);
    else out.push(word);
  }
  return out.filter((w) => !QUERY_STOPWORDS.has(w));
}

/**
 * The query plan: the normalised query is first scanned for synonym terms (longest first, so
 * "个体工商户" wins over "个体户" and phrases such as "不干了" work whatever jieba makes of them);
 * each hit becomes a group of all its synonyms. A hit counts only on word boundaries of the
 * dictionary segmentation (`onWordBoundaries`): a term inside a longer dictionary word is another
 * word (新办 in 重新办 — 重新 + 办 —, 改名 in 改名字), while a term across words the dictionary does
 * not join (不干了: 不 + 干 + 了) still matches. The rest is cut into words; stop words are dropped (see
 * `questionWords`) and each remaining word is a group of itself (plus, for a compound, all of its
 * search-mode parts).
 */
export function planQuery(q: string, synonyms: readonly SynonymGroup[] = []): QueryPlan {
  const norm = normalizeText(q);
  const groups: QueryGroup[] = [];
  const seen = new Set<string>();
  const byTerm = new Map<string, string[]>();
  for (const g of synonyms) {
    const terms = [...new Set(g.map((t) => normalizeText(t).trim()).filter((t) => clean(t) !== ""))];
    for (const t of terms) byTerm.set(t, [...new Set([...(byTerm.get(t) ?? []), ...terms])]);
  }
  const terms = [...byTerm.keys()].sort((a, b) => b.length - a.length);
  const spans = terms.length ? dictionarySpans(norm) : [];
  const taken = new Array<boolean>(norm.length).fill(false);
  for (const t of terms) {
    let hit = false;
    for (let i = norm.indexOf(t); i >= 0; i = norm.indexOf(t, i + 1)) {
      const j = i + t.length;
      if (taken.slice(i, j).some(Boolean) || !onWordBoundaries(norm, spans, i, j)) continue;
      taken.fill(true, i, j);
      hit = true;
    }
    if (!hit) continue;
    const all = byTerm.get(t) ?? [t];
    const key = [...all].sort().join("|");
    if (seen.has(key)) continue;
    seen.add(key);
    groups.push({ text: t, alternatives: all.map(termTokens).filter((a) => a.length > 0) });
  }
  // The query with its synonym hits blanked out (hits cover whole characters).
  let rest = "";
  for (let i = 0; i < norm.length; i++) rest += taken[i] ? " " : norm[i];
  for (const word of questionWords(rest)) {
    if (seen.has(word)) continue;
    seen.add(word);
    const parts = segmenter()
      .cutForSearch(word, true)
      .map(clean)
      .filter((p) => p !== "" && p !== word && p.length < word.length);
    // A compound also matches a document that has all of its parts (segmented differently there).
    const seq = parts.length > 1 ? [parts] : [];
    groups.push({ text: word, alternatives: [[word], ...seq] });
  }
  const kept = groups.filter((g) => g.alternatives.length > 0).slice(0, MAX_GROUPS);
  const highlight = new Set<string>();
  for (const g of kept) for (const a of g.alternatives) highlight.add(a.join(""));
  return { groups: kept, highlightTerms: [...highlight].sort((a, b) => b.length - a.length) };
}

/**
 * tsquery text of one group: alternatives OR'ed; a multi-token alternative needs all its tokens
 * (not as a phrase: search-mode segmentation interleaves sub-words, so positions are not adjacent).
 * Tokens are letters and digits only, so quoting them is safe.
 */
export function groupTsQuery(g: QueryGroup, weights = ""): string {
  const w = weights ? `:${weights}` : "";
  const alt = (a: string[]) =>
    a.length === 1 ? `'${a[0]}'${w}` : `(${a.map((t) => `'${t}'${w}`).join(" & ")})`;
  return `(${g.alternatives.map(alt).join(" | ")})`;
}

/**
 * tsquery text matching a document that has any group; `weights` restricts matching to the
 * parts of the document with those weights ("AB": title, tags and the citizen's question).
 */
export function anyTsQuery(plan: QueryPlan, weights = ""): string {
  return plan.groups.map((g) => groupTsQuery(g, weights)).join(" | ");
}

/**
 * tsquery text matching a document that has at least `k` of the plan's groups (in the parts with
 * `weights`): the OR of every k-subset's AND. Used for k = 2 and k = all, so it stays small
 * (16 groups at most: 120 pairs).
 */
export function atLeastTsQuery(plan: QueryPlan, k: number, weights = ""): string {
  const parts = plan.groups.map((g) => groupTsQuery(g, weights));
  if (k <= 1) return parts.join(" | ");
  if (k >= parts.length) return parts.join(" & ");
  const out: string[] = [];
  const pick = (start: number, chosen: string[]) => {
    if (chosen.length === k) {
      out.push(`(${chosen.join(" & ")})`);
      return;
    }
    for (let i = start; i <= parts.length - (k - chosen.length); i++)
      pick(i + 1, [...chosen, parts[i] as string]);
  };
  pick(0, []);
  return out.join(" | ");
}

/**
 * Every lexeme a document can share with the plan: the alternatives' tokens and the search-mode
 * parts of each alternative as a whole (个体+工商户 → 个体, 工商, 工商户, 个体工商户), as the
 * document's own vector has them.
 */
export function planTokens(plan: QueryPlan): string[] {
  const out = new Set<string>();
  for (const g of plan.groups)
    for (const a of g.alternatives) {
      for (const t of a) out.add(t);
      for (const t of segmenter().cutForSearch(a.join(""), true)) if (clean(t)) out.add(clean(t));
    }
  return [...out];
}

/**
 * The character bigrams of a text (normalised, letters and digits only) as a sorted array of
 * distinct code-point pairs, so two texts are compared by one merge rather than set look-ups.
 */
export function bigramSet(text: string): Float64Array {
  const s = normalizeText(text).replace(NON_WORD, "");
  const out = new Float64Array(s.length);
  let n = 0;
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i) as number;
    if (c > 0xffff) i++; // the low surrogate of an astral character
    if (prev >= 0) out[n++] = prev * 0x110000 + c;
    prev = c;
  }
  const sorted = out.subarray(0, n).sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (m === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i] as number;
  return sorted.subarray(0, m);
}

/**
 * Whether the Jaccard similarity of two bigram sets is at least `threshold`. Exact; it gives up
 * as soon as the pairs still to merge cannot lift the shared count to the threshold (most pairs
 * compared are far apart, so this usually reads a fraction of them).
 */
export function similarAtLeast(a: Float64Array, b: Float64Array, threshold: number): boolean {
  const na = a.length;
  const nb = b.length;
  if (na === 0 || nb === 0) return false;
  // The least shared count that reaches the threshold (the Jaccard grows with it).
  let need = Math.max(0, Math.floor((threshold * (na + nb)) / (1 + threshold)) - 1);
  while (need <= Math.min(na, nb) && need / (na + nb - need) < threshold) need++;
  if (need > Math.min(na, nb)) return false;
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < na && j < nb) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      if (++both >= need) return true;
      i++;
      j++;
    } else {
      if (x < y) i++;
      else j++;
      if (both + Math.min(na - i, nb - j) < need) return false;
    }
  }
  return both >= need;
}

/**
 * Character-bigram Jaccard (title, question and answer) from which two articles count as
 * near-identical: one templated answer per district measures about 0.79, while the most similar
 * two distinct starter articles (个体工商户注销登记 / 设立登记) measure 0.19.
 */
export const NEAR_DUPLICATE = 0.75;

/**
 * Ranked results with near-identical ones moved back: an item whose text shares at least
 * `threshold` of its character bigrams with a better-ranked item that stays in place goes after
 * every distinct item (keeping its order among the moved ones). Nothing is dropped; a clerk sees
 * different answers first instead of the same answer once per district. `distinct` counts the
 * items left in place.
 *
 * With `take`, only the first `take` items of that order are wanted: the scan stops once `take`
 * items stayed in place (`items` is then those, `distinct` is `take`). `grams` keeps each item's
 * bigrams between calls over overlapping lists (a search checks its window, then ranks it).
 */
export function demoteNearDuplicates<T>(
  items: readonly T[],
  textOf: (item: T) => string,
  opts: { threshold?: number; take?: number; grams?: Map<T, Float64Array> } = {},
): { items: T[]; distinct: number } {
  const threshold = opts.threshold ?? NEAR_DUPLICATE;
  const take = opts.take ?? Number.POSITIVE_INFINITY;
  const kept: { item: T; grams: Float64Array }[] = [];
  const moved: T[] = [];
  for (const item of items) {
    let grams = opts.grams?.get(item);
    if (!grams) {
      grams = bigramSet(textOf(item));
      opts.grams?.set(item, grams);
    }
    const g = grams;
    if (kept.some((k) => similarAtLeast(k.grams, g, threshold))) moved.push(item);
    else {
      kept.push({ item, grams: g });
      if (kept.length >= take) return { items: kept.map((k) => k.item), distinct: kept.length };
    }
  }
  const all = [...kept.map((k) => k.item), ...moved];
  return { items: opts.take === undefined ? all : all.slice(0, take), distinct: kept.length };
}

export interface Snippet {
  text: string;
  /** Offsets into `text` (UTF-16 code units, end exclusive) of the matched terms. */
  highlights: { start: number; end: number }[];
}

/**
 * A snippet of `source` around its first matched term, at most `width`
 * characters, with the positions of every matched term in it. Matching is
 * on the normalised text (same length as the source for CJK, letters and
 * digits), so a traditional-character or upper-case source still highlights.
 */
export function makeSnippet(source: string, terms: readonly string[], width = 120): Snippet {
  const text = source.replace(/\s+/g, " ").trim();
  const norm = normalizeText(text);
  const aligned = norm.length === text.length;
  const hay = aligned ? norm : text.toLowerCase();
  let first = -1;
  for (const t of terms) {
    const i = hay.indexOf(t);
    if (i >= 0 && (first < 0 || i < first)) first = i;
  }
  let start = 0;
  if (first > width / 3 && text.length > width)
    start = Math.min(first - Math.floor(width / 4), text.length - width);
  start = Math.max(0, start);
  const end = Math.min(text.length, start + width);
  const prefix = start > 0 ? "…" : "";
  const suffix = end < text.length ? "…" : "";
  const body = text.slice(start, end);
  const window = hay.slice(start, end);
  const marks: { start: number; end: number }[] = [];
  const taken = new Array<boolean>(window.length).fill(false);
  for (const t of terms) {
    if (!t) continue;
    let i = window.indexOf(t);
    while (i >= 0) {
      const j = i + t.length;
      if (!taken.slice(i, j).some(Boolean)) {
        for (let k = i; k < j; k++) taken[k] = true;
        marks.push({ start: i + prefix.length, end: j + prefix.length });
      }
      i = window.indexOf(t, j);
    }
  }
  marks.sort((a, b) => a.start - b.start);
  return { text: `${prefix}${body}${suffix}`, highlights: marks };
}
