import * as OpenCC from "opencc-js/t2cn";

/**
 * The one normal form of citizen and staff text before it is segmented, indexed, compared or
 * classified (knowledge search, department suggestions, repeat detection): NFKC (full-width
 * letters, digits and punctuation → half-width), traditional → simplified characters with
 * OpenCC's maintained tables (`t` → `cn`, phrase-aware), lower case. Pure; the tables are
 * bundled data.
 */
const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });

export function normalizeText(text: string): string {
  return toSimplified(text.normalize("NFKC")).toLowerCase();
}
