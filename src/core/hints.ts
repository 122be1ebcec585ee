import type { HintKind, IntakeHint } from "../contracts/hints.js";
import { normalizeText } from "./normalize-text.js";
import { segmenter } from "./segmenter.js";

/**
 * Intake hints (诉求登记提示): while staff type an appeal, point out text that
 * looks like an emergency for another hotline, a matter that belongs to a
 * statutory procedure, or one already in the petition (信访) system — three of
 * the standard's non-acceptance items (不予受理事项). A hint only suggests; the
 * clerk decides. Pure: the segmenter's dictionary is bundled data, no I/O.
 *
 * Matching works on jieba words, not raw substrings, so "火灾保险" (one word)
 * does not suggest 119 and "烟雾报警器" does not suggest 110; a negation just
 * before the word ("没有人受伤") or a non-emergency word right after it
 * ("火灾隐患", "火灾报警器") also suppresses the hint.
 */

// A hint's shape is the contract's (src/contracts/hints.ts).
export type { HintKind, IntakeHint };

interface Rule {
  kind: HintKind;
  area: string;
  number?: IntakeHint["number"];
  words: string[];
  message: string;
  suggestion: string;
}

const EMERGENCY_SUGGESTION = (n: string, what: string) =>
  `如情况正在发生，请提示诉求人立即拨打 ${n}${what}；属紧急热线受理范围的，可按“不予受理 · 紧急事项”处理并告知。`;

const RULES: Rule[] = [
  {
    kind: "emergency",
    area: "fire",
    number: "119",
    words: ["火灾", "着火", "起火", "失火", "火警", "燃气泄漏", "燃气泄露", "煤气泄漏", "煤气泄露"],
    message: "内容疑似涉及火情或燃气泄漏",
    suggestion: EMERGENCY_SUGGESTION("119", " 火警电话"),
  },
  {
    kind: "emergency",
    area: "medical",
    number: "120",
    words: ["受伤", "昏迷", "急救", "晕倒", "休克", "晕厥", "不省人事", "呼吸困难"],
    message: "内容疑似涉及人身伤病急救",
    suggestion: EMERGENCY_SUGGESTION("120", " 急救电话"),
  },
  {
    kind: "emergency",
    area: "traffic",
    number: "122",
    words: ["车祸", "交通事故", "撞车", "追尾", "肇事逃逸"],
    message: "内容疑似涉及交通事故",
    suggestion: EMERGENCY_SUGGESTION("122", " 交通事故报警电话"),
  },
  {
    kind: "emergency",
    area: "police",
    number: "110",
    words: [
      "打架",
      "斗殴",
      "抢劫",
      "抢夺",
      "盗窃",
      "被盗",
      "偷窃",
      "报警",
      "持刀",
      "打人",
      "殴打",
      "行凶",
      "绑架",
    ],
    message: "内容疑似涉及治安、刑事案件",
    suggestion: EMERGENCY_SUGGESTION("110", " 报警电话"),
  },
  {
    kind: "legal_procedure",
    area: "litigation",
    words: ["起诉", "诉讼", "上诉", "判决"],
    message: "内容疑似涉及诉讼程序",
    suggestion:
      "应通过诉讼程序解决的，请引导诉求人向人民法院提出；可按“不予受理 · 应走法定程序”处理并说明去向。",
  },
  {
    kind: "legal_procedure",
    area: "arbitration",
    words: ["仲裁"],
    message: "内容疑似涉及仲裁程序",
    suggestion:
      "应通过仲裁解决的，请引导诉求人向劳动人事争议仲裁委员会或仲裁委员会申请；可按“不予受理 · 应走法定程序”处理。",
  },
  {
    kind: "legal_procedure",
    area: "discipline",
    words: ["纪委", "纪检", "监委", "监察委"],
    message: "内容疑似涉及纪检监察事项",
    suggestion: "属纪检监察事项的，请引导诉求人向纪检监察机关反映；可按“不予受理 · 应走法定程序”处理。",
  },
  {
    kind: "legal_procedure",
    area: "reconsideration",
    words: ["复议", "行政复议"],
    message: "内容疑似涉及行政复议",
    suggestion: "应通过行政复议解决的，请引导诉求人向行政复议机关申请；可按“不予受理 · 应走法定程序”处理。",
  },
  {
    kind: "legal_procedure",
    area: "disclosure",
    words: ["信息公开", "依申请公开"],
    message: "内容疑似涉及政府信息公开申请",
    suggestion: "政府信息公开申请应通过信息公开渠道提出，请告知办理途径；可按“不予受理 · 应走法定程序”处理。",
  },
  {
    kind: "petition",
    area: "petition",
    words: ["信访", "上访"],
    message: "内容提及信访，可能已进入信访渠道",
    suggestion: "如该事项已进入信访渠道，请按“不予受理 · 已进入信访”处理并告知诉求人继续通过信访渠道跟进。",
  },
];

/** Words that contain a keyword but are not about it. */
const BENIGN_WORDS = new Set(["报警器", "急救箱", "急救包", "火灾险", "盗窃险", "防盗", "防盗门", "防盗窗"]);
/** A keyword followed by one of these is about prevention, devices or insurance, not an emergency. */
const BENIGN_NEXT = new Set([
  "报警器",
  "保险",
  "险",
  "隐患",
  "演练",
  "探测器",
  "预防",
  "防范",
  "培训",
  "宣传",
  "知识",
  "防控",
]);
/** A negation within two words before the keyword ("没有人受伤", "未起诉"). */
const NEGATIONS = new Set(["没有", "没", "没人", "无", "未", "并未", "未曾", "不是", "无人", "不想", "不愿"]);

/** Precise-mode jieba segmentation. */
export function segment(text: string): string[] {
  return segmenter().cut(text, true);
}

/**
 * A longer word containing a keyword ("昏迷不醒", "信访局", "打架斗殴") counts,
 * unless the word is a known benign one or continues with a benign part
 * ("火灾保险", "火灾报警器").
 */
function containsKeyword(word: string, keywords: string[]): boolean {
  if (BENIGN_WORDS.has(word)) return false;
  return keywords.some((k) => {
    const at = word.indexOf(k);
    if (at < 0) return false;
    const rest = word.slice(at + k.length);
    return ![...BENIGN_NEXT].some((b) => rest.startsWith(b));
  });
}

function matchRule(tokens: string[], rule: Rule): string[] {
  const words = new Set(rule.words);
  const found = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    for (let len = 1; len <= 3 && i + len <= tokens.length; len++) {
      const span = tokens.slice(i, i + len).join("");
      const hit = words.has(span) || (len === 1 && containsKeyword(span, rule.words));
      if (!hit) continue;
      const before = tokens.slice(Math.max(0, i - 2), i);
      if (before.some((t) => NEGATIONS.has(t))) continue;
      if (BENIGN_NEXT.has(tokens[i + len] ?? "")) continue;
      found.add(span);
    }
  }
  return [...found];
}

/** Hints for an appeal's text, emergencies first, at most one per area. */
export function detectHints(content: string): IntakeHint[] {
  const tokens = segment(content);
  const hints: IntakeHint[] = [];
  for (const rule of RULES) {
    const keywords = matchRule(tokens, rule);
    if (keywords.length === 0) continue;
    hints.push({
      kind: rule.kind,
      area: rule.area,
      ...(rule.number ? { number: rule.number } : {}),
      keywords,
      message: `${rule.message}（“${keywords.join("”“")}”）`,
      suggestion: rule.suggestion,
    });
  }
  return hints;
}

/** Function words and fillers that say nothing about what an appeal is about. */
const STOPWORDS = new Set(
  (
    "的 了 是 在 有 和 与 及 也 就 都 又 还 而 但 并 或 吗 呢 啊 吧 呀 哦 嘛 着 过 被 把 给 让 对 向 从 到 于 为 以 " +
    "我 你 您 他 她 它 我们 你们 他们 她们 这 那 这个 那个 这些 那些 这里 那里 这样 那样 什么 怎么 怎么办 如何 " +
    "一个 一下 一些 一直 已经 现在 今天 昨天 请 请问 希望 能 能够 可以 要 想 需要 没有 没 不 很 太 非常 特别 " +
    "问题 情况 反映 反应 诉求 谢谢 你好 您好"
  ).split(" "),
);

/**
 * The content words of a text, for comparing appeals: normalised (normalize-text.ts: full-width,
 * traditional characters, case), search-mode jieba, stopwords and punctuation dropped.
 */
export function contentTokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of segmenter().cutForSearch(normalizeText(text), true)) {
    const w = t.trim();
    if (!w || STOPWORDS.has(w)) continue;
    if (!/[\p{L}\p{N}]/u.test(w)) continue;
    out.add(w);
  }
  return out;
}

/**
 * Similarity of two appeal texts: Jaccard index of their content-word sets,
 * 0 (nothing shared) … 1 (same words). Used to flag a possible repeat appeal
 * (重复诉求) from the same phone.
 */
export function similarity(a: string | ReadonlySet<string>, b: string | ReadonlySet<string>): number {
  const x = typeof a === "string" ? contentTokens(a) : a;
  const y = typeof b === "string" ? contentTokens(b) : b;
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared);
}
