import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

/**
 * The one jieba segmenter of the process, shared by intake hints, repeat
 * detection and search indexing. Loading the bundled dictionary takes ~0.2 s
 * and tens of MB, so it happens once, on first use (no I/O beyond bundled data).
 */
let jieba: Jieba | undefined;
export function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}
