import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../../../test/app.js";
import { appealBody, recordOk, windowClerk } from "../../../../../test/appeals.js";
import { queryTerms } from "../../../lib/text-search.js";
import type { AppealScope } from "../scope.js";
import {
  type AppealFilter,
  type AppealSort,
  forgetSearchIndexStats,
  mayBeRare,
  RARE_MATCH_CAP,
  searchAppeals,
} from "./appeal.search.js";

/**
 * A word search is answered two ways (appeal.search.ts): few matches are looked up through the
 * GIN index and sorted from those rows; many are found by walking the sort order. Both must give
 * the same pages — every sort, every filter, the cursor across pages.
 */
// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ start: "2026-03-02T09:00:00+08:00" });

let scope: AppealScope;
beforeAll(async () => {
  const clerk = await windowClerk(ctx);
  const channels = ["onsite", "phone", "letter"] as const;
  for (let i = 0; i < 24; i++) {
    ctx.clock.advance(7 * 60_000);
    const content =
      i % 3 === 0
        ? `小区电梯经常故障，物业一直不修（第${i}次反映）`
        : i % 3 === 1
          ? `电梯年检标志过期，希望市场监管部门检查（${i}）`
          : `想咨询营业执照办理需要的材料（${i}）`;
    await recordOk(ctx, clerk.token, appealBody({ channel: channels[(i >> 1) % 3], content }));
  }
  const center = await ctx.app.deps.db.selectFrom("centers").select("id").executeTakeFirstOrThrow();
  scope = { kind: "center", centerId: center.id };
});

async function pages(f: Omit<AppealFilter, "cursor" | "now" | "phoneSearch">, rareCap: number) {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 50; n++) {
    const page = await searchAppeals(
      ctx.app.deps.db,
      scope,
      { ...f, phoneSearch: true, now: ctx.clock.now(), ...(cursor ? { cursor } : {}) },
      rareCap,
    );
    ids.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return ids;
}

describe("word search: index lookup and sort walk agree", () => {
  it("gives the same pages either way, for every sort and with filters", async () => {
    for (const sort of ["received", "oldest", "respond_by"] as AppealSort[]) {
      for (const extra of [{}, { channel: "phone" as const }, { status: "received" as const }]) {
        const f = { q: "电梯", sort, limit: 4, ...extra };
        const viaIndex = await pages(f, RARE_MATCH_CAP);
        const viaWalk = await pages(f, 0);
        expect(viaIndex, `${sort} ${JSON.stringify(extra)}`).toEqual(viaWalk);
        expect(new Set(viaIndex).size).toBe(viaIndex.length);
      }
    }
    // 16 of the 24 appeals name 电梯; the other 8 do not.
    expect(await pages({ q: "电梯", sort: "received", limit: 50 }, RARE_MATCH_CAP)).toHaveLength(16);
    expect(await pages({ q: "电梯 故障", sort: "received", limit: 50 }, RARE_MATCH_CAP)).toHaveLength(8);
  });

  it("falls back to the walk when the matches exceed the cap, with the same result", async () => {
    // A cap of 5 with 16 matches: the lookup finds more than the cap, so the walk answers.
    const f = { q: "电梯", sort: "received" as const, limit: 3 };
    expect(await pages(f, 5)).toEqual(await pages(f, RARE_MATCH_CAP));
  });

  it("finds nothing for a word no appeal has, and a tracking number still alone", async () => {
    expect(await pages({ q: "缆车", sort: "received", limit: 10 }, RARE_MATCH_CAP)).toEqual([]);
    const [first] = await pages({ q: "营业执照", sort: "oldest", limit: 1 }, RARE_MATCH_CAP);
    const row = await ctx.app.deps.db
      .selectFrom("appeals")
      .select("tracking_no")
      .where("id", "=", first as string)
      .executeTakeFirstOrThrow();
    expect(await pages({ q: row.tracking_no, sort: "received", limit: 10 }, RARE_MATCH_CAP)).toEqual([first]);
  });

  it("chooses the index lookup from PostgreSQL's statistics of the search index", async () => {
    const db = ctx.app.deps.db;
    const rare = (q: string, cap: number) => mayBeRare(db, queryTerms(q), cap);
    forgetSearchIndexStats();
    await sql`analyze appeals`.execute(db);
    forgetSearchIndexStats();
    // 电梯 is in 16 of the 24 appeals (plus the other tests' rows): common for a cap of 5, rare for 1,000.
    expect(await rare("电梯", 5)).toBe(false);
    expect(await rare("电梯", RARE_MATCH_CAP)).toBe(true);
    // A word the statistics do not list is rare, alone or beside a common one.
    expect(await rare("缆车", 5)).toBe(true);
    expect(await rare("电梯 缆车", 5)).toBe(true);
    // Either way the same pages come out (the choice is how, not what).
    const f = { q: "电梯", sort: "received" as const, limit: 5 };
    expect(await pages(f, 5)).toEqual(await pages(f, RARE_MATCH_CAP));
  });
});
