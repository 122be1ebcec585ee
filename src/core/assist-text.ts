import { normalizeText } from "./normalize-text.js";
import { segmenter } from "./segmenter.js";

/**
 * Text features for the department suggestion model (pure; the segmenter's
 * dictionary is bundled data). A text becomes a bag of named features:
 *
 *   w:<word>      jieba words (precise mode, HMM), stopwords and punctuation dropped
 *   s:<word>      the extra sub-words of search mode ("营业执照" → "营业", "执照")
 *   b:<w1>|<w2>   bigrams of consecutive content words
 *   c:<xy>, c:<xyz>  character 2- and 3-grams of the Chinese runs (robust to
 *                 segmentation errors and everyday variants: "社保卡" / "社保的卡")
 *
 * Counts are raw here; the model applies sublinear tf, idf and L2 normalisation.
 */

/** Function words and fillers that say nothing about which department an appeal is for. */
const STOPWORDS = new Set(
  (
    "的 了 是 在 有 和 与 及 也 就 都 又 还 而 但 并 或 吗 呢 啊 吧 呀 哦 嘛 着 过 被 把 给 让 对 向 从 到 于 为 以 " +
    "我 你 您 他 她 它 我们 你们 他们 她们 这 那 这个 那个 这些 那些 这里 那里 这样 那样 什么 怎么 怎么办 如何 " +
    "一个 一下 一些 已经 现在 今天 昨天 请 请问 希望 能 能够 可以 要 想 需要 没有 没 不 很 太 非常 特别 " +
    "问题 情况 反映 反应 诉求 谢谢 你好 您好 麻烦 一下子 个 啥 咋 哪 哪里 哪儿 吗 么 下 上 里 去 来 说 看 做 得 地"
  ).split(" "),
);

const CONTENT = /[\p{L}\p{N}]/u;
const HAN_RUN = /\p{Script=Han}+/gu;

/** The content words of a text, in order (precise mode). */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const t of segmenter().cut(text, true)) {
    const w = t.trim();
    if (!w || STOPWORDS.has(w) || !CONTENT.test(w)) continue;
    // Long digit runs (phone numbers, ID numbers, dates) are noise for routing.
    if (/^\d{3,}$/.test(w)) continue;
    out.push(w);
  }
  return out;
}

export type FeatureCounts = Map<string, number>;

function add(m: FeatureCounts, k: string, n = 1): void {
  m.set(k, (m.get(k) ?? 0) + n);
}

/** The feature counts of one text (see the file comment). Empty for an empty or punctuation-only text. */
export function textFeatures(raw: string): FeatureCounts {
  const text = normalizeText(raw).slice(0, 4000);
  const m: FeatureCounts = new Map();
  const words = contentWords(text);
  const wordSet = new Set(words);
  for (const w of words) add(m, `w:${w}`);
  for (let i = 0; i + 1 < words.length; i++) add(m, `b:${words[i]}|${words[i + 1]}`);
  for (const t of segmenter().cutForSearch(text, true)) {
    const w = t.trim();
    if (!w || wordSet.has(w) || STOPWORDS.has(w) || !CONTENT.test(w) || /^\d+$/.test(w)) continue;
    add(m, `s:${w}`);
  }
  for (const run of text.match(HAN_RUN) ?? []) {
    const cs = [...run];
    for (let i = 0; i + 1 < cs.length; i++) {
      add(m, `c:${cs[i]}${cs[i + 1]}`);
      if (i + 2 < cs.length) add(m, `c:${cs[i]}${cs[i + 1]}${cs[i + 2]}`);
    }
  }
  return m;
}
