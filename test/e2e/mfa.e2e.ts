import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base32Decode, hotp, totpStep } from "../../src/server/lib/totp.js";
import { type Console, POLL, screenshot, startConsole } from "./harness.js";

/**
 * The second factor in the browser: a window clerk enrols a TOTP factor from the user menu
 * (the code computed here, as an authenticator app would), signs out, and signs in again
 * with username, password and then the 6-digit code the login form asks for. The admin sees
 * the factor on the user list and resets it.
 */
const CLERK = { username: "mfa_window", password: "Harbor#Lamp-2749", displayName: "周窗口" };

describe("TOTP second factor", () => {
  let c: Console;
  let secret = "";
  beforeAll(async () => {
    c = await startConsole();
    await c.seedStaff([[CLERK, ["window"]]]);
  }, 120_000);
  afterAll(async () => {
    await c?.close();
  });

  /** The code of the next time step: accepted (±1 step) and never the one just used. */
  const nextCode = () => hotp(base32Decode(secret), totpStep(Date.now()) + 1);

  it("enrols, signs out, and signs in with a code; a wrong code is refused", async () => {
    const page = await c.page(CLERK);
    await page.getByTestId("user-menu").click();
    await page.getByText("双因素认证").click();
    await page.getByTestId("mfa-start").click();
    const shown = page.getByTestId("mfa-secret");
    await expect.poll(() => shown.isVisible(), POLL).toBe(true);
    secret = ((await shown.textContent()) ?? "").replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.getByTestId("mfa-otpauth").textContent()).toContain(`secret=${secret}`);
    expect(await page.getByTestId("mfa-qr").isVisible()).toBe(true);
    await screenshot(page, "mfa-enrol");

    await page.getByTestId("mfa-code").fill(hotp(base32Decode(secret), totpStep(Date.now())));
    await page.getByTestId("mfa-confirm").click();
    const codes = page.getByTestId("mfa-recovery-codes");
    await expect.poll(() => codes.isVisible(), POLL).toBe(true);
    expect(((await codes.textContent()) ?? "").match(/[a-z2-7]{5}-[a-z2-7]{5}/g)).toHaveLength(10);
    await screenshot(page, "mfa-recovery-codes");
    await page.getByTestId("mfa-done").click();

    await page.getByTestId("user-menu").click();
    await page.getByText("退出登录").click();
    await page.waitForURL((u) => u.pathname.startsWith("/login"), { timeout: 15_000 });

    await page.getByTestId("login-username").fill(CLERK.username);
    await page.getByTestId("login-password").fill(CLERK.password);
    await page.getByTestId("login-submit").click();
    const totp = page.getByTestId("login-totp");
    await expect.poll(() => totp.isVisible(), POLL).toBe(true);
    const good = nextCode();
    await totp.fill(String((Number(good) + 123_457) % 1_000_000).padStart(6, "0"));
    await page.getByTestId("login-submit").click();
    await expect.poll(() => page.getByTestId("login-error").textContent(), POLL).toContain("动态验证码错误");
    await screenshot(page, "mfa-login");

    await totp.fill(nextCode());
    await page.getByTestId("login-submit").click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 15_000 });
    await expect.poll(() => page.getByTestId("user-menu").textContent(), POLL).toContain(CLERK.displayName);
    await page.context().close();
  });

  it("the admin sees the factor on the user list and resets it", async () => {
    const page = await c.page({ username: "admin", password: "Kq7#Lantern-Field" });
    await page.goto(`${c.baseUrl}/admin/users`);
    const reset = page.getByTestId(`reset-mfa-${CLERK.username}`);
    await expect.poll(() => reset.isVisible(), POLL).toBe(true);
    await reset.click();
    await page.getByRole("button", { name: "重置", exact: true }).click();
    await expect.poll(() => reset.count(), POLL).toBe(0);
    // The password alone signs in again.
    const token = await c.token(CLERK);
    const me = await c.api<{ mfaEnabled: boolean }>(token, "GET", "/api/v1/me");
    expect(me.body.mfaEnabled).toBe(false);
    expect(c.errors).toEqual([]);
    await page.context().close();
  });

  it("printing the 工作单 with the full phone asks for a reason and sends it to the server (logged)", async () => {
    const REVIEWER = { username: "mfa_dispatcher", password: "Harbor#Lamp-2750", displayName: "吴分办" };
    const deptId = await c.seedStaff([[REVIEWER, ["dispatcher"]]], { code: "MFAD", name: "住建局" });
    const token = await c.token(REVIEWER);
    const appeal = await c.createAppeal(token, { content: "小区路灯长期不亮，夜间出行不便，请尽快维修" });
    const wo = await c.dispatch(token, appeal.id, deptId);
    const page = await c.page(REVIEWER);
    await page.goto(`${c.baseUrl}/work-orders/${wo.id}`);
    await page.getByTestId("wo-print").click();
    await page.getByTestId("print-phone-full").click();
    await page.getByRole("button", { name: "打印", exact: true }).click();
    // No reason: the dialog stays and says so.
    await expect.poll(() => page.locator(".ant-modal").textContent(), POLL).toContain("请填写原因");
    await page.getByTestId("print-reveal-reason").fill("部门须电话联系诉求人");
    const [popup] = await Promise.all([
      page.waitForEvent("popup"),
      page.getByRole("button", { name: "打印", exact: true }).click(),
    ]);
    await popup.waitForLoadState();
    expect(decodeURIComponent(popup.url())).toContain("revealReason=部门须电话联系诉求人");
    await expect.poll(() => popup.locator("body").textContent(), POLL).toContain("13812345678");
    const events = await c.api<{ type: string }[] | { items: { type: string }[] }>(
      token,
      "GET",
      `/api/v1/appeals/${appeal.id}/events`,
    );
    expect(JSON.stringify(events.body)).toContain("phone_revealed");
    await page.context().close();
  });
});
