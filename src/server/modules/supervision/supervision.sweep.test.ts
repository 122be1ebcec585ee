import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../../../../test/app.js";
import { postgresUrlOf } from "../../../../test/db.js";
import { adminToken, login } from "../../../../test/factories.js";
import { act, eventsOf, type Handling, newAppeal, type Staff, smsOf } from "../../../../test/handling.js";
import { useSupervisionSuite } from "../../../../test/supervision.js";
import { buildApp } from "../../app.js";
import { createDb } from "../../db/database.js";
import { runSweep } from "./supervision.sweep.js";

// Tue 29 Sep 2026, the week before National Day (1–7 Oct holiday, Sat 10 Oct a make-up working day).
// biome-ignore lint/correctness/useHookAtTopLevel: a vitest helper, not a React hook
const t = useSupervisionSuite("2026-09-29T10:00:00+08:00");
const { ctx, sweepAt, reloginAll, inbox, records, freshOrder } = t;
let s: Handling;
let sup: Staff;
let leader: Staff;
beforeAll(() => {
  ({ s, sup, leader } = t);
});

describe("reminder → supervision order → 通报 over National Day 2026, each exactly once", () => {
  it("runs the whole ladder on the right working days", async () => {
    // Clear out timers of other suites' items: this test owns the clock from here.
    const { appeal, wo } = await freshOrder();
    // General: 3 days fall on the holiday 10-02, so the limit ends on the next working day, Thu 8 Oct.
    expect(wo.dueAt).toBe("2026-10-08T23:59:59.999+08:00");
    const before = await inbox(s.h.a.token);

    // The night before the last working day: nothing yet.
    expect((await sweepAt("2026-10-07T23:30:00+08:00")).reminders).toBe(0);
    // Thu 8 Oct, the last working day: one 催办, once.
    const r1 = await sweepAt("2026-10-08T00:30:00+08:00");
    expect(r1.reminders).toBeGreaterThanOrEqual(1);
    expect((await sweepAt("2026-10-08T08:00:00+08:00")).reminders).toBe(0);
    await reloginAll();
    const reminders = await records(`kind=reminder&targetKind=work_order&targetId=${wo.id}`);
    expect(reminders).toHaveLength(1);
    expect(reminders[0].facts).toContain("2026年10月8日");
    expect(reminders[0].departmentName).toBe(s.dept.a.name);
    const after = await inbox(s.h.a.token);
    expect(after.unread).toBe(before.unread + 1);
    expect(after.items[0]?.title).toContain(`工作单 ${wo.number}`);

    // Fri 9 Oct: overdue → 督办单 with 2 working days (Sat 10 Oct, a make-up working day, and Mon 12 Oct).
    const r2 = await sweepAt("2026-10-09T08:00:00+08:00");
    expect(r2.supervisions).toBeGreaterThanOrEqual(1);
    await reloginAll();
    const [order] = await records(`kind=supervision&targetKind=work_order&targetId=${wo.id}`);
    expect(order.number).toMatch(/^DB20261009\d{4}$/);
    expect(order.dueAt).toBe("2026-10-12T23:59:59.999+08:00");
    expect(order.status).toBe("open");
    expect(order.facts).toContain("已超期 1 个工作日");
    // The department and the center's leaders are told; the requester learns the new limit.
    expect((await inbox(s.h.a.token)).items[0]?.title).toContain(order.number);
    expect((await inbox(leader.token)).items.map((m) => m.title)).toContain(
      `督办 ${order.number}：工作单 ${wo.number}`,
    );
    const sms = (await smsOf(ctx, appeal.id)).filter((m) => m.kind === "supervision.order");
    expect(sms).toHaveLength(1);
    expect(sms[0]?.text).toContain("2026年10月12日");

    // Still within the supervision limit: no 通报.
    expect((await sweepAt("2026-10-12T23:00:00+08:00")).notices).toBe(0);
    // The limit runs out: 通报, the order escalated.
    const r3 = await sweepAt("2026-10-13T09:00:00+08:00");
    expect(r3.notices).toBeGreaterThanOrEqual(1);
    expect((await sweepAt("2026-10-14T09:00:00+08:00")).notices).toBe(0);
    await reloginAll();
    const notices = await records(`kind=notice&targetKind=work_order&targetId=${wo.id}`);
    expect(notices).toHaveLength(1);
    expect(notices[0].number).toMatch(/^TB20261013\d{4}$/);
    expect(notices[0].supervisionOrderId).toBe(order.id);
    expect(notices[0].recipients).toEqual({
      government: "同级人民政府",
      disciplineCommission: "同级纪委监委",
      copyTo: [],
    });
    expect((await records(`kind=supervision&targetKind=work_order&targetId=${wo.id}`))[0].status).toBe(
      "escalated",
    );

    // The timeline has every step, each once.
    const types = (await eventsOf(ctx, s.dispatcher.token, appeal.id)).map((e) => e.type);
    expect(types.filter((t) => t === "supervision.reminder")).toHaveLength(1);
    expect(types.filter((t) => t === "supervision.order")).toHaveLength(1);
    expect(types.filter((t) => t === "supervision.notice")).toHaveLength(1);

    // The report prints with its addressees; the list exports as a spreadsheet.
    const print = await call(ctx.app, "GET", `/api/v1/supervision/records/${notices[0].id}/print`, {
      token: sup.token,
    });
    expect(print.status).toBe(200);
    expect(print.body).toContain("报　告");
    expect(print.body).toContain("同级人民政府：");
    expect(print.body).toContain("抄送：同级纪委监委");
    expect(print.body).toContain(order.number);
    const xlsx = await call(ctx.app, "GET", "/api/v1/supervision/items/export?kind=notice", {
      token: sup.token,
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.res.headers["content-type"]).toContain("spreadsheetml");
    expect(xlsx.res.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });
});

describe("races, restarts and clock jumps", () => {
  it("a reply that lands first wins: no supervision order for a replied item; a later reply resolves the order", async () => {
    ctx.clock.set("2026-11-02T10:00:00+08:00");
    await reloginAll();
    const first = await freshOrder();
    const second = await freshOrder();
    expect((await act(ctx, s.h.a.token, first.wo.id, "sign")).status).toBe(200);
    expect((await act(ctx, s.h.a.token, first.wo.id, "reply", { result: "已办结，已电话告知" })).status).toBe(
      200,
    );

    // Both are past due by the calendar; only the unreplied one is supervised.
    await sweepAt("2026-11-10T09:00:00+08:00");
    await reloginAll();
    expect(await records(`kind=supervision&targetKind=work_order&targetId=${first.wo.id}`)).toHaveLength(0);
    const [order] = await records(`kind=supervision&targetKind=work_order&targetId=${second.wo.id}`);
    expect(order.status).toBe("open");

    // The department replies within the supervision limit: the order is resolved, no 通报 follows.
    expect((await act(ctx, s.h.a.token, second.wo.id, "sign")).status).toBe(200);
    expect((await act(ctx, s.h.a.token, second.wo.id, "reply", { result: "已整改完毕" })).status).toBe(200);
    const [resolved] = await records(`kind=supervision&targetKind=work_order&targetId=${second.wo.id}`);
    expect(resolved.status).toBe("resolved");
    await sweepAt("2026-11-20T09:00:00+08:00");
    await reloginAll();
    expect(await records(`kind=notice&targetKind=work_order&targetId=${second.wo.id}`)).toHaveLength(0);
    const types = (await eventsOf(ctx, s.dispatcher.token, second.appeal.id)).map((e) => e.type);
    expect(types).toContain("supervision.resolved");
  });

  it("after downtime (the clock jumps weeks ahead) each item gets one supervision order and no stale reminders", async () => {
    ctx.clock.set("2026-11-23T10:00:00+08:00");
    await reloginAll();
    const items = [await freshOrder(), await freshOrder(), await freshOrder()];
    const r = await sweepAt("2027-01-04T09:00:00+08:00");
    expect(r.reminders).toBe(0);
    await reloginAll();
    for (const it of items) {
      expect(await records(`targetKind=work_order&targetId=${it.wo.id}`)).toHaveLength(1);
    }
    // A restart (a second app on the same database) sweeping again sends nothing.
    const again = await runSweep(ctx.app.deps, ctx.clock.now());
    expect(again).toMatchObject({ reminders: 0, supervisions: 0, notices: 0 });
  });

  it("concurrent sweeps claim disjoint timers: 12 items, 4 sweeps at once, 12 reminders", async () => {
    ctx.clock.set("2027-01-11T10:00:00+08:00"); // Monday
    await reloginAll();
    const items = [];
    for (let i = 0; i < 12; i++) items.push(await freshOrder());
    // Wed 13 Jan 00:30: less than one working day... the general limit ends Thu 14 Jan.
    ctx.clock.set("2027-01-14T00:30:00+08:00");
    const runs = await Promise.all(
      [1, 2, 3, 4].map(() => runSweep(ctx.app.deps, ctx.clock.now(), { batchSize: 3 })),
    );
    expect(runs.reduce((n, r) => n + r.reminders, 0)).toBe(12);
    const n = await sql<{ n: string }>`select count(*) as n from supervision_records where kind = 'reminder'
      and target_id in (${sql.join(items.map((x) => x.wo.id))})`.execute(ctx.handle.db);
    expect(Number(n.rows[0]?.n)).toBe(12);
  });

  it("a sweep that fails mid-way writes nothing and the next one does the work once (crash between claim and send)", async () => {
    ctx.clock.set("2027-01-18T10:00:00+08:00"); // Monday
    await reloginAll();
    const { appeal, wo } = await freshOrder(); // due Thu 21 Jan
    // Fault injection in the real database: reminder records cannot be written for now.
    await sql`alter table supervision_records add constraint fault_injection check (kind <> 'reminder') not valid`.execute(
      ctx.handle.db,
    );
    try {
      await expect(sweepAt("2027-01-21T00:30:00+08:00")).rejects.toThrow();
    } finally {
      await sql`alter table supervision_records drop constraint fault_injection`.execute(ctx.handle.db);
    }
    const pending = await sql<{ status: string }>`select status from supervision_timers
      where target_kind = 'work_order' and target_id = ${wo.id} and stage = 'reminder'`.execute(
      ctx.handle.db,
    );
    expect(pending.rows[0]?.status).toBe("pending");
    await reloginAll();
    expect(await records(`targetKind=work_order&targetId=${wo.id}`)).toHaveLength(0);
    const events = (await eventsOf(ctx, s.dispatcher.token, appeal.id)).map((e) => e.type);
    expect(events).not.toContain("supervision.reminder");
    // The next sweep (a restart, another instance) sends it, once.
    await sweepAt("2027-01-21T00:31:00+08:00");
    await sweepAt("2027-01-21T00:32:00+08:00");
    await reloginAll();
    expect(await records(`kind=reminder&targetKind=work_order&targetId=${wo.id}`)).toHaveLength(1);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    "two instances (two pools) against one PostgreSQL: every step once",
    async () => {
      ctx.clock.set("2027-02-01T10:00:00+08:00");
      await reloginAll();
      const items = [];
      for (let i = 0; i < 30; i++) items.push(await freshOrder());
      const name = (await sql<{ db: string }>`select current_database() as db`.execute(ctx.handle.db)).rows[0]
        ?.db as string;
      const other = await createDb({ kind: "postgres", url: postgresUrlOf(name) as string, poolSize: 4 });
      // A second app instance on its own pool, as a second server process would be.
      const app2 = await buildApp({ db: other.db, config: ctx.config, clock: ctx.clock });
      try {
        const viaHttp = async (app: typeof app2) => {
          const r = await call(app, "POST", "/api/v1/supervision/sweep", { token: sup.token, body: {} });
          expect(r.status, JSON.stringify(r.body)).toBe(200);
          return r.body as { reminders: number; supervisions: number; notices: number };
        };
        const run = async (iso: string) => {
          ctx.clock.set(iso);
          sup.token = (await login(ctx, sup.user.username, sup.password)).token;
          const rs = await Promise.all([
            viaHttp(ctx.app),
            viaHttp(app2),
            ...[ctx.app.deps, app2.deps].map((d) => runSweep(d, ctx.clock.now(), { batchSize: 4 })),
          ]);
          return rs.reduce(
            (a, r) => ({
              reminders: a.reminders + r.reminders,
              supervisions: a.supervisions + r.supervisions,
              notices: a.notices + r.notices,
            }),
            { reminders: 0, supervisions: 0, notices: 0 },
          );
        };
        const ids = items.map((x) => x.wo.id);
        const counts = async () =>
          Object.fromEntries(
            (
              await sql<{ kind: string; n: string }>`select kind, count(*) as n from supervision_records
                where target_kind = 'work_order' and target_id in (${sql.join(ids)}) group by kind`.execute(
                ctx.handle.db,
              )
            ).rows.map((r) => [r.kind, Number(r.n)]),
          );
        // General limit from Mon 1 Feb 2027 ends Thu 4 Feb. (Run totals also count older suites' items.)
        expect((await run("2027-02-04T01:00:00+08:00")).reminders).toBeGreaterThanOrEqual(30);
        expect(await counts()).toEqual({ reminder: 30 });
        expect((await run("2027-02-05T09:00:00+08:00")).supervisions).toBeGreaterThanOrEqual(30);
        expect(await counts()).toEqual({ reminder: 30, supervision: 30 });
        expect((await run("2027-02-20T09:00:00+08:00")).notices).toBeGreaterThanOrEqual(30);
        expect(await run("2027-02-21T09:00:00+08:00")).toEqual({ reminders: 0, supervisions: 0, notices: 0 });
        expect(await counts()).toEqual({ reminder: 30, supervision: 30, notice: 30 });
        // Every department handler got exactly one message per record.
        const dupes = await sql<{ n: string }>`select count(*) as n from (select record_id, user_id
          from staff_notifications where record_id is not null group by 1, 2 having count(*) > 1) d`.execute(
          ctx.handle.db,
        );
        expect(Number(dupes.rows[0]?.n)).toBe(0);
      } finally {
        await app2.close();
        await other.close();
      }
    },
  );
});

describe("first responses and calendar edits", () => {
  it("an online appeal's overdue first response is supervised to the window staff; the response resolves the order", async () => {
    ctx.clock.set("2027-05-10T10:00:00+08:00"); // Monday
    await reloginAll();
    const appeal = await newAppeal(ctx, s, { channel: "letter" });
    expect(appeal.respondBy).toBe("2027-05-11T23:59:59.999+08:00");
    const before = (await inbox(s.clerk.token)).unread;
    // Tue 11 May is the last day: reminded at its start, to the window staff.
    await sweepAt("2027-05-11T00:10:00+08:00");
    await reloginAll();
    const [reminder] = await records(`targetKind=first_response&targetId=${appeal.id}`);
    expect(reminder).toMatchObject({ kind: "reminder", departmentId: null, departmentName: null });
    expect((await inbox(s.clerk.token)).unread).toBe(before + 1);
    // Wed 12 May: overdue → 督办单 to the window staff and leaders.
    await sweepAt("2027-05-12T08:00:00+08:00");
    await reloginAll();
    const [order] = await records(`kind=supervision&targetKind=first_response&targetId=${appeal.id}`);
    expect(order.status).toBe("open");
    const ack = await call(ctx.app, "POST", `/api/v1/appeals/${appeal.id}/acknowledge`, {
      token: s.clerk.token,
      body: { message: "您好，您的来信已收到，我们正在核实。" },
    });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    const [resolved] = await records(`kind=supervision&targetKind=first_response&targetId=${appeal.id}`);
    expect(resolved.status).toBe("resolved");
    await sweepAt("2027-05-20T08:00:00+08:00");
    await reloginAll();
    expect(await records(`kind=notice&targetKind=first_response&targetId=${appeal.id}`)).toHaveLength(0);
  });

  it("a holiday added after dispatch does not move the deadline already given, nor its reminders (ADR 0008)", async () => {
    ctx.clock.set("2027-06-07T10:00:00+08:00"); // Monday
    await reloginAll();
    const { wo } = await freshOrder(); // general: Tue, Wed, Thu → due Thu 10 June
    expect(wo.dueAt).toBe("2027-06-10T23:59:59.999+08:00");
    const admin = await adminToken(ctx);
    const put = await call(ctx.app, "PUT", "/api/v1/calendar/days/2027-06-09", {
      token: admin,
      body: { kind: "holiday", name: "临时休息日" },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await reloginAll();
    const now = await call(ctx.app, "GET", `/api/v1/work-orders/${wo.id}`, { token: s.dispatcher.token });
    expect(now.body.dueAt).toBe("2027-06-10T23:59:59.999+08:00");
    // The reminder armed at dispatch (start of Thu 10 June) and the overdue check stand.
    await sweepAt("2027-06-10T00:30:00+08:00");
    await sweepAt("2027-06-11T08:00:00+08:00");
    await reloginAll();
    const kinds = (await records(`targetKind=work_order&targetId=${wo.id}`)).map((r) => r.kind).sort();
    expect(kinds).toEqual(["reminder", "supervision"]);
    // A new deadline computed now skips the new holiday.
    const preview = await call(
      ctx.app,
      "GET",
      "/api/v1/calendar/deadline?start=2027-06-07T10:00:00%2B08:00&rule=working_days&n=3",
      { token: s.dispatcher.token },
    );
    expect(preview.body.dueAt, JSON.stringify(preview.body)).toBe("2027-06-11T23:59:59.999+08:00");
  });
});
