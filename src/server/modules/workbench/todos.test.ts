import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../../../../test/app.js";
import { createStaff } from "../../../../test/factories.js";
import {
  act,
  dispatchOk,
  type Handling,
  handlingApp,
  newAppeal,
  relogin,
  type Staff,
} from "../../../../test/handling.js";

// Monday 2026-03-02 09:00.
let s: Handling;
let sup: Staff;
const ctx = handlingApp("2026-03-02T09:00:00+08:00", (h) => {
  s = h;
});
beforeAll(async () => {
  sup = await createStaff(ctx, { roles: ["supervisor"], displayName: "周督办" });
});

type Section = {
  code: string;
  items: { key: string; kind: string; appealId: string; dueAt: string; light: string }[];
};
async function todos(token: string): Promise<Record<string, Section>> {
  const res = await call(ctx.app, "GET", "/api/v1/todos?limit=20", { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Object.fromEntries(res.body.sections.map((x: Section) => [x.code, x]));
}
const keys = (x: Section | undefined) => (x?.items ?? []).map((i) => i.key);

describe("工作台 to-do lists by role, most urgent first", () => {
  it("the window owes first responses and calls; the dispatcher reviews what the window recorded", async () => {
    const window = await newAppeal(ctx, s);
    const online = await newAppeal(ctx, s, { channel: "letter" });
    const landline = await newAppeal(ctx, s, {
      requester: { name: "王五", phone: "0571-88881234", address: "一号路" },
    });

    const clerk = await todos(s.clerk.token);
    expect(Object.keys(clerk)).toEqual(["first_response", "calls", "follow_ups"]);
    expect(keys(clerk.first_response)).toEqual([`first_response:${online.id}`]);
    // The landline's receipt is held ten minutes, then it is a call to make.
    expect(clerk.calls!.items).toHaveLength(0);
    ctx.clock.advance(10 * 60_000);
    const later = await todos(s.clerk.token);
    expect(later.calls!.items.map((i) => i.appealId)).toEqual([landline.id]);

    const disp = await todos(s.dispatcher.token);
    expect(Object.keys(disp)).toEqual(["follow_ups", "review", "closeout", "letter_transfer", "approvals"]);
    expect(keys(disp.review)).toEqual([`review:${window.id}`, `review:${landline.id}`]);
    expect(disp.review!.items[0]).toMatchObject({ kindLabel: "审核分办", link: `/appeals/${window.id}` });
  });

  it("a department sees its 工作单 (研究部署 today first) and gets an in-app message for each", async () => {
    const general = await newAppeal(ctx, s);
    const simple = await newAppeal(ctx, s);
    const before = (await call(ctx.app, "GET", "/api/v1/notifications/inbox", { token: s.h.a.token })).body
      .unread;
    const g = await dispatchOk(ctx, s, general.id, {
      complexity: "multi_department",
      leadDepartmentId: s.dept.a.id,
      coDepartmentIds: [s.dept.b.id],
    });
    const o = await dispatchOk(ctx, s, simple.id, { complexity: "simple", leadDepartmentId: s.dept.a.id });

    const inbox = (await call(ctx.app, "GET", "/api/v1/notifications/inbox", { token: s.h.a.token })).body;
    expect(inbox.unread).toBe(before + 2);
    expect(inbox.items.slice(0, 2).map((m: { title: string }) => m.title)).toEqual([
      `新工作单 ${o.number}（牵头）`,
      `新工作单 ${g.number}（牵头）`,
    ]);
    expect(inbox.items[0].body).toContain("研究部署");
    expect(inbox.items[0].link).toBe(`/work-orders/${o.id}`);
    const co = (await call(ctx.app, "GET", "/api/v1/notifications/inbox", { token: s.h.b.token })).body;
    expect(co.items[0].title).toBe(`新工作单 ${g.number}（协办）`);

    const dept = await todos(s.h.a.token);
    expect(Object.keys(dept)).toEqual(["department"]);
    // 研究部署 is due tonight (yellow), then the simple order's reply (3 days), then the multi-department one (7 days).
    expect(keys(dept.department)).toEqual([`deployment:${o.id}`, `work_order:${o.id}`, `work_order:${g.id}`]);
    expect(dept.department!.items[0]).toMatchObject({ light: "yellow", link: `/work-orders/${o.id}` });
    // The co-department sees the order it takes part in.
    expect(keys((await todos(s.h.b.token)).department)).toEqual([`work_order:${g.id}`]);

    // Once replied, the order leaves the department's list and waits for close-out at the center.
    expect(
      (
        await act(ctx, s.h.a.token, o.id, "sign", {
          deployment: { handler: "赵市场", measures: "今日电话联系诉求人并上门核实" },
        })
      ).status,
    ).toBe(200);
    expect((await act(ctx, s.h.a.token, o.id, "reply", { result: "已上门核实处理。" })).status).toBe(200);
    expect(keys((await todos(s.h.a.token)).department)).toEqual([`work_order:${g.id}`]);
    expect(keys((await todos(s.dispatcher.token)).closeout)).toEqual([`closeout:${simple.id}`]);
  });

  it("lists overdue first for the supervisor, with open items per department", async () => {
    ctx.clock.set("2026-03-12T09:00:00+08:00");
    await relogin(ctx, s);
    const supToken = (
      await call(ctx.app, "POST", "/api/v1/auth/login", {
        body: { username: sup.user.username, password: sup.password },
      })
    ).body.token as string;
    const fresh = await newAppeal(ctx, s);
    const o = await dispatchOk(ctx, s, fresh.id, { complexity: "simple", leadDepartmentId: s.dept.c.id });
    const due = (await todos(supToken)).due!;
    const lights = due.items.map((i) => i.light);
    // Red (overdue) before yellow (due today); within a light, soonest due first.
    expect(lights.indexOf("yellow")).toBeGreaterThan(lights.lastIndexOf("red"));
    const at = due.items.map((i) => i.dueAt);
    expect([...at].sort()).toEqual(at);
    expect(keys(due)).toContain(`deployment:${o.id}`);
    const res = await call(ctx.app, "GET", "/api/v1/todos", { token: supToken });
    expect(
      res.body.byDepartment.find((d: { departmentName: string }) => d.departmentName === "市场监管局").red,
    ).toBeGreaterThan(0);
    // Bad input: a clear 400 with the field.
    const bad = await call(ctx.app, "GET", "/api/v1/todos?limit=0", { token: supToken });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("limit");
  });
});
