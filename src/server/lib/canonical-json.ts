/**
 * JSON with object keys sorted at every level, no spacing, `undefined` members
 * dropped and Dates as ISO strings (what JSON.stringify makes of them). Two
 * uses need a form that does not depend on key order: request hashes of
 * idempotency keys (a retry may send the same body with keys reordered) and the
 * audit chain (jsonb keeps neither key order nor spacing, so verification
 * re-canonicalises what it reads back and must get the same string).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value) ?? "null")));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, sortKeys(o[k])]),
    );
  }
  return v;
}
