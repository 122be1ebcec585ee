import { type SqlBool, sql } from "kysely";
import {
  type AppealStatus,
  type AppealType,
  type Channel,
  ONLINE_CHANNELS,
} from "../../../../contracts/appeals.js";
import { phoneDigits } from "../../../../core/masking.js";
import { FINISHED_STATES } from "../../../../core/workflow.js";
import type { Db } from "../../../db/database.js";
import { decodeCursor, encodeCursor } from "../../../lib/cursor.js";
import { nameIndexes, normaliseName, phoneIndexes } from "../../../lib/personal-data.js";
import { tsQueryFor } from "../../../lib/text-search.js";
import type { AppealScope } from "../scope.js";
import type { AppealRow } from "./appeal.repository.js";
import { openAppealsForList } from "./requester-crypto.js";
import { scopeCondition } from "./scope-condition.js";

/**
 * Appeal lists with keyset pagination: the cursor is the (sort key, id) of
 * the last row, so every page is an index range scan, rows are never skipped
 * or repeated while new appeals arrive, and nothing counts the table.
 */

/** received: newest first (search); oldest: oldest first (queues: the longest-waiting is the most urgent); respond_by: first-response due. */
export type AppealSort = "received" | "oldest" | "respond_by";

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
    const digits = phoneDigits(text);
    // A number (a phone or a tracking number) is looked up by its indexes only: with the word
    // search beside it in one OR, PostgreSQL walks the whole newest-first index hoping for 50
    // matches of a word estimate (seconds at a million appeals; docs/benchmarks.md).
    const isNumber = digits.length >= 7 && digits.length === text.replace(/[\s-]/g, "").length;
    const tsq = isNumber ? null : tsQueryFor(text);
    q = q.where((eb) =>
      eb.or([
        ...(tsq ? [sql<SqlBool>`to_tsvector('simple', appeals.search_tokens) @@ ${tsq}`] : []),
        eb("tracking_no", "=", text.toUpperCase()),
        // Names and phones are encrypted: they match whole, through their blind indexes.
        ...(!isNumber && normaliseName(text) ? [eb("name_bidx", "in", nameIndexes(text))] : []),
        ...(f.phoneSearch && isNumber ? [eb("phone_bidx", "in", phoneIndexes(digits))] : []),
      ]),
    );
  }

  if (f.sort === "received") {
    if (f.cursor) {
      const [at, id] = decodeCursor(f.cursor, "appeals.received", ["instant", "id"] as const);
      q = q.where(sql<SqlBool>`(appeals.received_at, appeals.id) < (${at}::timestamptz, ${id}::bigint)`);
    }
    q = q.orderBy("received_at", "desc").orderBy("id", "desc");
  } else if (f.sort === "oldest") {
    if (f.cursor) {
      const [at, id] = decodeCursor(f.cursor, "appeals.oldest", ["instant", "id"] as const);
      q = q.where(sql<SqlBool>`(appeals.received_at, appeals.id) > (${at}::timestamptz, ${id}::bigint)`);
    }
    q = q.orderBy("received_at", "asc").orderBy("id", "asc");
  } else {
    if (f.cursor) {
      const [at, id] = decodeCursor(f.cursor, "appeals.respond_by", ["instantOrInfinity", "id"] as const);
      q = q.where(sql<SqlBool>`(${respondByKey}, appeals.id) > (${at}::timestamptz, ${id}::bigint)`);
    }
    q = q.orderBy(respondByKey, "asc").orderBy("id", "asc");
  }

  const rows = await q.limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > f.limit && last
      ? encodeCursor(
          `appeals.${f.sort}`,
          f.sort === "respond_by"
            ? (last.respond_by?.toISOString() ?? "infinity")
            : last.received_at.toISOString(),
          last.id,
        )
      : null;
  return { rows: openAppealsForList(page), nextCursor };
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
    const [at, id] = decodeCursor(o.cursor, "appeals.inbox", ["instant", "id"] as const);
    q = q.where(sql<SqlBool>`(appeals.respond_by, appeals.id) > (${at}::timestamptz, ${id}::bigint)`);
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
      ? encodeCursor("appeals.inbox", last.respond_by.toISOString(), last.id)
      : null;
  return { rows: openAppealsForList(page), nextCursor };
}
