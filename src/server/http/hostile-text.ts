import type { FastifySchema, FastifySchemaCompiler } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";

/**
 * Text that no storage can hold: PostgreSQL refuses a NUL byte in `text`, and an
 * unpaired UTF-16 surrogate has no UTF-8 encoding. JSON and URLs can carry both
 * ("\u0000", "\ud800", "%00"), so they are refused at the door instead of failing
 * deep in a driver as a 500.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL byte is exactly what is looked for
const HOSTILE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const HOSTILE_TEXT_MESSAGE = "包含无法保存的字符（空字符或不成对的代理字符），请删除后重试";

/** Bounds the walk on pathological nesting; the body limit bounds the size. */
const MAX_DEPTH = 64;

/** The dotted path of the first string (value or key) carrying hostile text, or undefined. */
export function findHostileText(value: unknown, path: string[] = [], depth = 0): string[] | undefined {
  if (typeof value === "string") return HOSTILE.test(value) ? path : undefined;
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findHostileText(value[i], [...path, String(i)], depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (HOSTILE.test(key)) return [...path, key.replace(HOSTILE, "�")];
    const found = findHostileText((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * fastify-type-provider-zod's validator compiler, preceded by the hostile-text
 * check: the one place every body, query string, path parameter and header
 * passes before a route sees it (after the route's sign-in guard, so an
 * anonymous call still answers 401 first). The failure is shaped like a zod
 * issue so the one error handler answers 400 VALIDATION_FAILED with the field path.
 */
export const guardedValidatorCompiler: FastifySchemaCompiler<FastifySchema> = (route) => {
  const validate = validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);
  return (data: unknown) => {
    const path = findHostileText(data);
    if (path) {
      return {
        error: [
          {
            // The marker hasZodFastifySchemaValidationErrors looks for (a registered symbol).
            [Symbol.for("ZodFastifySchemaValidationError")]: true,
            keyword: "hostile_text",
            instancePath: `/${path.join("/")}`,
            schemaPath: "#/hostile_text",
            message: HOSTILE_TEXT_MESSAGE,
            params: {},
          },
        ],
      } as unknown as ReturnType<typeof validate>;
    }
    return validate(data);
  };
};
