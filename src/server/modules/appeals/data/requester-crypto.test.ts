import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../../test/app.js";
import { appealBody, recordOk, windowClerk } from "../../../../../test/appeals.js";
import { parseCipher, UNREADABLE_VALUE, unreadableValues } from "../../../lib/personal-data.js";

describe("a corrupt personal value does not fail a list page", () => {
  const ctx = useTestApp();

  it("shows 〔无法解密〕 for that row, the others as usual, and counts it", async () => {
    const clerk = await windowClerk(ctx);
    const good = await recordOk(
      ctx,
      clerk.token,
      appealBody({ requester: { name: "完好人", phone: "13811110001", address: "好地址" } }),
    );
    const bad = await recordOk(
      ctx,
      clerk.token,
      appealBody({ requester: { name: "损坏人", phone: "13811110002", address: "坏地址" } }),
    );
    // One changed byte in the stored name and phone of one row (the GCM tag no longer matches).
    const row = await ctx.handle.db
      .selectFrom("appeals")
      .select(["requester_name", "phone"])
      .where("id", "=", bad.id)
      .executeTakeFirstOrThrow();
    const flip = (v: string) => {
      const p = parseCipher(v)!;
      const raw = Buffer.from(p.payload, "base64url");
      raw[13] = (raw[13] ?? 0) ^ 0x40;
      return `pd1:${p.keyId}:${raw.toString("base64url")}`;
    };
    await sql`update appeals set requester_name = ${flip(row.requester_name)}, phone = ${flip(row.phone)}
      where id = ${bad.id}`.execute(ctx.handle.db);

    const before = unreadableValues();
    const list = await call(ctx.app, "GET", "/api/v1/appeals?limit=50", { token: clerk.token });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    // biome-ignore lint/suspicious/noExplicitAny: the list item shape is checked by its schema
    const byId = new Map<string, any>(list.body.items.map((a: any) => [a.id, a]));
    expect(byId.get(good.id).requester).toMatchObject({ name: "完好人", phone: "138****0001" });
    expect(byId.get(bad.id).requester).toMatchObject({ name: UNREADABLE_VALUE, phone: UNREADABLE_VALUE });
    expect(unreadableValues()).toBe(before + 2);

    const metrics = await ctx.app.inject({ method: "GET", url: "/metrics", remoteAddress: "127.0.0.1" });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/^yousu_personal_data_unreadable_total [1-9]\d*$/m);
  });
});
