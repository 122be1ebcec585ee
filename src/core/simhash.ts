import { contentTokens } from "./hints.js";

/**
 * SimHash fingerprints of appeal texts for repeat detection (重复诉求): a 64-bit SimHash over the
 * jieba content words (stopwords dropped, see hints.ts), stored per appeal with its six bands so
 * near-identical texts are found by an index lookup. Two fingerprints within Hamming distance 5
 * always share a band (pigeonhole: 6 bands), so `sim_bands && bands(x)` finds every such appeal;
 * the exact similarity is then scored on the few candidates. Pure and deterministic.
 */

const MASK64 = (1n << 64n) - 1n;
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;

function fnv1a64(s: string): bigint {
  let h = FNV_OFFSET;
  for (const byte of Buffer.from(s, "utf8")) {
    h ^= BigInt(byte);
    h = (h * FNV_PRIME) & MASK64;
  }
  return h;
}

/** The unsigned 64-bit SimHash of a text's content words; null when it has none. */
export function simhash(text: string): bigint | null {
  return simhashOfTokens(contentTokens(text));
}

/** SimHash of content words already computed (hints.ts `contentTokens`): the caller segments once. */
export function simhashOfTokens(tokens: ReadonlySet<string>): bigint | null {
  if (tokens.size === 0) return null;
  const acc = new Int32Array(64);
  for (const t of tokens) {
    const h = fnv1a64(t);
    for (let i = 0; i < 64; i++) acc[i] = (acc[i] as number) + (((h >> BigInt(i)) & 1n) === 1n ? 1 : -1);
  }
  let out = 0n;
  for (let i = 0; i < 64; i++) if ((acc[i] as number) > 0) out |= 1n << BigInt(i);
  return out;
}

/** Band widths (bits) of the six bands, low bits first. */
const BANDS = [11, 11, 11, 11, 10, 10];

/** The six band keys of a fingerprint, each tagged with its position (position × 4096 + value). */
export function bands(h: bigint): number[] {
  const out: number[] = [];
  let shift = 0n;
  BANDS.forEach((w, pos) => {
    const v = Number((h >> shift) & ((1n << BigInt(w)) - 1n));
    out.push(pos * 4096 + v);
    shift += BigInt(w);
  });
  return out;
}

export function hamming(a: bigint, b: bigint): number {
  let x = (a ^ b) & MASK64;
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}

/** Stored as PostgreSQL bigint (signed): the same 64 bits. */
export const toSigned = (h: bigint): string => BigInt.asIntN(64, h).toString();
export const fromSigned = (s: string): bigint => BigInt.asUintN(64, BigInt(s));

/** The columns an appeal stores for repeat detection. */
export function fingerprintColumns(content: string): { simhash: string | null; sim_bands: number[] } {
  const h = simhash(content);
  return h === null ? { simhash: null, sim_bands: [] } : { simhash: toSigned(h), sim_bands: bands(h) };
}
