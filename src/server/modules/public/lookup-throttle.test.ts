import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../../test/app.js";

/**
 * Progress look-ups are throttled per source address, so nobody can block a
 * citizen's progress page by failing on purpose. The app sits behind a trusted
 * proxy here: the source is the X-Forwarded-For address.
 */
// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ config: { trustProxy: ["127.0.0.1"] } });

let seq = 0;
const nextIp = () => `203.0.113.${++seq % 250}`;

async function from(ip: string, method: "GET" | "POST", url: string, body?: unknown) {
  const res = await ctx.app.inject({
    method,
    url,
    remoteAddress: "127.0.0.1",
    headers: { "x-forwarded-for": ip },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: res.statusCode, body: res.json() };
}

async function submit() {
  const r = await from(`198.18.${seq >> 8}.${++seq & 255}`, "POST", "/api/v1/public/appeals", {
    channel: "portal",
    type: "complaint",
    requester: { name: "王小梅", phone: "13912345678", address: "幸福路 8 号" },
    content: "小区门口的路灯坏了三个月没人修，晚上出行很不安全。",
  });
  expect(r.status).toBe(201);
  return r.body as { trackingNo: string; queryCode: string };
}

const wrongFor = (code: string) => (code === "999999" ? "999998" : "999999");
const look = (ip: string, trackingNo: string, code: string) =>
  from(ip, "GET", `/api/v1/public/appeals/${trackingNo}?queryCode=${code}`);

describe("progress look-up throttling", () => {
  it("others' wrong codes never refuse the right code", async () => {
    const a = await submit();
    for (let i = 0; i < 40; i++)
      expect((await look(nextIp(), a.trackingNo, wrongFor(a.queryCode))).status).toBe(404);
    const mine = await look("192.0.2.200", a.trackingNo, a.queryCode);
    expect(mine.status).toBe(200);
  });

  it("an address that keeps failing is refused, right code or not, while others are served", async () => {
    const a = await submit();
    const b = await submit();
    const attacker = "192.0.2.66";
    // Failures on different numbers add up: the limit is per address, not per number.
    for (let i = 0; i < 10; i++) {
      const target = i % 2 ? a : b;
      expect((await look(attacker, target.trackingNo, wrongFor(target.queryCode))).status).toBe(404);
    }
    const blocked = await look(attacker, a.trackingNo, a.queryCode);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("RATE_LIMITED");
    expect(blocked.body.error.message).toContain("1 小时");
    expect((await look("192.0.2.201", a.trackingNo, a.queryCode)).status).toBe(200);
    ctx.clock.advance(60 * 60_000 + 1000);
    expect((await look(attacker, a.trackingNo, a.queryCode)).status).toBe(200);
  });

  it("guessing through the rating page spends the same budget as the tracking page", async () => {
    const a = await submit();
    const guesser = "192.0.2.77";
    for (let i = 0; i < 10; i++) {
      const r = await from(
        guesser,
        "GET",
        `/api/v1/public/appeals/${a.trackingNo}/rating?queryCode=${wrongFor(a.queryCode)}`,
      );
      expect(r.status).toBe(404);
    }
    expect((await look(guesser, a.trackingNo, a.queryCode)).status).toBe(429);
  });

  it("a number under a distributed attack still serves addresses that proved the code before", async () => {
    const a = await submit();
    const owner = "192.0.2.202";
    expect((await look(owner, a.trackingNo, a.queryCode)).status).toBe(200);
    // Far more failures on one number than one address may make: many attackers.
    for (let i = 0; i < 300; i++) {
      const r = await look(`100.64.${i >> 8}.${i & 255}`, a.trackingNo, wrongFor(a.queryCode));
      expect([404, 429]).toContain(r.status);
    }
    const stranger = await look("192.0.2.203", a.trackingNo, a.queryCode);
    expect(stranger.status).toBe(429);
    expect((await look(owner, a.trackingNo, a.queryCode)).status).toBe(200);
  });
});
