import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../../test/app.js";
import { appealBody, recordOk, windowClerk } from "../../../../../test/appeals.js";
import { createStaff } from "../../../../../test/factories.js";
import { foldRollups } from "../../results/index.js";

/**
 * Intake of one center is not serial (issue 14): no row shared by the center's intakes (the
 * tracking-number counter, the daily rollups) is locked from one intake's write to its commit, and
 * the figures read exactly the same before the background fold of the rollup deltas and after it.
 */

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ start: "2026-03-02T09:00:00+08:00" });

const PERIOD = "from=2026-03-01&to=2026-03-31";
const CONTENT = "小区门口的路灯坏了三个月没人修，晚上出行很不安全";

async function figures(token: string) {
  const summary = await call(ctx.app, "GET", `/api/v1/stats/summary?${PERIOD}&groupBy=channel`, { token });
  expect(summary.status, JSON.stringify(summary.body)).toBe(200);
  const hot = await call(ctx.app, "GET", `/api/v1/stats/hot-topics?${PERIOD}&limit=50`, { token });
  expect(hot.status, JSON.stringify(hot.body)).toBe(200);
  return {
    received: summary.body.totals.received as number,
    byChannel: Object.fromEntries(
      (summary.body.groups as { key: string; received: number }[]).map((g) => [g.key, g.received]),
    ),
    路灯: (hot.body.items as { term: string; count: number }[]).find((i) => i.term === "路灯")?.count,
  };
}

const deltas = async () => {
  const [s, t] = await Promise.all([
    ctx.handle.db
      .selectFrom("stats_daily_delta")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow(),
    ctx.handle.db
      .selectFrom("appeal_terms_delta")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return Number(s.n) + Number(t.n);
};

describe("concurrent intake of one center", () => {
  let leader = "";
  let clerk = "";

  it("gives concurrent intakes distinct numbers, and the figures are exact before and after the fold", async () => {
    clerk = (await windowClerk(ctx)).token;
    leader = (await createStaff(ctx, { roles: ["leader"] })).token;
    const bodies = Array.from({ length: 8 }, (_, i) =>
      appealBody({ channel: i % 2 ? "phone" : "onsite", content: `${CONTENT}（${i}）` }),
    );
    const made = await Promise.all(bodies.map((b) => recordOk(ctx, clerk, b)));
    const numbers = made.map((a) => a.trackingNo as string);
    expect(new Set(numbers).size).toBe(8);
    for (const n of numbers) expect(n).toMatch(/^20260302\d{4}$/);

    // Nothing folded yet: the reads count the deltas.
    expect(await deltas()).toBeGreaterThan(0);
    const before = await figures(leader);
    expect(before).toEqual({ received: 8, byChannel: { onsite: 4, phone: 4 }, 路灯: 8 });

    expect(await foldRollups(ctx.handle.db)).toBeGreaterThan(0);
    expect(await deltas()).toBe(0);
    expect(await figures(leader)).toEqual(before);
    const cells = await ctx.handle.db
      .selectFrom("stats_daily")
      .select((eb) => eb.fn.sum<string>("received").as("received"))
      .executeTakeFirstOrThrow();
    expect(Number(cells.received)).toBe(8);

    // A second round adds to folded cells: partly folded state reads exactly too.
    await recordOk(ctx, clerk, appealBody({ channel: "onsite", content: `${CONTENT}（再次）` }));
    expect(await figures(leader)).toEqual({ received: 9, byChannel: { onsite: 5, phone: 4 }, 路灯: 9 });
    await foldRollups(ctx.handle.db);
    expect(await figures(leader)).toEqual({ received: 9, byChannel: { onsite: 5, phone: 4 }, 路灯: 9 });
    // A fold with nothing to fold writes nothing.
    expect(await foldRollups(ctx.handle.db)).toBe(0);
  });

  // PGlite has one connection: only PostgreSQL runs two transactions at once.
  it.runIf(process.env.TEST_DATABASE_URL)(
    "an intake completes while another intake of the same center is still open, before its commit",
    async () => {
      // The first intake is held inside its transaction after everything it writes (the rollup
      // subscriber runs before this one) until the second has been acknowledged. Had the first
      // kept the tracking counter or a rollup row locked, the second would wait for it: deadlock,
      // and the test would time out.
      let release: () => void = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      let entered: () => void = () => {};
      const inside = new Promise<void>((r) => {
        entered = r;
      });
      let armed = true;
      ctx.app.deps.events.on("appeal.event", async (_trx, e) => {
        if (!armed || e.type !== "received") return;
        armed = false;
        entered();
        await held;
      });
      const first = recordOk(ctx, clerk, appealBody({ channel: "onsite", content: `${CONTENT}（甲）` }));
      await inside;
      const second = await recordOk(
        ctx,
        clerk,
        appealBody({ channel: "onsite", content: `${CONTENT}（乙）` }),
      );
      release();
      const a = await first;
      expect(a.trackingNo).not.toBe(second.trackingNo);
      const before = await figures(leader);
      expect(before).toEqual({ received: 11, byChannel: { onsite: 7, phone: 4 }, 路灯: 11 });
      await foldRollups(ctx.handle.db);
      expect(await figures(leader)).toEqual(before);
    },
    60_000,
  );
});
