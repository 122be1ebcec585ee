import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { adminToken, createStaff } from "../../../../test/factories.js";
import { forgetOldLoginFailures } from "./index.js";

/**
 * 等保 2.0 login-failure handling without a lock-out anyone can trigger:
 * failures count per (username, source address) with growing lock times, the
 * owner still signs in from elsewhere, and known and unknown usernames get
 * the same answers. Behind a trusted proxy: the source is X-Forwarded-For.
 */
// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ config: { loginMaxFailures: 3, lockoutMinutes: 15, trustProxy: ["127.0.0.1"] } });
const MIN = 60_000;

async function attempt(ip: string, username: string, password: string) {
  const res = await ctx.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    remoteAddress: "127.0.0.1",
    headers: { "x-forwarded-for": ip },
    payload: { username, password },
  });
  return { status: res.statusCode, body: res.json() };
}

describe("login lock-out", () => {
  it("locks one address out of one account, with backoff, while the owner signs in from elsewhere", async () => {
    const s = await createStaff(ctx, { roles: ["window"] });
    const name = s.user.username;
    const attacker = "198.51.100.10";
    expect((await attempt(attacker, name, "bad-1")).status).toBe(401);
    expect((await attempt(attacker, name, "bad-2")).status).toBe(401);
    const third = await attempt(attacker, name, "bad-3");
    expect(third.status).toBe(423);
    expect(third.body.error).toMatchObject({ code: "ACCOUNT_LOCKED" });
    expect(third.body.error.message).toContain("15 分钟");
    // Even the right password is refused from the locked address...
    expect((await attempt(attacker, name, s.password)).status).toBe(423);
    // ...but the owner, elsewhere, is not locked out by the attacker.
    expect((await attempt("192.0.2.10", name, s.password)).status).toBe(200);

    // After the lock, one more failure locks again, for twice as long.
    ctx.clock.advance(15 * MIN + 1000);
    const again = await attempt(attacker, name, "bad-4");
    expect(again.status).toBe(423);
    expect(again.body.error.message).toContain("30 分钟");
    ctx.clock.advance(29 * MIN);
    expect((await attempt(attacker, name, s.password)).status).toBe(423);
    ctx.clock.advance(1 * MIN + 1000);
    expect((await attempt(attacker, name, s.password)).status).toBe(200);
    // A success from that address forgives its failures.
    expect((await attempt(attacker, name, "bad-5")).status).toBe(401);
  });

  it("answers a known and an unknown username identically, locks included", async () => {
    const s = await createStaff(ctx, { roles: ["window"] });
    const run = async (ip: string, username: string) => {
      const out: unknown[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await attempt(ip, username, `wrong-${i}`);
        out.push([r.status, r.body]);
      }
      return out;
    };
    const known = await run("198.51.100.20", s.user.username);
    const unknown = await run("198.51.100.21", "no_such_user_here");
    expect(unknown).toEqual(known);
    expect(known.map((x) => (x as [number])[0])).toEqual([401, 401, 423, 423]);
  });

  it("shows the lock to the admin and the admin's unlock clears it for every address", async () => {
    const token = await adminToken(ctx);
    const s = await createStaff(ctx, { roles: ["window"] });
    for (let i = 0; i < 3; i++) await attempt("198.51.100.30", s.user.username, "nope");
    const locked = await call(ctx.app, "GET", `/api/v1/users/${s.user.id}`, { token });
    expect(locked.body.lockedUntil).not.toBeNull();
    const unlocked = await call(ctx.app, "POST", `/api/v1/users/${s.user.id}/unlock`, { token });
    expect(unlocked.body.lockedUntil).toBeNull();
    expect((await attempt("198.51.100.30", s.user.username, s.password)).status).toBe(200);
  });

  it("forgets failure series after a quiet day, keeps recent ones", async () => {
    for (let i = 0; i < 2; i++) await attempt("198.51.100.40", "sprayed_name_1", "nope");
    ctx.clock.advance(25 * 60 * MIN);
    await attempt("198.51.100.41", "sprayed_name_2", "nope");
    await forgetOldLoginFailures(ctx.handle.db, ctx.clock.now());
    const left = (await ctx.handle.db.selectFrom("login_failures").select("username").execute()).map(
      (r) => r.username,
    );
    expect(left).not.toContain("sprayed_name_1");
    expect(left).toContain("sprayed_name_2");
  });
});
