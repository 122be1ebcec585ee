import { beforeAll, describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../../test/app.js";
import { appealBody, integrationToken, recordOk, windowClerk } from "../../../../../test/appeals.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ start: "2026-03-02T09:00:00+08:00" });

let clerk: Awaited<ReturnType<typeof windowClerk>>;
let system: string;
beforeAll(async () => {
  clerk = await windowClerk(ctx);
  system = await integrationToken(ctx);
});

// biome-ignore lint/suspicious/noExplicitAny: test responses are free-form JSON
async function list(qs: string): Promise<any> {
  const res = await call(ctx.app, "GET", `/api/v1/appeals${qs}`, { token: clerk.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function allPages(qs: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const sep = qs ? "&" : "?";
    const body = await list(
      `${qs}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(body.items.length).toBeLessThanOrEqual(limit);
    ids.push(...body.items.map((x: { id: string }) => x.id));
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return ids;
}

describe("appeal list", () => {
  it("finds 营业执照 in Chinese text by jieba segmentation", async () => {
    const hit = await recordOk(ctx, clerk.token, appealBody({ content: "我想咨询办理营业执照需要什么材料" }));
    const miss = await recordOk(
      ctx,
      clerk.token,
      appealBody({ content: "营业时间太短，执照办理窗口人太多" }),
    );
    const body = await list(`?q=${encodeURIComponent("营业执照")}&limit=200`);
    const ids = body.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(hit.id);
    // Both words occur in the second text, but the search finds words, and 营业执照 is not one there.
    expect(ids).not.toContain(miss.id);
    const byName = await list(`?q=${encodeURIComponent("张三")}&limit=200`);
    expect(byName.items.map((x: { id: string }) => x.id)).toContain(hit.id);
    const byNumber = await list(`?q=${hit.trackingNo}`);
    expect(byNumber.items.map((x: { id: string }) => x.id)).toEqual([hit.id]);
    const nothing = await list(`?q=${encodeURIComponent("，。！")}&limit=5`);
    expect(nothing.items).toEqual([]);
  });

  it("pages through every row exactly once, in both orders", async () => {
    for (let i = 0; i < 9; i++) {
      ctx.clock.advance(60_000);
      await recordOk(ctx, clerk.token, appealBody());
      await recordOk(ctx, system, appealBody({ channel: i % 2 ? "portal" : "hotline_12345" }));
    }
    const everything = (await list("?limit=200")).items.map((x: { id: string }) => x.id);
    expect(everything.length).toBeGreaterThanOrEqual(20);

    const received = await allPages("", 7);
    expect(received).toEqual(everything);
    expect(new Set(received).size).toBe(received.length);

    // Oldest first (the review and close-out queues): the same rows, reversed.
    expect(await allPages("?sort=oldest", 6)).toEqual([...everything].reverse());

    const byDeadline = await allPages("?sort=respond_by", 4);
    expect(new Set(byDeadline).size).toBe(everything.length);
    expect([...byDeadline].sort()).toEqual([...everything].sort());
    // Appeals with a deadline come first, earliest first; the others after.
    const sortedItems = (await list("?sort=respond_by&limit=200")).items;
    const keys = sortedItems.map((x: { respondBy: string | null }) =>
      x.respondBy ? Date.parse(x.respondBy) : Number.POSITIVE_INFINITY,
    );
    for (let i = 1; i < keys.length; i++) expect(keys[i]).toBeGreaterThanOrEqual(keys[i - 1]);
  });

  it("filters by status, channel, type, date range and overdue", async () => {
    const c = await recordOk(ctx, clerk.token, appealBody({ type: "complaint", channel: "phone" }));
    await call(ctx.app, "POST", `/api/v1/appeals/${c.id}/resolve`, {
      token: clerk.token,
      body: { answer: "已答复" },
    });
    const resolved = await list("?status=resolved&limit=200");
    expect(resolved.items.every((x: { status: string }) => x.status === "resolved")).toBe(true);
    expect(resolved.items.map((x: { id: string }) => x.id)).toContain(c.id);
    const phone = await list("?channel=phone&type=complaint&limit=200");
    expect(
      phone.items.every(
        (x: { channel: string; type: string }) => x.channel === "phone" && x.type === "complaint",
      ),
    ).toBe(true);

    const old = await recordOk(
      ctx,
      system,
      appealBody({ channel: "hotline_12345", receivedAt: "2026-02-20T10:00:00+08:00" }),
    );
    const feb = await list("?from=2026-02-20&to=2026-02-20&limit=200");
    expect(feb.items.map((x: { id: string }) => x.id)).toEqual([old.id]);
    const isoRange = await list(
      `?from=${encodeURIComponent("2026-02-20T09:00:00+08:00")}&to=${encodeURIComponent("2026-02-20T11:00:00+08:00")}`,
    );
    expect(isoRange.items.map((x: { id: string }) => x.id)).toEqual([old.id]);
    const overdue = await list("?overdue=true&limit=200");
    expect(overdue.items.map((x: { id: string }) => x.id)).toContain(old.id);
    expect(overdue.items.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
    const notOverdue = await list("?overdue=false&limit=200");
    expect(notOverdue.items.map((x: { id: string }) => x.id)).not.toContain(old.id);
  });

  it("answers 400 to a bad cursor, date or enum", async () => {
    for (const qs of ["?cursor=garbage", "?from=2026-13-01", "?status=lost", "?limit=0", "?sort=name"]) {
      const res = await call(ctx.app, "GET", `/api/v1/appeals${qs}`, { token: clerk.token });
      expect(res.status, qs).toBe(400);
    }
    const wrongSort = (await list("?limit=1")).nextCursor;
    const res = await call(ctx.app, "GET", `/api/v1/appeals?sort=respond_by&cursor=${wrongSort}`, {
      token: clerk.token,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("cursor");
  });
});

describe("online inbox", () => {
  it("lists online appeals awaiting a first response, most urgent first, with lights", async () => {
    // Overdue (received last Wednesday), due today (received Sunday), due tomorrow (received now).
    const red = await recordOk(
      ctx,
      system,
      appealBody({ channel: "hotline_12345", receivedAt: "2026-02-25T10:00:00+08:00" }),
    );
    const yellow = await recordOk(
      ctx,
      system,
      appealBody({ channel: "letter", receivedAt: "2026-03-01T16:00:00+08:00" }),
    );
    const green = await recordOk(ctx, system, appealBody({ channel: "portal" }));
    const onsite = await recordOk(ctx, clerk.token, appealBody());

    const res = await call(ctx.app, "GET", "/api/v1/appeals/inbox?limit=200", { token: clerk.token });
    expect(res.status).toBe(200);
    const items = res.body.items as Array<{ id: string; light: string; respondBy: string }>;
    const ids = items.map((x) => x.id);
    expect(ids).not.toContain(onsite.id);
    const light = (id: string) => items.find((x) => x.id === id)?.light;
    expect(light(red.id)).toBe("red");
    expect(light(yellow.id)).toBe("yellow");
    expect(light(green.id)).toBe("green");
    for (let i = 1; i < items.length; i++) {
      expect(Date.parse(items[i]!.respondBy)).toBeGreaterThanOrEqual(Date.parse(items[i - 1]!.respondBy));
    }

    await call(ctx.app, "POST", `/api/v1/appeals/${red.id}/acknowledge`, {
      token: clerk.token,
      body: { message: "您的诉求已收到，正在办理。" },
    });
    const after = await call(ctx.app, "GET", "/api/v1/appeals/inbox?limit=200", { token: clerk.token });
    expect(after.body.items.map((x: { id: string }) => x.id)).not.toContain(red.id);

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(
        ctx.app,
        "GET",
        `/api/v1/appeals/inbox?limit=3${cursor ? `&cursor=${cursor}` : ""}`,
        {
          token: clerk.token,
        },
      );
      paged.push(...page.body.items.map((x: { id: string }) => x.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(after.body.items.map((x: { id: string }) => x.id));
  });

  it("is for the front desk only", async () => {
    const { createStaff } = await import("../../../../../test/factories.js");
    const leader = await createStaff(ctx, { roles: ["leader"] });
    const res = await call(ctx.app, "GET", "/api/v1/appeals/inbox", { token: leader.token });
    expect(res.status).toBe(403);
  });
});

describe("receipt (受理回执)", () => {
  it("prints the receipt as escaped HTML with the staff member's name and post", async () => {
    const a = await recordOk(
      ctx,
      clerk.token,
      appealBody({ content: `<img src=x onerror="alert(1)">办理营业执照要多久？` }),
    );
    const res = await call(ctx.app, "GET", `/api/v1/appeals/${a.id}/receipt`, { token: clerk.token });
    expect(res.status).toBe(200);
    expect(res.res.headers["content-type"]).toContain("text/html");
    const html = res.body as string;
    expect(html).toContain(a.trackingNo);
    expect(html).toContain(a.queryCode);
    expect(html).toContain("李窗口（有诉即办窗口受理员）");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).not.toContain("<img");
    expect(html).toContain("138****5678");
    expect(html).toContain("@page");
  });
});
