import { beforeEach, describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { adminToken, createDepartment, createStaff } from "../../../../test/factories.js";
import { decryptField, isCiphertext } from "../../lib/personal-data.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ start: "2026-03-02T09:00:00+08:00" });

const START = "2026-03-02T09:00:00+08:00";
beforeEach(() => ctx.clock.set(START));

let ipSeq = 0;
/** A request from its own client address, so the per-IP limits of one test never affect another. */
function client(ip = `192.0.2.${++ipSeq}`) {
  return async (
    method: "GET" | "POST",
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await ctx.app.inject({
      method,
      url,
      remoteAddress: ip,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return {
      status: res.statusCode,
      body: res.json(),
      raw: res.body,
      type: String(res.headers["content-type"]),
    };
  };
}

const citizen = {
  name: "王小梅",
  phone: "13912345678",
  address: "海星区幸福路 66 号 3 单元",
};

function submission(over: Record<string, unknown> = {}) {
  return {
    channel: "portal",
    type: "complaint",
    requester: citizen,
    content: "小区门口的路灯坏了三个月没人修，晚上出行很不安全，希望尽快处理。",
    ...over,
  };
}

async function submit(over: Record<string, unknown> = {}) {
  const r = await client()("POST", "/api/v1/public/appeals", submission(over));
  expect(r.status, r.raw).toBe(201);
  return r.body as { trackingNo: string; queryCode: string; respondBy: string; nextStep: string };
}

async function appealId(trackingNo: string): Promise<string> {
  const r = await ctx.handle.db
    .selectFrom("appeals")
    .select("id")
    .where("tracking_no", "=", trackingNo)
    .executeTakeFirstOrThrow();
  return r.id;
}

describe("public portal: submit and track", () => {
  it("accepts an appeal without an account and answers with tracking number, query code and first-response deadline", async () => {
    const r = await submit();
    expect(r.trackingNo).toMatch(/^20260302\d{4}$/);
    expect(r.queryCode).toMatch(/^\d{6}$/);
    // Monday 09:00 → end of Tuesday (1 working day, the day of receipt not counted).
    expect(r.respondBy).toBe("2026-03-03T23:59:59.999+08:00");
    expect(r.nextStep).toContain("2026年3月3日");

    const db = ctx.handle.db;
    const id = await appealId(r.trackingNo);
    const row = await db.selectFrom("appeals").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: "portal", status: "received", received_by: null });
    // Personal data is stored encrypted (issue 13).
    expect(isCiphertext(row.requester_name)).toBe(true);
    expect(decryptField(row.requester_name, "appeals.requester_name")).toBe("王小梅");
    const events = await db.selectFrom("appeal_events").selectAll().where("appeal_id", "=", id).execute();
    expect(events.map((e) => [e.type, e.actor_kind])).toEqual([["received", "public"]]);
    const sms = await db.selectFrom("notification_outbox").selectAll().where("appeal_id", "=", id).execute();
    expect(sms).toHaveLength(1);
    expect(decryptField(sms[0]!.recipient_phone, "notification_outbox.recipient_phone")).toBe("13912345678");
    expect(sms[0]?.text).toContain(r.queryCode);
  });

  it("shows progress to the holder of the query code, without any personal data", async () => {
    const r = await submit();
    const res = await client()("GET", `/api/v1/public/appeals/${r.trackingNo}?queryCode=${r.queryCode}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      trackingNo: r.trackingNo,
      status: "received",
      statusText: "已受理，正在审核",
      type: "complaint",
      typeText: "投诉",
      channel: "portal",
      receivedAt: "2026-03-02T09:00:00.000+08:00",
      respondBy: "2026-03-03T23:59:59.999+08:00",
      dueAt: null,
      steps: [{ at: "2026-03-02T09:00:00.000+08:00", text: "诉求已受理" }],
      replies: [],
      rejection: null,
    });
    for (const secret of ["王小梅", "13912345678", "1391", "幸福路", "路灯", "queryCode", r.queryCode]) {
      expect(res.raw).not.toContain(secret);
    }
  });

  it("also accepts the phone number given when submitting, in any format", async () => {
    const r = await submit();
    const ok = await client()("GET", `/api/v1/public/appeals/${r.trackingNo}?phone=139-1234-5678`);
    expect(ok.status).toBe(200);
    expect(ok.body.trackingNo).toBe(r.trackingNo);
    const wrong = await client()("GET", `/api/v1/public/appeals/${r.trackingNo}?phone=13900000000`);
    expect(wrong.status).toBe(404);
  });

  it("answers a wrong query code exactly like an unknown tracking number", async () => {
    const r = await submit();
    const wrongCode = r.queryCode === "000000" ? "000001" : "000000";
    const wrong = await client()("GET", `/api/v1/public/appeals/${r.trackingNo}?queryCode=${wrongCode}`);
    const unknown = await client()("GET", `/api/v1/public/appeals/202603029999?queryCode=${r.queryCode}`);
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.raw).toBe(unknown.raw);
    expect(wrong.body.error.code).toBe("NOT_FOUND");
    expect(wrong.body.error.message).toMatch(/受理编号/);
  });

  it("asks for a query code or phone, and checks the formats", async () => {
    const c = client();
    const none = await c("GET", "/api/v1/public/appeals/202603020001");
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain("查询码");
    expect((await c("GET", "/api/v1/public/appeals/abc?queryCode=123456")).status).toBe(400);
    expect((await c("GET", "/api/v1/public/appeals/202603020001?queryCode=12ab")).status).toBe(400);
  });

  it("shows replies, refusals and the outcome in plain words; HTML comes back as plain text", async () => {
    const clerk = await createStaff(ctx, { roles: ["window"], displayName: "李窗口" });
    const html = "<img src=x onerror=alert(1)>";
    const xss = await submit({ content: `<script>alert("xss")</script> 请处理${html}` });
    const id = await appealId(xss.trackingNo);
    const staffView = await call(ctx.app, "GET", `/api/v1/appeals/${id}`, { token: clerk.token });
    expect(staffView.body.content).toBe(`<script>alert("xss")</script> 请处理${html}`);

    ctx.clock.advance(20 * 60_000);
    const ack = await call(ctx.app, "POST", `/api/v1/appeals/${id}/acknowledge`, {
      token: clerk.token,
      body: { message: "您好，已收到，我们正在联系物业核实。" },
    });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    ctx.clock.advance(20 * 60_000);
    const resolve = await call(ctx.app, "POST", `/api/v1/appeals/${id}/resolve`, {
      token: clerk.token,
      body: { answer: `路灯已修复。${html}` },
    });
    expect(resolve.status, JSON.stringify(resolve.body)).toBe(200);

    const res = await client()("GET", `/api/v1/public/appeals/${xss.trackingNo}?queryCode=${xss.queryCode}`);
    expect(res.status).toBe(200);
    expect(res.type).toContain("application/json");
    expect(res.body.status).toBe("resolved");
    expect(res.body.statusText).toBe("已办结");
    expect(res.body.steps.map((s: { text: string }) => s.text)).toEqual([
      "诉求已受理",
      "工作人员已回复",
      "已办结",
    ]);
    expect(res.body.replies).toEqual([
      {
        at: "2026-03-02T09:20:00.000+08:00",
        kind: "acknowledgement",
        text: "您好，已收到，我们正在联系物业核实。",
      },
      { at: "2026-03-02T09:40:00.000+08:00", kind: "answer", text: `路灯已修复。${html}` },
    ]);
    expect(res.raw).not.toContain("李窗口");
    expect(res.raw).not.toContain("<script>");

    const rejected = await submit({ content: "我家楼下有人打架，赶紧派人来处理一下" });
    const rid = await appealId(rejected.trackingNo);
    const rej = await call(ctx.app, "POST", `/api/v1/appeals/${rid}/reject`, {
      token: clerk.token,
      body: { reason: "emergency", explanation: "属于110受理范围，请直接报警。" },
    });
    expect(rej.status, JSON.stringify(rej.body)).toBe(200);
    const p = await client()(
      "GET",
      `/api/v1/public/appeals/${rejected.trackingNo}?queryCode=${rejected.queryCode}`,
    );
    expect(p.body.status).toBe("rejected");
    expect(p.body.statusText).toBe("不予受理");
    expect(p.body.steps.at(-1).text).toBe("不予受理：属于110、119、120、122等紧急热线受理范围");
    expect(p.body.rejection.reason).toBe("emergency");
    expect(p.body.rejection.text).toContain("属于110受理范围，请直接报警。");
    expect(p.body.replies[0].kind).toBe("refusal");
  });

  it("refuses channels, fields and values a citizen may not set", async () => {
    const c = client();
    const onsite = await c("POST", "/api/v1/public/appeals", submission({ channel: "onsite" }));
    expect(onsite.status).toBe(400);
    expect(onsite.body.error.details[0].path).toBe("channel");
    const phone = await c(
      "POST",
      "/api/v1/public/appeals",
      submission({ requester: { ...citizen, phone: "12345" } }),
    );
    expect(phone.status).toBe(400);
    expect(phone.body.error.details[0].path).toBe("requester.phone");
    const empty = await c("POST", "/api/v1/public/appeals", submission({ content: "" }));
    expect(empty.status).toBe(400);
    const long = await c("POST", "/api/v1/public/appeals", submission({ content: "长".repeat(4001) }));
    expect(long.status).toBe(400);
    // Staff-only fields are ignored, never trusted.
    const sneaky = await c(
      "POST",
      "/api/v1/public/appeals",
      submission({ receivedAt: "2025-01-01T00:00:00+08:00", externalId: "x-1" }),
    );
    expect(sneaky.status).toBe(201);
    const row = await ctx.handle.db
      .selectFrom("appeals")
      .select(["received_at", "external_id"])
      .where("tracking_no", "=", sneaky.body.trackingNo)
      .executeTakeFirstOrThrow();
    expect(row.external_id).toBeNull();
    expect(row.received_at.toISOString()).toBe("2026-03-02T01:00:00.000Z");
    expect((await c("POST", "/api/v1/public/appeals?center=nowhere", submission())).status).toBe(404);
  });

  it("replays a retried submission with the same Idempotency-Key instead of creating a second appeal", async () => {
    const c = client();
    const headers = { "idempotency-key": "portal-retry-0001" };
    const a = await c("POST", "/api/v1/public/appeals", submission(), headers);
    const b = await c("POST", "/api/v1/public/appeals", submission(), headers);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.trackingNo).toBe(a.body.trackingNo);
  });
});

describe("public portal: floods are throttled", () => {
  it("allows 10 submissions per IP in 10 minutes, then answers 429 in Chinese", async () => {
    const c = client("198.51.100.7");
    for (let i = 0; i < 10; i++) {
      expect((await c("POST", "/api/v1/public/appeals", submission())).status).toBe(201);
    }
    const flood = await c("POST", "/api/v1/public/appeals", submission());
    expect(flood.status).toBe(429);
    expect(flood.body.error).toMatchObject({
      code: "RATE_LIMITED",
      message: "提交过于频繁，请 10 分钟后再试",
    });
    // Another client is not affected.
    expect((await client()("POST", "/api/v1/public/appeals", submission())).status).toBe(201);
  });

  it("allows 60 look-ups per IP per minute", async () => {
    const r = await submit();
    const c = client("198.51.100.8");
    for (let i = 0; i < 60; i++) {
      expect((await c("GET", `/api/v1/public/appeals/${r.trackingNo}?queryCode=${r.queryCode}`)).status).toBe(
        200,
      );
    }
    const flood = await c("GET", `/api/v1/public/appeals/${r.trackingNo}?queryCode=${r.queryCode}`);
    expect(flood.status).toBe(429);
    expect(flood.body.error.code).toBe("RATE_LIMITED");
  });

  it("refuses an address for an hour after 10 failed look-ups, even for the right code; others are served", async () => {
    const r = await submit();
    const wrong = r.queryCode === "999999" ? "999998" : "999999";
    const guesser = client("198.51.100.9");
    for (let i = 0; i < 10; i++) {
      expect((await guesser("GET", `/api/v1/public/appeals/${r.trackingNo}?queryCode=${wrong}`)).status).toBe(
        404,
      );
    }
    const locked = await guesser("GET", `/api/v1/public/appeals/${r.trackingNo}?queryCode=${r.queryCode}`);
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toContain("1 小时");
    // The requester, elsewhere, is not affected by the guesser's failures.
    const fine = await client()("GET", `/api/v1/public/appeals/${r.trackingNo}?queryCode=${r.queryCode}`);
    expect(fine.status).toBe(200);
    ctx.clock.advance(60 * 60_000 + 1000);
    const later = await guesser("GET", `/api/v1/public/appeals/${r.trackingNo}?queryCode=${r.queryCode}`);
    expect(later.status).toBe(200);
  });
});

describe("public notice (公示受理方式)", () => {
  it("publishes channels, scope, the seven non-acceptance items, the policy's time limits and departments", async () => {
    const admin = await adminToken(ctx);
    await createDepartment(ctx, {
      name: "区市场监管局",
      location: "A 区 3 号窗口",
      phone: "0571-88881234",
      services: ["营业执照"],
    });
    const policy = await call(ctx.app, "GET", "/api/v1/time-limit-policy", { token: admin });
    const put = await call(ctx.app, "PUT", "/api/v1/time-limit-policy", {
      token: admin,
      body: {
        policy: { ...policy.body.policy, general: { rule: "calendar_days", n: 2 } },
        expectedVersion: policy.body.version,
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    const res = await client()("GET", "/api/v1/public/notice");
    expect(res.status).toBe(200);
    const n = res.body;
    expect(n.title).toContain("受理方式公示");
    // The default center has no phone or address yet (中心信息): those channels are not published.
    expect(n.channels.map((c: { code: string }) => c.code)).toEqual([
      "onsite",
      "portal",
      "miniapp",
      "hotline_12345",
    ]);
    expect(n.nonAcceptance.map((x: { reason: string }) => x.reason)).toEqual([
      "legal_procedure",
      "petition",
      "confidential",
      "emergency",
      "invalid",
      "unlawful",
      "other",
    ]);
    expect(n.nonAcceptance[3].contacts.map((c: { phone: string }) => c.phone)).toEqual([
      "110",
      "119",
      "120",
      "122",
    ]);
    const limits = Object.fromEntries(
      n.timeLimits.map((t: { code: string; limit: string }) => [t.code, t.limit]),
    );
    expect(limits).toEqual({
      onSite: "当场",
      firstResponse: "1个工作日",
      simpleOffsite: "1个工作日",
      simple: "当日",
      general: "2天",
      multiDepartment: "7天",
      major: "1个月",
    });
    expect(n.departments).toContainEqual({
      name: "区市场监管局",
      location: "A 区 3 号窗口",
      phone: "0571-88881234",
      hours: null,
      services: ["营业执照"],
    });
    expect(n.channels.find((c: { code: string }) => c.code === "portal").contact).toBe("/portal");
  });

  it("serves another center by code and 404s an unknown one", async () => {
    await ctx.handle.db
      .insertInto("centers")
      .values({
        code: "hx-town",
        name: "海星镇便民服务中心",
        level: "township",
        address: "海星镇政府一楼",
        phone: "0571-66668888",
      })
      .execute();
    const c = client();
    const res = await c("GET", "/api/v1/public/notice?center=hx-town");
    expect(res.status).toBe(200);
    expect(res.body.center).toEqual({
      code: "hx-town",
      name: "海星镇便民服务中心",
      address: "海星镇政府一楼",
      phone: "0571-66668888",
      hours: null,
    });
    expect(res.body.channels).toHaveLength(6);
    expect(res.body.timeLimits.find((t: { code: string }) => t.code === "general").limit).toBe("3天");
    expect((await c("GET", "/api/v1/public/notice?center=nowhere")).status).toBe(404);
    expect((await c("GET", "/api/v1/public/notice?center=<x>")).status).toBe(400);
  });
});
