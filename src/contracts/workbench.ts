import { z } from "zod";
import { lightSchema } from "./appeals.js";
import { boardSummaryRowSchema } from "./supervision.js";

/**
 * 工作台 to-do lists (待办): what each role has to do next, most urgent first — overdue, then
 * soonest due — with the one light rule (core/due-light.ts). Sections by role:
 * window: first responses owed, calls to make; window and dispatcher: follow-up calls owed (回访); dispatcher: to review and dispatch, to verify and
 * close, 函转 followed, extensions and plans to approve; department: its 工作单 (sign, 研究部署,
 * reply), plan milestones; supervisor and leader: due today and overdue, by department.
 */
export const TODO_SECTIONS = [
  "first_response",
  "calls",
  "follow_ups",
  "review",
  "closeout",
  "letter_transfer",
  "approvals",
  "department",
  "due",
] as const;
export type TodoSectionCode = (typeof TODO_SECTIONS)[number];

export const TODO_SECTION_LABELS: Record<TodoSectionCode, string> = {
  first_response: "待首次回应",
  calls: "待电话告知",
  follow_ups: "待回访",
  review: "待审核分办",
  closeout: "待核实销号",
  letter_transfer: "函转跟踪",
  approvals: "待审批（延期、解决方案）",
  department: "本部门待办",
  due: "今日到期与已超期",
};

export const todoItemSchema = z.object({
  /** Unique in the response, e.g. "work_order:12", "call:40", "extension:3". */
  key: z.string(),
  /** A tracked kind (work_order, review …), or call, extension, plan. */
  kind: z.string(),
  kindLabel: z.string(),
  appealId: z.string().nullable(),
  trackingNo: z.string().nullable(),
  /** Work-order number, milestone title, or what to do. */
  title: z.string(),
  /** The appeal's first words, or what to tell the requester. */
  detail: z.string(),
  departmentName: z.string().nullable(),
  dueAt: z.string().nullable(),
  light: lightSchema.nullable(),
  countdown: z.string().nullable(),
  /** Console path to open. */
  link: z.string(),
  /** What to send back when acting from the list (a call's attempts so far); null otherwise. */
  version: z.number().int().nullable(),
});
export type TodoItem = z.infer<typeof todoItemSchema>;

export const todoSectionSchema = z.object({
  code: z.enum(TODO_SECTIONS),
  title: z.string(),
  items: z.array(todoItemSchema),
  /** More items exist than shown (open the full list through `link`). */
  more: z.boolean(),
  link: z.string(),
});
export type TodoSection = z.infer<typeof todoSectionSchema>;

export const todosQuerySchema = z.object({
  limit: z.coerce.number().int().min(1, "至少 1 条").max(50, "最多 50 条").default(10),
});

export const todosSchema = z.object({
  /** Server time the lights were computed at. */
  now: z.string(),
  sections: z.array(todoSectionSchema),
  /** Supervisor and leader: open items per department with their lights; otherwise empty. */
  byDepartment: z.array(boardSummaryRowSchema),
});
export type Todos = z.infer<typeof todosSchema>;
