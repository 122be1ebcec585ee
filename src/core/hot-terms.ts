import { segmenter } from "./segmenter.js";

/**
 * 热点分析 (issue 11): the terms of an appeal's content that count for hot topics — jieba words
 * (precise mode with HMM, so dictionary compounds such as 营业执照 or 噪音扰民 stay whole),
 * lower-cased, each counted once per appeal. Single characters, numbers, and the stop words
 * below (Chinese function words and words every appeal uses) carry no topic and are dropped.
 * docs/metrics.md ("Hot topics") is the definition; this is its only implementation.
 */

/** Function words, pronouns, time words and generic appeal vocabulary (反映, 问题, 希望 …). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `的 了 在 是 我 有 和 就 不 人 都 一 一个 上 也 很 到 说 要 去 你 会 着 没有 看 好 自己 这 那 他 她 它
  我们 你们 他们 她们 咱们 大家 什么 怎么 怎样 如何 为什么 为何 哪里 哪些 因为 所以 但是 但 而且 并且 如果 虽然
  已经 还是 可以 能够 能 可能 应该 需要 这个 那个 这些 那些 这里 那里 这样 那样 一下 一些 一直 非常 十分
  特别 比较 现在 目前 当前 之前 以前 之后 以后 然后 今天 昨天 明天 今年 去年 每天 天天 经常 多次 几次
  至今 仍然 仍 还 又 再 才 只 就是 也是 都是 不是 没 无 对 把 被 让 给 从 向 于 与 及 以及 或 或者 等 等等
  啊 吧 呢 吗 哦 呀 嘛 之 其 该 此 本 每 各 某 个 些 次 里 中 内 外 后 前 时 时候 期间 时间 关于 对于 由于
  通过 按照 根据 进行 相关 有关 情况 方面 工作 事情 事项 问题 反映 反应 希望 要求 请求 请 麻烦 帮助 帮忙
  解决 处理 协调 落实 尽快 及时 给予 予以 督促 相关部门 有关部门 部门 政府 市民 群众 居民 来电 来信 来访
  诉求 咨询 投诉 举报 建议 表示 称 说明 本人 家里 目前为止 一次 多年 两次 之间 存在 出现 发生 导致 造成
  影响 严重 很大 很多 太多 太大 一样 不能 不会 不要 没法 无法 如此 但是是 谢谢 感谢 您好 你好`.split(/\s+/u),
);

const MAX_TERMS = 60;
const HAS_LETTER = /\p{L}/u;

/**
 * The distinct hot-topic terms of `content`: the first MAX_TERMS in order of appearance, then
 * sorted (a stable lock order for the rollup).
 */
export function hotTerms(content: string): string[] {
  if (!content.trim()) return [];
  const seen = new Set<string>();
  for (const raw of segmenter().cut(content, true)) {
    const w = raw.trim().toLowerCase();
    if ([...w].length < 2 || !HAS_LETTER.test(w) || STOP_WORDS.has(w) || w.length > 40) continue;
    seen.add(w);
  }
  return [...seen].slice(0, MAX_TERMS).sort();
}
