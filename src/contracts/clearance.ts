import { z } from "zod";
import { appealStatusSchema, lightSchema } from "./appeals.js";
import { boardTargetSchema } from "./supervision.js";

/**
 * 销号清零 (跟踪到底，销号清零): of the appeals received in a period, how many are finished and which
 * are still open, each with the limits running on it — until the period is cleared.
 */
const localDate = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `${what}格式应为 YYYY-MM-DD` });

export const clearanceQuerySchema = z
  .object({
    /** First day of the period (the center's local date). */
    from: localDate("开始日期"),
    /** Last day of the period, inclusive. */
    to: localDate("结束日期"),
    limit: z.coerce.number().int().min(1, "至少 1 条").max(200, "最多 200 条").default(50),
    cursor: z.string().max(200, "分页游标无效").optional(),
  })
  .refine((q) => q.from <= q.to, { message: "结束日期不能早于开始日期", path: ["to"] });
export type ClearanceQuery = z.infer<typeof clearanceQuerySchema>;

export const clearanceLimitSchema = z.object({
  kind: boardTargetSchema,
  kindLabel: z.string(),
  label: z.string(),
  departmentName: z.string().nullable(),
  dueAt: z.string(),
  light: lightSchema,
  countdown: z.string(),
});

export const clearanceItemSchema = z.object({
  appealId: z.string(),
  trackingNo: z.string(),
  status: appealStatusSchema,
  statusLabel: z.string(),
  receivedAt: z.string(),
  excerpt: z.string(),
  /** The limits running on it (every open appeal has at least one). */
  limits: z.array(clearanceLimitSchema),
});
export type ClearanceItem = z.infer<typeof clearanceItemSchema>;

export const clearanceSchema = z.object({
  from: z.string(),
  to: z.string(),
  received: z.number().int(),
  finished: z.number().int(),
  open: z.number().int(),
  /** Nothing received in the period is still open. */
  cleared: z.boolean(),
  byStatus: z.array(z.object({ status: appealStatusSchema, label: z.string(), count: z.number().int() })),
  /** The open appeals of the period, oldest first (keyset-paged). */
  items: z.array(clearanceItemSchema),
  nextCursor: z.string().nullable(),
});
export type Clearance = z.infer<typeof clearanceSchema>;
