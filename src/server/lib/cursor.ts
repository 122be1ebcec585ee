import { isDbId } from "../../contracts/common.js";
import { invalid } from "../errors.js";

/**
 * The one keyset-cursor codec. A cursor is the sort key of the last row of a
 * page plus its id, so the next page is an index range scan: rows are never
 * skipped or repeated while new rows arrive, and nothing counts the table.
 * Clients treat it as opaque (base64url of a small JSON array whose first
 * element names the list, so a cursor of one list is refused by another).
 */

export type CursorValue = string | number;

/** Encodes `[list, ...keys]`. */
export function encodeCursor(list: string, ...keys: CursorValue[]): string {
  return Buffer.from(JSON.stringify([list, ...keys])).toString("base64url");
}

/** The kinds of key a cursor may carry; each is checked before it reaches SQL. */
export type KeyKind = "instant" | "instantOrInfinity" | "id" | "text";

const ok: Record<KeyKind, (v: unknown) => boolean> = {
  instant: (v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)),
  instantOrInfinity: (v) => v === "infinity" || ok.instant(v),
  id: (v) => typeof v === "string" && isDbId(v),
  text: (v) => typeof v === "string" && v.length > 0 && v.length <= 64,
};

/**
 * Decodes a cursor of `list` whose keys have the given kinds, or answers 400
 * VALIDATION_FAILED on `cursor` (tampered, truncated or from another list).
 */
export function decodeCursor<const K extends readonly KeyKind[]>(
  raw: string,
  list: string,
  kinds: K,
): { [I in keyof K]: string } {
  try {
    const v = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && v.length === kinds.length + 1 && v[0] === list) {
      const keys = v.slice(1);
      if (kinds.every((k, i) => ok[k](keys[i]))) return keys as { [I in keyof K]: string };
    }
  } catch {
    // fall through to the 400 below
  }
  throw invalid("cursor", "分页游标无效，请从第一页重新查询");
}
