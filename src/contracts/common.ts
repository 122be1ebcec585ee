import { z } from "zod";

/**
 * Shapes shared by every module's contract. Ids are PostgreSQL bigint
 * identities sent as strings; anything that does not fit a bigint is rejected
 * here with a 400 and the field path, instead of reaching the database and
 * failing there as a 500 ("out of range for type bigint").
 */
const MAX_BIGINT = "9223372036854775807";
const DIGITS = /^\d{1,19}$/;

/** True when `s` is a non-negative decimal that fits a PostgreSQL bigint. */
export function isDbId(s: string): boolean {
  // Same length → lexicographic order is numeric order.
  return DIGITS.test(s) && (s.length < MAX_BIGINT.length || s <= MAX_BIGINT);
}

export const idSchema = z
  .string()
  .regex(DIGITS, { message: "ID 格式不正确", abort: true })
  .refine(isDbId, { message: "ID 格式不正确" });
export const idParamsSchema = z.object({ id: idSchema });

/** Keyset cursor that is the last id of the previous page. */
export const idCursorSchema = z
  .string()
  .regex(DIGITS, { message: "分页游标无效", abort: true })
  .refine(isDbId, { message: "分页游标无效" });

/** `{"ok": true}` — an action that has nothing else to say. */
export const okSchema = z.object({ ok: z.literal(true) });

/** GET /api/health. */
export const healthSchema = z.object({ status: z.literal("ok") });

/** GET /api/ready: 200 ready, or 503 not_ready with the reasons (database down, migrations pending). */
export const readySchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  problems: z.array(z.string()),
});

/** A keyset page of a list: `nextCursor` is null on the last page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
