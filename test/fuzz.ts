import fc from "fast-check";
import type { App } from "../src/server/app.js";

/**
 * Hostile-input generators for the route fuzz test (test-only module): the
 * operations come from the OpenAPI document, so a new route is fuzzed without
 * anyone listing it.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
};

export interface Operation {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** OpenAPI path, e.g. /api/v1/appeals/{id}. */
  path: string;
  params: { name: string; schema: JsonSchema }[];
  query: { name: string; schema: JsonSchema }[];
  body: JsonSchema | undefined;
}

/** Every operation of the OpenAPI document (hidden routes excepted). */
export function operationsOf(app: App): Operation[] {
  // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is free-form JSON
  const doc = app.swagger() as any;
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths ?? {})) {
    // biome-ignore lint/suspicious/noExplicitAny: as above
    for (const [method, op] of Object.entries(byMethod as Record<string, any>)) {
      // biome-ignore lint/suspicious/noExplicitAny: as above
      const parameters = (op.parameters ?? []) as any[];
      ops.push({
        method: method.toUpperCase() as Operation["method"],
        path,
        params: parameters
          .filter((p) => p.in === "path")
          .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        query: parameters
          .filter((p) => p.in === "query")
          .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: op.requestBody?.content?.["application/json"]?.schema,
      });
    }
  }
  return ops;
}

/** Storable but hostile text: injection payloads, direction marks, look-alikes, huge strings. */
export const payloadText = fc.oneof(
  fc.constantFrom(
    "' OR '1'='1",
    "1; DROP TABLE appeals; --",
    "'); DELETE FROM audit_log; --",
    "\\'; select pg_sleep(1); --",
    "%' AND 1=1 --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(document.cookie)",
    "{{constructor.constructor('return process')()}}",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, sent as text
    "${process.exit(1)}",
    "\u202e\u0644\u0627\u202c 反向文本 \u200f\u200e",
    "\u200b\u200c\u200d\ufeff",
    "１３８００１３８０００",
    "😀👨‍👩‍👧‍👦🇨🇳",
    "__proto__",
    "constructor",
    "9223372036854775808",
    "-1",
    "0",
    "1e309",
    "NaN",
    "",
    "   ",
    "../../../../etc/passwd",
    "%00",
    "null",
    "true",
    "2026-02-30",
    "2026-03-02T25:61:00+08:00",
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => "长".repeat(n)),
);

/** Text no database can store: NUL bytes and unpaired surrogates, somewhere in the string. */
export const unstorableText = fc
  .tuple(
    fc.string({ maxLength: 10 }),
    fc.constantFrom("\u0000", "\ud800", "\udfff", "\udbff\u0000", "a\ud83d"),
    fc.string({ maxLength: 10 }),
  )
  .map(([a, bad, b]) => `${a}${bad}${b}`);

/** Values of the wrong type, including prototype-pollution shapes. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.constant(JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}')),
  fc.constant({ $gt: "" }),
  fc.constant(Array.from({ length: 2_000 }, (_, i) => i)),
);

/** A value that often fits the schema (so deeper code runs), with hostile strings. */
export function conforming(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return payloadText;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => conforming(s, depth + 1)));
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object": {
      const props = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of Object.entries(props)) model[k] = hostileValue(s, depth + 1);
      return fc.record(model, { requiredKeys: [] });
    }
    case "array":
      return fc.array(hostileValue(schema.items, depth + 1), { maxLength: 3 });
    case "integer":
    case "number":
      return fc.oneof(
        fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 50, 1e9) }),
        fc.constant(2 ** 63),
      );
    case "boolean":
      return fc.boolean();
    default:
      if (schema.format === "date-time") return fc.constant("2026-03-02T09:00:00+08:00");
      if (schema.format === "date") return fc.constant("2026-03-02");
      return fc.oneof(payloadText, fc.constantFrom("1", "2", "13800138000", "测试"));
  }
}

/** Mostly schema-shaped, sometimes of the wrong type. */
export function hostileValue(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: conforming(schema, depth), weight: 4 }, { arbitrary: wrongType, weight: 1 });
}

/**
 * Percent-encodes any string for a URL, including unpaired surrogates
 * (encodeURIComponent throws on those): they are sent as the bytes a lax
 * encoder would produce, which is exactly the hostile case.
 */
export function encodeAny(s: string): string {
  let out = "";
  for (const ch of s) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      const c = ch.charCodeAt(0);
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join("");
    }
  }
  return out;
}

/** The URL of an operation with the given path parameters and query string. */
export function urlOf(op: Operation, params: Record<string, string>, query: Record<string, unknown>): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeAny(params[name] ?? "1"));
  const qs = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeAny(k)}=${encodeAny(typeof v === "string" ? v : JSON.stringify(v))}`)
    .join("&");
  return qs ? `${path}?${qs}` : path;
}
