import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { adminToken, createStaff } from "../../../../test/factories.js";
import { base32Decode, hotp, totpStep } from "../../lib/totp.js";

/**
 * The second factor (等保 2.0 level 3: two factors, one cryptographic): enrolment, sign-in
 * with and without a code, wrong and replayed codes, recovery codes, the admin's reset, the
 * center's MFA-required policy — from several source addresses behind a trusted proxy.
 */
// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ config: { loginMaxFailures: 3, lockoutMinutes: 15, trustProxy: ["127.0.0.1"] } });

let address = 0;
async function signIn(body: Record<string, unknown>, ip = `203.0.113.${++address % 250}`) {
  const res = await ctx.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    remoteAddress: "127.0.0.1",
    headers: { "x-forwarded-for": ip },
    payload: body,
  });
  return { status: res.statusCode, body: res.json() };
}

const codeAt = (secret: string, at: Date, offset = 0) => hotp(base32Decode(secret), totpStep(at) + offset);

async function enrol(token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await call(ctx.app, "POST", "/api/v1/me/mfa/totp", { token });
  expect(start.status).toBe(200);
  const { secret, otpauthUrl } = start.body as { secret: string; otpauthUrl: string };
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  expect(otpauthUrl).toContain(`secret=${secret}`);
  const confirm = await call(ctx.app, "POST", "/api/v1/me/mfa/totp/confirm", {
    token,
    body: { code: codeAt(secret, ctx.clock.now()) },
  });
  expect(confirm.status).toBe(200);
  return { secret, recoveryCodes: confirm.body.recoveryCodes };
}

async function auditActions(userId: string): Promise<string[]> {
  const rows = await ctx.handle.db
    .selectFrom("audit_log")
    .select("action")
    .where("entity_id", "=", userId)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.action);
}

describe("TOTP second factor", () => {
  it("enrols with a confirmed code; then sign-in needs the code, refuses a wrong or replayed one", async () => {
    const s = await createStaff(ctx, { roles: ["window"] });
    const name = s.user.username;
    // A pending secret changes nothing until confirmed; a wrong confirmation code is a 400.
    const pending = await call(ctx.app, "POST", "/api/v1/me/mfa/totp", { token: s.token });
    const wrong = await call(ctx.app, "POST", "/api/v1/me/mfa/totp/confirm", {
      token: s.token,
      body: { code: codeAt(pending.body.secret, ctx.clock.now(), 5) },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].path).toBe("code");
    expect((await signIn({ username: name, password: s.password })).status).toBe(200);

    const { secret, recoveryCodes } = await enrol(s.token);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const status = await call(ctx.app, "GET", "/api/v1/me/mfa", { token: s.token });
    expect(status.body).toMatchObject({ enrolled: true, pending: false, recoveryCodesLeft: 10 });
    // Enrolling again is refused (only the admin's reset replaces a factor).
    expect((await call(ctx.app, "POST", "/api/v1/me/mfa/totp", { token: s.token })).status).toBe(409);

    // Without a code: asked for it (the password was right), nothing counted.
    const missing = await signIn({ username: name, password: s.password });
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe("MFA_REQUIRED");
    // A wrong password with no code is the plain wrong-credentials answer: no MFA hint.
    const badPassword = await signIn({ username: name, password: "Wrong#Pass-9182" });
    expect(badPassword.body.error.code).toBe("INVALID_CREDENTIALS");
    expect(badPassword.body.error.message).toBe("用户名或密码错误");
    // A wrong password with a right code is still a wrong password.
    ctx.clock.advance(30_000);
    const badPasswordGoodCode = await signIn({
      username: name,
      password: "Wrong#Pass-9182",
      totp: codeAt(secret, ctx.clock.now()),
    });
    expect(badPasswordGoodCode.body.error.message).toBe("用户名或密码错误");

    const ok = await signIn({ username: name, password: s.password, totp: codeAt(secret, ctx.clock.now()) });
    expect(ok.status).toBe(200);
    expect(ok.body.user.mfaEnabled).toBe(true);
    // The same code again (same step) — replay — is refused, from any address.
    const replay = await signIn({
      username: name,
      password: s.password,
      totp: codeAt(secret, ctx.clock.now()),
    });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe("INVALID_CREDENTIALS");
    expect(replay.body.error.details[0].path).toBe("totp");
    // The previous step's code is refused too once a later one was used.
    expect(
      (await signIn({ username: name, password: s.password, totp: codeAt(secret, ctx.clock.now(), -1) }))
        .status,
    ).toBe(401);
    // The next step (clock drift of one step) is accepted.
    expect(
      (await signIn({ username: name, password: s.password, totp: codeAt(secret, ctx.clock.now(), 1) }))
        .status,
    ).toBe(200);
    const actions = await auditActions(s.user.id);
    expect(actions).toContain("user.mfa.enrol");
    expect(actions).toContain("user.mfa.enable");
    expect(actions).toContain("auth.mfa.failed");
  });

  it("wrong codes count as failures of (username, address): that address locks, the owner signs in elsewhere", async () => {
    const s = await createStaff(ctx, { roles: ["dispatcher"] });
    const name = s.user.username;
    const { secret } = await enrol(s.token);
    ctx.clock.advance(60_000);
    const attacker = "198.51.100.77";
    const wrongCode = () =>
      String((Number(codeAt(secret, ctx.clock.now())) + 500_000) % 1_000_000).padStart(6, "0");
    expect((await signIn({ username: name, password: s.password, totp: wrongCode() }, attacker)).status).toBe(
      401,
    );
    expect((await signIn({ username: name, password: s.password, totp: wrongCode() }, attacker)).status).toBe(
      401,
    );
    const third = await signIn({ username: name, password: s.password, totp: wrongCode() }, attacker);
    expect(third.status).toBe(423);
    expect(third.body.error.code).toBe("ACCOUNT_LOCKED");
    // Locked even with the right code from there…
    expect(
      (
        await signIn(
          { username: name, password: s.password, totp: codeAt(secret, ctx.clock.now()) },
          attacker,
        )
      ).status,
    ).toBe(423);
    // …while the owner signs in from another address.
    expect(
      (
        await signIn(
          { username: name, password: s.password, totp: codeAt(secret, ctx.clock.now()) },
          "192.0.2.55",
        )
      ).status,
    ).toBe(200);
  });

  it("ten wrong codes from many addresses pause the factor for everyone (only password holders can)", async () => {
    const s = await createStaff(ctx, { roles: ["window"] });
    const { secret } = await enrol(s.token);
    ctx.clock.advance(60_000);
    const wrong = String((Number(codeAt(secret, ctx.clock.now())) + 1) % 1_000_000).padStart(6, "0");
    let last = { status: 0, body: {} as { error: { code: string } } };
    for (let i = 0; i < 10; i++) {
      last = await signIn(
        { username: s.user.username, password: s.password, totp: wrong },
        `198.18.0.${i + 1}`,
      );
    }
    expect(last.status).toBe(423);
    const owner = await signIn(
      { username: s.user.username, password: s.password, totp: codeAt(secret, ctx.clock.now()) },
      "192.0.2.66",
    );
    expect(owner.status).toBe(423);
    ctx.clock.advance(16 * 60_000);
    const later = await signIn(
      { username: s.user.username, password: s.password, totp: codeAt(secret, ctx.clock.now()) },
      "192.0.2.66",
    );
    expect(later.status).toBe(200);
    expect(await auditActions(s.user.id)).toContain("auth.mfa.locked");
  });

  it("recovery codes sign in once each", async () => {
    const s = await createStaff(ctx, { roles: ["window"] });
    const { recoveryCodes } = await enrol(s.token);
    const code = recoveryCodes[0] as string;
    const first = await signIn({
      username: s.user.username,
      password: s.password,
      recoveryCode: code.toUpperCase(),
    });
    expect(first.status).toBe(200);
    const again = await signIn({ username: s.user.username, password: s.password, recoveryCode: code });
    expect(again.status).toBe(401);
    expect(again.body.error.details[0].path).toBe("recoveryCode");
    const status = await call(ctx.app, "GET", "/api/v1/me/mfa", { token: first.body.token });
    expect(status.body.recoveryCodesLeft).toBe(9);
    const other = await signIn({
      username: s.user.username,
      password: s.password,
      recoveryCode: recoveryCodes[1],
    });
    expect(other.status).toBe(200);
    const actions = await auditActions(s.user.id);
    expect(actions.filter((a) => a === "auth.mfa.recovery_used")).toHaveLength(2);
  });

  it("the admin resets a user's factor: audited, sessions ended, password alone signs in again", async () => {
    const admin = await adminToken(ctx);
    const s = await createStaff(ctx, { roles: ["window"] });
    await enrol(s.token);
    const listed = await call(ctx.app, "GET", `/api/v1/users/${s.user.id}`, { token: admin });
    expect(listed.body.mfaEnabled).toBe(true);
    // Only the admin may reset.
    const other = await createStaff(ctx, { roles: ["supervisor"] });
    expect(
      (await call(ctx.app, "POST", `/api/v1/users/${s.user.id}/mfa/reset`, { token: other.token })).status,
    ).toBe(403);
    const reset = await call(ctx.app, "POST", `/api/v1/users/${s.user.id}/mfa/reset`, { token: admin });
    expect(reset.status).toBe(200);
    expect((await call(ctx.app, "GET", "/api/v1/me", { token: s.token })).status).toBe(401);
    const back = await signIn({ username: s.user.username, password: s.password });
    expect(back.status).toBe(200);
    expect(back.body.user.mfaEnabled).toBe(false);
    const audit = await ctx.handle.db
      .selectFrom("audit_log")
      .select(["actor_name", "details"])
      .where("action", "=", "user.mfa.reset")
      .where("entity_id", "=", s.user.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_name).toBe("admin");
    expect(audit.details).toMatchObject({ hadFactor: true, revokedSessions: 1 });
  });

  it("when the center requires MFA, admins and auditors must enrol before anything else; others are not affected", async () => {
    const admin = await adminToken(ctx);
    const current = await call(ctx.app, "GET", "/api/v1/security/settings", { token: admin });
    const set = await call(ctx.app, "PUT", "/api/v1/security/settings", {
      token: admin,
      body: {
        mfaRequired: true,
        retentionDays: current.body.retentionDays,
        expectedVersion: current.body.version,
      },
    });
    expect(set.status).toBe(200);
    expect(set.body.mfaRequired).toBe(true);
    try {
      const auditor = await createStaff(ctx, { roles: ["auditor"] });
      const window = await createStaff(ctx, { roles: ["window"] });
      const me = await call(ctx.app, "GET", "/api/v1/me", { token: auditor.token });
      expect(me.body.mustEnrolMfa).toBe(true);
      const blocked = await call(ctx.app, "GET", "/api/v1/audit", { token: auditor.token });
      expect(blocked.status).toBe(403);
      expect(blocked.body.error.code).toBe("MFA_ENROLMENT_REQUIRED");
      expect((await call(ctx.app, "GET", "/api/v1/appeals", { token: window.token })).status).toBe(200);
      await enrol(auditor.token);
      expect((await call(ctx.app, "GET", "/api/v1/me", { token: auditor.token })).body.mustEnrolMfa).toBe(
        false,
      );
      expect((await call(ctx.app, "GET", "/api/v1/audit", { token: auditor.token })).status).toBe(200);
    } finally {
      const now = await call(ctx.app, "GET", "/api/v1/security/settings", { token: admin });
      // The admin itself is now held to enrol; the settings route is not open to it meanwhile.
      expect(now.status).toBe(403);
      await ctx.handle.db.updateTable("center_security_settings").set({ mfa_required: false }).execute();
    }
  });
});
