import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { testBackend } from "../../../../test/db.js";
import { adminToken } from "../../../../test/factories.js";
import { base32Decode, hotp, totpStep } from "../../lib/totp.js";
import { resetMfaByOperator } from "./mfa.service.js";

/**
 * `npm run mfa:reset -- --user=admin`: the only administrator lost the phone with the second
 * factor; the operator with direct database access removes it, audited as `cli:<account>`.
 */
describe("mfa:reset (operator CLI)", () => {
  const ctx = useTestApp();

  async function enrolAdmin(): Promise<void> {
    const token = await adminToken(ctx);
    const start = await call(ctx.app, "POST", "/api/v1/me/mfa/totp", { token });
    expect(start.status).toBe(200);
    const code = hotp(base32Decode(start.body.secret), totpStep(ctx.clock.now()));
    const ok = await call(ctx.app, "POST", "/api/v1/me/mfa/totp/confirm", { token, body: { code } });
    expect(ok.status).toBe(200);
  }

  const loginWithPassword = () =>
    call(ctx.app, "POST", "/api/v1/auth/login", {
      body: { username: "admin", password: ctx.config.adminPassword },
    });

  async function lastReset() {
    return ctx.handle.db
      .selectFrom("audit_log")
      .select(["actor_id", "actor_name", "details"])
      .where("action", "=", "user.mfa.reset")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
  }

  it("removes the factor, ends the sessions and audits the operator", async () => {
    await enrolAdmin();
    expect((await loginWithPassword()).body.error?.code).toBe("MFA_REQUIRED");
    const r = await resetMfaByOperator(ctx.handle.db, "ADMIN", { now: ctx.clock.now(), operator: "ops" });
    expect(r.hadFactor).toBe(true);
    expect(r.revokedSessions).toBeGreaterThan(0);
    const again = await loginWithPassword();
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(await lastReset()).toMatchObject({
      actor_id: null,
      actor_name: "cli:ops",
      details: { username: "admin", hadFactor: true, via: "cli" },
    });
    await expect(
      resetMfaByOperator(ctx.handle.db, "nobody", { now: ctx.clock.now(), operator: "ops" }),
    ).rejects.toThrow(/用户/);
  });

  it.runIf(testBackend === "postgres")(
    "runs as `mfa-reset --user=admin` against DATABASE_URL",
    {
      timeout: 180_000,
    },
    async () => {
      await enrolAdmin();
      const name = (
        await ctx.handle.db
          .selectNoFrom((eb) => eb.fn<string>("current_database").as("db"))
          .executeTakeFirstOrThrow()
      ).db;
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: "silent" };
      const usage = spawnSync(process.execPath, ["--import", "tsx", "src/server/main.ts", "mfa-reset"], {
        env,
        encoding: "utf8",
        timeout: 170_000,
      });
      expect(usage.status).toBe(2);
      expect(usage.stderr).toContain("--user=");
      const run = spawnSync(
        process.execPath,
        ["--import", "tsx", "src/server/main.ts", "mfa-reset", "--user=admin"],
        { env, encoding: "utf8", timeout: 170_000 },
      );
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain("已重置用户 admin 的双因素认证");
      expect((await loginWithPassword()).status).toBe(200);
      expect((await lastReset())?.actor_name).toMatch(/^cli:/);
    },
  );
});
