import { createRequire } from "node:module";
import type { Jieba } from "@node-rs/jieba";

/**
 * The one jieba segmenter of the process, shared by intake hints, repeat
 * detection and search indexing. Loading the bundled dictionary takes ~0.2 s
 * and tens of MB, so it happens once, on first use (no I/O beyond bundled data).
 * The package itself (a native addon, and dict.js reads the dictionary files when it is loaded)
 * is required then too, not imported at start: a restart that serves no search does not pay for
 * it (issue 14). Both are CommonJS, which is also what `import` resolved them to.
 */
let jieba: Jieba | undefined;
export function segmenter(): Jieba {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba: Segmenter } = require("@node-rs/jieba") as typeof import("@node-rs/jieba");
    const { dict } = require("@node-rs/jieba/dict.js") as typeof import("@node-rs/jieba/dict.js");
    jieba = Segmenter.withDict(dict);
  }
  return jieba;
}
