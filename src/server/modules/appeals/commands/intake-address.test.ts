import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../../test/app.js";
import {
  appealBody,
  countRows,
  integrationToken,
  recordOk,
  windowClerk,
} from "../../../../../test/appeals.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ start: "2026-03-02T09:00:00+08:00" });

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
