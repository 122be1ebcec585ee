import { type SqlBool, sql } from "kysely";
import {
  type AppealStatus,
  type AppealType,
  type Channel,
  ONLINE_CHANNELS,
} from "../../../../contracts/appeals.js";
import { isDbId } from "../../../../contracts/common.js";
import { phoneDigits } from "../../../../core/masking.js";
import { FINISHED_STATES } from "../../../../core/workflow.js";
import type { Db } from "../../../db/database.js";
import { invalid } from "../../../errors.js";
import { tsQueryFor } from "../../../lib/text-search.js";
import type { AppealScope } from "../scope.js";
import type { AppealRow } from "./appeal.repository.js";
import { scopeCondition } from "./scope-condition.js";

/**
 * Appeal lists with keyset pagination: the cursor is the (sort key, id) of
 * the last row, so every page is an index range scan, rows are never skipped
 * or repeated while new appeals arrive, and nothing counts the table.
 */

/** received: newest first (search); oldest: oldest first (queues: the longest-waiting is the most urgent); respond_by: first-response due. */
export type AppealSort = "received" | "oldest" | "respond_by";

interface Cursor {
  s: AppealSort | "inbox";
  /** ISO instant, or 'infinity' for rows without a first-response deadline. */
  k: string;
  i: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.s, c.k, c.i])).toString("base64url");
}

export function decodeCursor(raw: string, expected: Cursor["s"]): Cursor {
  try {
    const v = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && v.length === 3) {
      const [s, k, i] = v as [unknown, unknown, unknown];
      const keyOk = k === "infinity" || (typeof k === "string" && !Number.isNaN(Date.parse(k)));
      if (s === expected && keyOk && typeof i === "string" && isDbId(i)) {
        return { s: expected, k: k as string, i };
      }
    }
  } catch {
    // fall through to the 400 below
  }
  throw invalid("cursor", "分页游标无效，请从第一页重新查询");
}

export interface AppealFilter {
  status?: AppealStatus;
  channel?: Channel;
  type?: AppealType;
  from?: Date;
  to?: Date;
  overdue?: boolean;
  q?: string;
  /** Whether `q` may match a phone number: only for roles that may reveal it (actors.ts). */
  phoneSearch: boolean;
  sort: AppealSort;
  limit: number;
  cursor?: string;
  now: Date;
}

const respondByKey = sql<Date>`coalesce(appeals.respond_by, 'infinity'::timestamptz)`;

export async function searchAppeals(
  db: Db,
  scope: AppealScope,
  f: AppealFilter,
): Promise<{ rows: AppealRow[]; nextCursor: string | null }> {
  let q = db
    .selectFrom("appeals")
    .selectAll()
    .where((eb) => scopeCondition(eb, scope));
  if (f.status) q = q.where("status", "=", f.status);
  if (f.channel) q = q.where("channel", "=", f.channel);
  if (f.type) q = q.where("type", "=", f.type);
  if (f.from) q = q.where("received_at", ">=", f.from);
  if (f.to) q = q.where("received_at", "<", f.to);
  if (f.overdue !== undefined) {
    const cond = overdueCondition(f.now);
    q = q.where(f.overdue ? cond : sql<SqlBool>`not (${cond})`);
  }
  if (f.q) {
    const text = f.q;
    const tsq = tsQueryFor(text);
    const digits = phoneDigits(text);
    q = q.where((eb) =>
      eb.or([
        ...(tsq ? [sql<SqlBool>`to_tsvector('simple', appeals.search_tokens) @@ ${tsq}`] : []),
        eb("tracking_no", "=", text.toUpperCase()),
        ...(f.phoneSearch && digits.length >= 7 && digits.length === text.replace(/[\s-]/g, "").length
          ? [eb("phone_digits", "=", digits)]
          : []),
      ]),
    );
  }

  if (f.sort === "received") {
    if (f.cursor) {
      const c = decodeCursor(f.cursor, "received");
      q = q.where(sql<SqlBool>`(appeals.received_at, appeals.id) < (${c.k}::timestamptz, ${c.i}::bigint)`);
    }
    q = q.orderBy("received_at", "desc").orderBy("id", "desc");
  } else if (f.sort === "oldest") {
    if (f.cursor) {
      const c = decodeCursor(f.cursor, "oldest");
      q = q.where(sql<SqlBool>`(appeals.received_at, appeals.id) > (${c.k}::timestamptz, ${c.i}::bigint)`);
    }
    q = q.orderBy("received_at", "asc").orderBy("id", "asc");
  } else {
    if (f.cursor) {
      const c = decodeCursor(f.cursor, "respond_by");
      q = q.where(sql<SqlBool>`(${respondByKey}, appeals.id) > (${c.k}::timestamptz, ${c.i}::bigint)`);
    }
    q = q.orderBy(respondByKey, "asc").orderBy("id", "asc");
  }

  const rows = await q.limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > f.limit && last
      ? encodeCursor(
          f.sort === "received" || f.sort === "oldest"
            ? { s: f.sort, k: last.received_at.toISOString(), i: last.id }
            : {
                s: "respond_by",
                k: last.respond_by ? last.respond_by.toISOString() : "infinity",
                i: last.id,
              },
        )
      : null;
  return { rows: page, nextCursor };
}

/** Past the first-response deadline without a response, or past the due date while still open. */
function overdueCondition(now: Date) {
  const finished = sql.join(FINISHED_STATES.map((s) => sql`${s}`));
  return sql<SqlBool>`((appeals.status = 'received' and appeals.responded_at is null and appeals.respond_by < ${now})
    or (appeals.due_at < ${now} and appeals.status not in (${finished})))`;
}

/**
 * The online inbox (处置流程 · 受理: checked every working day): online
 * appeals still owed their first response, most urgent first.
 */
export async function listInbox(
  db: Db,
  scope: AppealScope,
  o: { limit: number; cursor?: string },
): Promise<{ rows: AppealRow[]; nextCursor: string | null }> {
  let q = db
    .selectFrom("appeals")
    .selectAll()
    .where((eb) => scopeCondition(eb, scope))
    .where("responded_at", "is", null)
    .where("status", "=", "received")
    .where("respond_by", "is not", null)
    .where("channel", "in", [...ONLINE_CHANNELS]);
  if (o.cursor) {
    const c = decodeCursor(o.cursor, "inbox");
    q = q.where(sql<SqlBool>`(appeals.respond_by, appeals.id) > (${c.k}::timestamptz, ${c.i}::bigint)`);
  }
  const rows = await q
    .orderBy("respond_by", "asc")
    .orderBy("id", "asc")
    .limit(o.limit + 1)
    .execute();
  const page = rows.slice(0, o.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > o.limit && last?.respond_by
      ? encodeCursor({ s: "inbox", k: last.respond_by.toISOString(), i: last.id })
      : null;
  return { rows: page, nextCursor };
}
