import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../../test/app.js";
import {
  appealBody,
  countRows,
  integrationToken,
  recordOk,
  windowClerk,
} from "../../../../../test/appeals.js";
import { decryptField, isCiphertext } from "../../../lib/personal-data.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ start: "2026-03-02T09:00:00+08:00" });

describe("recording an appeal at the window (受理)", () => {
  it("records an on-site appeal with the clerk's identity and hands out a receipt", async () => {
    const clerk = await windowClerk(ctx, { displayName: "王小明", post: "有诉即办窗口受理员" });
    const before = await countRows(ctx, "audit_log");
    const a = await recordOk(ctx, clerk.token);

    expect(a.trackingNo).toMatch(/^20260302\d{4}$/);
    expect(a.queryCode).toMatch(/^\d{6}$/);
    expect(a.status).toBe("received");
    expect(a.channel).toBe("onsite");
    expect(a.requester.phone).toBe("138****5678");
    expect(a.receivedAt).toBe("2026-03-02T09:00:00.000+08:00");
    expect(a.receivedBy).toEqual({ id: clerk.user.id, name: "王小明", post: "有诉即办窗口受理员" });
    expect(a.respondBy).toBeNull();
    expect(a.version).toBe(1);
    expect(a.receipt).toMatchObject({
      trackingNo: a.trackingNo,
      queryCode: a.queryCode,
      receivedBy: { name: "王小明", post: "有诉即办窗口受理员" },
      respondBy: null,
    });
    expect(a.receipt.nextStep).toContain("审核");

    const events = await call(ctx.app, "GET", `/api/v1/appeals/${a.id}/events`, { token: clerk.token });
    expect(events.status).toBe(200);
    expect(events.body.map((e: { type: string }) => e.type)).toEqual(["received"]);
    expect(events.body[0].actor).toEqual({ id: clerk.user.id, name: "王小明", kind: "user" });

    const sms = await ctx.handle.db
      .selectFrom("notification_outbox")
      .selectAll()
      .where("appeal_id", "=", a.id)
      .execute();
    expect(sms).toHaveLength(1);
    // The number is stored encrypted (issue 13) and is the requester's once decrypted.
    expect(isCiphertext(sms[0]!.recipient_phone)).toBe(true);
    expect(decryptField(sms[0]!.recipient_phone, "notification_outbox.recipient_phone")).toBe("13812345678");
    expect(sms[0]!.kind).toBe("appeal.received");
    expect(sms[0]!.text).toContain(a.trackingNo);
    expect(sms[0]!.text).toContain(a.queryCode);
    expect(await countRows(ctx, "audit_log")).toBe(before + 1);
  });

  it("records a phone appeal and an organization's appeal with its contact person", async () => {
    const clerk = await windowClerk(ctx);
    const a = await recordOk(
      ctx,
      clerk.token,
      appealBody({
        channel: "phone",
        type: "complaint",
        requester: {
          name: "赵六",
          orgName: "某某科技有限公司",
          contactPerson: "赵六",
          phone: "010-12345678",
          address: "高新区科技路 8 号",
        },
      }),
    );
    expect(a.channel).toBe("phone");
    expect(a.requester).toMatchObject({
      kind: "organization",
      orgName: "某某科技有限公司",
      phone: "010-****5678",
    });
  });

  it("gives tracking numbers a daily sequence without collisions under concurrent intake", async () => {
    const clerk = await windowClerk(ctx);
    const created = await Promise.all(Array.from({ length: 12 }, () => recordOk(ctx, clerk.token)));
    const numbers = created.map((a) => a.trackingNo as string);
    expect(new Set(numbers).size).toBe(12);
    const seqs = numbers.map((n) => Number(n.slice(8))).sort((x, y) => x - y);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
  });

  it("stores HTML in the content as plain text and returns it unchanged", async () => {
    const clerk = await windowClerk(ctx);
    const content = `<script>alert("x")</script><b>窗口</b>办事人员态度 & 效率问题`;
    const a = await recordOk(ctx, clerk.token, appealBody({ content }));
    expect(a.content).toBe(content);
    const again = await call(ctx.app, "GET", `/api/v1/appeals/${a.id}`, { token: clerk.token });
    expect(again.body.content).toBe(content);
  });

  it("records a letter with the date it arrived; its first-response clock runs from then", async () => {
    const clerk = await windowClerk(ctx);
    // Arrived Sunday 2026-03-01 (opened by the mail room on Monday); the next working day is Monday 03-02.
    const a = await recordOk(
      ctx,
      clerk.token,
      appealBody({ channel: "letter", receivedAt: "2026-03-01T18:00:00+08:00" }),
    );
    expect(a.receivedAt).toBe("2026-03-01T18:00:00.000+08:00");
    expect(a.recordedAt).toBe("2026-03-02T09:00:00.000+08:00");
    expect(a.respondBy).toBe("2026-03-02T23:59:59.999+08:00");
    expect(a.overdue).toBe(false);
    expect(a.receipt.respondBy.explanation).toBeTruthy();
  });
});

describe("bad input at intake", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["an empty name", { requester: { name: "", phone: "13812345678" } }, "requester.name"],
    [
      "a name over 50 characters",
      { requester: { name: "张".repeat(51), phone: "13812345678" } },
      "requester.name",
    ],
    ["an invalid phone", { requester: { name: "张三", phone: "12345" } }, "requester.phone"],
    ["a missing phone", { requester: { name: "张三" } }, "requester.phone"],
    [
      "an address over 200 characters",
      { requester: { name: "张三", phone: "13812345678", address: "路".repeat(201) } },
      "requester.address",
    ],
    ["content under 5 characters", { content: "太慢了" }, "content"],
    ["content over 4000 characters", { content: "字".repeat(4001) }, "content"],
    ["an unknown channel", { channel: "fax" }, "channel"],
    ["an unknown type", { type: "praise" }, "type"],
    ["a channel the window does not record", { channel: "portal" }, "channel"],
    ["receivedAt on an on-site appeal", { receivedAt: "2026-03-01T10:00:00+08:00" }, "receivedAt"],
    ["an externalId from staff", { externalId: "X-1" }, "externalId"],
    [
      "a letter received in the future",
      { channel: "letter", receivedAt: "2026-03-02T10:00:00+08:00" },
      "receivedAt",
    ],
  ];
  for (const [what, over, path] of cases) {
    it(`answers 400 at ${path} for ${what} and writes nothing`, async () => {
      const clerk = await windowClerk(ctx);
      const before = await Promise.all([countRows(ctx, "appeals"), countRows(ctx, "notification_outbox")]);
      const res = await call(ctx.app, "POST", "/api/v1/appeals", {
        token: clerk.token,
        body: appealBody(over),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      const after = await Promise.all([countRows(ctx, "appeals"), countRows(ctx, "notification_outbox")]);
      expect(after).toEqual(before);
    });
  }

  it("accepts a landline with area code", async () => {
    const clerk = await windowClerk(ctx);
    const a = await recordOk(
      ctx,
      clerk.token,
      appealBody({ requester: { name: "钱七", phone: "0755-87654321", addressDeclined: true } }),
    );
    expect(a.requester.phone).toBe("0755-****4321");
  });

  it("does not let other roles record appeals", async () => {
    const { createStaff } = await import("../../../../../test/factories.js");
    const sup = await createStaff(ctx, { roles: ["supervisor"] });
    const res = await call(ctx.app, "POST", "/api/v1/appeals", { token: sup.token, body: appealBody() });
    expect(res.status).toBe(403);
    const anon = await call(ctx.app, "POST", "/api/v1/appeals", { body: appealBody() });
    expect(anon.status).toBe(401);
  });
});

describe("appeals pushed by the 12345 hotline and other systems", () => {
  it("takes portal, mini-program and 12345 appeals with a first-response deadline", async () => {
    const token = await integrationToken(ctx);
    for (const channel of ["hotline_12345", "portal", "miniapp"]) {
      const a = await recordOk(ctx, token, appealBody({ channel }));
      expect(a.channel).toBe(channel);
      expect(a.receivedBy).toBeNull();
      expect(a.source).toBe("hotline_12345");
      // Monday 09:00 → end of Tuesday.
      expect(a.respondBy).toBe("2026-03-03T23:59:59.999+08:00");
      expect(a.receipt.nextStep).toContain("2026年3月3日");
    }
  });

  it("dedupes a repeated push on externalId: one appeal, 200 the second time", async () => {
    const token = await integrationToken(ctx);
    const body = appealBody({ channel: "hotline_12345", externalId: "12345-2026-0001" });
    const first = await call(ctx.app, "POST", "/api/v1/appeals", { token, body });
    expect(first.status).toBe(201);
    const before = await countRows(ctx, "appeals");
    const second = await call(ctx.app, "POST", "/api/v1/appeals", { token, body });
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.trackingNo).toBe(first.body.trackingNo);
    expect(await countRows(ctx, "appeals")).toBe(before);
  });

  it("dedupes concurrent pushes of the same externalId", async () => {
    const token = await integrationToken(ctx);
    const body = appealBody({ channel: "hotline_12345", externalId: "12345-2026-0002" });
    const seqOf = (a: { trackingNo: string }) => Number(a.trackingNo.slice(8));
    const before = await recordOk(ctx, token, appealBody({ channel: "portal" }));
    const results = await Promise.all(
      Array.from({ length: 5 }, () => call(ctx.app, "POST", "/api/v1/appeals", { token, body })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    // Numbers are taken before the transaction (ADR 0018): a loser of the race may leave a gap
    // in the daily sequence (at most one number each), never a duplicate.
    const after = await recordOk(ctx, token, appealBody({ channel: "portal" }));
    expect(seqOf(results[0]!.body)).toBeGreaterThan(seqOf(before));
    expect(seqOf(results[0]!.body)).toBeLessThanOrEqual(seqOf(before) + 5);
    expect(seqOf(after)).toBeGreaterThan(seqOf(results[0]!.body));
    expect(seqOf(after)).toBeLessThanOrEqual(seqOf(before) + 6);
  });

  it("replays the original response for the same Idempotency-Key and refuses a different body (422)", async () => {
    const token = await integrationToken(ctx);
    const body = appealBody({ channel: "portal" });
    const headers = { "idempotency-key": "push-0001" };
    const first = await call(ctx.app, "POST", "/api/v1/appeals", { token, body, headers });
    expect(first.status).toBe(201);
    const before = await countRows(ctx, "appeals");
    const replay = await call(ctx.app, "POST", "/api/v1/appeals", { token, body, headers });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    const other = await call(ctx.app, "POST", "/api/v1/appeals", {
      token,
      body: { ...body, content: "完全不同的另一条诉求内容" },
      headers,
    });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await countRows(ctx, "appeals")).toBe(before);
  });

  it("honours Idempotency-Key on staff intake too, per user", async () => {
    const a = await windowClerk(ctx);
    const b = await windowClerk(ctx);
    const headers = { "idempotency-key": "form-submit-1" };
    const body = appealBody();
    const r1 = await call(ctx.app, "POST", "/api/v1/appeals", { token: a.token, body, headers });
    const r2 = await call(ctx.app, "POST", "/api/v1/appeals", { token: a.token, body, headers });
    const r3 = await call(ctx.app, "POST", "/api/v1/appeals", { token: b.token, body, headers });
    expect(r2.body.id).toBe(r1.body.id);
    expect(r3.status).toBe(201);
    expect(r3.body.id).not.toBe(r1.body.id);
    const bad = await call(ctx.app, "POST", "/api/v1/appeals", {
      token: a.token,
      body,
      headers: { "idempotency-key": "has spaces in it" },
    });
    expect(bad.status).toBe(400);
  });

  it("accepts a receivedAt in the past and counts every clock from it", async () => {
    const token = await integrationToken(ctx);
    const a = await recordOk(
      ctx,
      token,
      appealBody({ channel: "hotline_12345", receivedAt: "2026-02-25T10:00:00+08:00" }),
    );
    expect(a.receivedAt).toBe("2026-02-25T10:00:00.000+08:00");
    expect(a.respondBy).toBe("2026-02-26T23:59:59.999+08:00");
    expect(a.overdue).toBe(true);
  });

  it("refuses an on-site appeal and a receivedAt in the future from a system", async () => {
    const token = await integrationToken(ctx);
    const onsite = await call(ctx.app, "POST", "/api/v1/appeals", { token, body: appealBody() });
    expect(onsite.status).toBe(400);
    const future = await call(ctx.app, "POST", "/api/v1/appeals", {
      token,
      body: appealBody({ channel: "hotline_12345", receivedAt: "2026-03-03T09:00:00+08:00" }),
    });
    expect(future.status).toBe(400);
    expect(future.body.error.details[0].path).toBe("receivedAt");
  });
});

describe("first-response deadlines across real holidays", () => {
  it("an online appeal on National Day eve is due at the end of 2025-10-09", async () => {
    const token = await integrationToken(ctx);
    const a = await recordOk(
      ctx,
      token,
      appealBody({ channel: "hotline_12345", receivedAt: "2025-09-30T20:30:00+08:00" }),
    );
    expect(a.respondBy).toBe("2025-10-09T23:59:59.999+08:00");
    expect(a.receipt.respondBy.explanation).toMatch(/10月1日/);
  });

  it("an online appeal on 2026-02-13 is due on the make-up Saturday 2026-02-14", async () => {
    const token = await integrationToken(ctx);
    const a = await recordOk(
      ctx,
      token,
      appealBody({ channel: "portal", receivedAt: "2026-02-13T11:00:00+08:00" }),
    );
    expect(a.respondBy).toBe("2026-02-14T23:59:59.999+08:00");
  });
});

/** 受理 记录要素: 姓名、地址、联系电话、时间、方式、诉求 — the address, or the recorded choice not to give one. */
describe("the address as a record element", () => {
  const noAddress = { name: "张三", phone: "13812345678" };

  it("answers 400 at requester.address when staff give neither an address nor the choice, and writes nothing", async () => {
    const clerk = await windowClerk(ctx);
    const before = await Promise.all([countRows(ctx, "appeals"), countRows(ctx, "notification_outbox")]);
    for (const requester of [
      noAddress,
      { ...noAddress, address: "   " },
      { ...noAddress, addressDeclined: false },
    ]) {
      const res = await call(ctx.app, "POST", "/api/v1/appeals", {
        token: clerk.token,
        body: appealBody({ requester }),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.details).toEqual([
        { path: "requester.address", message: "请填写联系地址；诉求人不愿提供的，请勾选“诉求人不愿提供”" },
      ]);
    }
    const after = await Promise.all([countRows(ctx, "appeals"), countRows(ctx, "notification_outbox")]);
    expect(after).toEqual(before);
  });

  it("records the requester's choice not to give an address", async () => {
    const clerk = await windowClerk(ctx);
    const a = await recordOk(
      ctx,
      clerk.token,
      appealBody({ requester: { ...noAddress, addressDeclined: true } }),
    );
    expect(a.requester).toMatchObject({ address: null, addressDeclined: true });
    const row = await ctx.handle.db
      .selectFrom("appeals")
      .select(["address", "address_declined"])
      .where("id", "=", a.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ address: null, address_declined: true });
    const read = await call(ctx.app, "GET", `/api/v1/appeals/${a.id}`, { token: clerk.token });
    expect(read.body.requester.addressDeclined).toBe(true);
  });

  it("an address given wins over the choice (no contradictory record)", async () => {
    const clerk = await windowClerk(ctx);
    const a = await recordOk(
      ctx,
      clerk.token,
      appealBody({ requester: { ...noAddress, address: "幸福路1号", addressDeclined: true } }),
    );
    expect(a.requester).toMatchObject({ address: "幸福路1号", addressDeclined: false });
  });

  it("applies to the public portal too", async () => {
    const body = {
      channel: "portal",
      type: "complaint",
      requester: noAddress,
      content: "路灯坏了很久没有人修理",
    };
    const bad = await ctx.app.inject({ method: "POST", url: "/api/v1/public/appeals", payload: body });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe("requester.address");
    const ok = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/public/appeals",
      payload: { ...body, requester: { ...noAddress, addressDeclined: true } },
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it("keeps the address optional for integrations (API.md compatibility)", async () => {
    const token = await integrationToken(ctx);
    const a = await recordOk(
      ctx,
      token,
      appealBody({ channel: "hotline_12345", externalId: "12345-A-1", requester: noAddress }),
    );
    expect(a.requester).toMatchObject({ address: null, addressDeclined: false });
  });
});
