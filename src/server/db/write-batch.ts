import type { Expression, QueryCreator } from "kysely";
import { sql } from "kysely";
import type { Db } from "./database.js";
import type { Database } from "./schema.js";

/**
 * One common table expression of a batched statement: its name inside the part (made unique by
 * the batch) and its query — an INSERT/UPDATE/DELETE builder or raw SQL, built by a repository.
 */
export interface WriteCte {
  name: string;
  query: (db: QueryCreator<Database>) => Expression<unknown> | { toOperationNode(): unknown };
  /** `as materialized`: evaluated once, however often the part's later CTEs read it. */
  materialized?: boolean;
}

/**
 * A write that needs no result, as CTEs: `ref(local)` is the batch-wide name of one of the part's
 * own CTEs, for the later ones to read it (`sql.table(ref("v"))`).
 */
export type WritePart = (ref: (local: string) => string) => WriteCte[];

/**
 * The writes of a transaction that need no result (timeline event, outbox message, audit row,
 * supervision register, rollup deltas), collected and sent as ONE statement before commit:
 *
 *   with w0_event as (insert …), w1_v as (select …), w1_k as (insert …), … select 1
 *
 * Every data-modifying CTE runs exactly once and to completion whether or not the final select
 * reads it; all of them see the snapshot taken when the statement starts, so a part must not
 * depend on the effects of another part of the same batch (it may read what the transaction
 * wrote before, and its own earlier CTEs through their RETURNING). Repositories build the parts
 * (SQL stays in repositories); the owner of the transaction calls `flush` before it commits —
 * writes added after the last flush are lost, so the owner flushes in the transaction's body.
 * ADR 0018 (issue 14).
 */
export class WriteBatch {
  private parts: WritePart[] = [];

  constructor(readonly trx: Db) {}

  add(part: WritePart): void {
    this.parts.push(part);
  }

  /** Parts waiting to be sent. */
  get pending(): number {
    return this.parts.length;
  }

  /** Sends what was collected, one statement; nothing when empty. */
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const parts = this.parts;
    this.parts = [];
    // Kysely's `with` widens the creator's table map with each CTE; the parts only ever name the
    // schema's tables and their own CTEs (through raw SQL), so the creator is kept at Database.
    type Chain = {
      with(
        name: string | ((cte: (n: string) => { materialized(): unknown }) => unknown),
        query: WriteCte["query"],
      ): Chain;
      selectNoFrom: QueryCreator<Database>["selectNoFrom"];
    };
    let q = this.trx as unknown as Chain;
    parts.forEach((part, i) => {
      const ref = (local: string) => `w${i}_${local}`;
      for (const cte of part(ref)) {
        const name = ref(cte.name);
        q = q.with(cte.materialized ? (c) => c(name).materialized() : name, parenthesised(cte.query));
      }
    });
    await q.selectNoFrom(sql<number>`1`.as("one")).execute();
  }
}

/** Kysely puts a builder's CTE in parentheses itself, raw SQL as it is. */
const parenthesised =
  (query: WriteCte["query"]): WriteCte["query"] =>
  (db) => {
    const q = query(db);
    return "isRawBuilder" in q && q.isRawBuilder === true ? sql`(${q})` : q;
  };

/** Where a result-less write goes: executed now on the transaction, or added to its batch. */
export type Writer = Db | WriteBatch;

/** The transaction a writer writes in (for building the parts' subqueries). */
export const writerDb = (w: Writer): Db => (w instanceof WriteBatch ? w.trx : w);

/**
 * A repository's result-less write: added to the caller's batch, or sent at once as a statement of
 * its own made of the same CTEs — so each repository builds its statement one way only.
 */
export async function write(w: Writer, part: WritePart): Promise<void> {
  if (w instanceof WriteBatch) {
    w.add(part);
    return;
  }
  const own = new WriteBatch(w);
  own.add(part);
  await own.flush();
}
