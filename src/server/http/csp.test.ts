import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/app.js";

/**
 * `upgrade-insecure-requests` only when the site is served over HTTPS: over
 * plain HTTP on an intranet address it would send the browser to HTTPS for
 * every script and leave the UI blank.
 */
// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ config: { trustProxy: ["127.0.0.1"] } });

async function csp(remoteAddress: string, headers: Record<string, string> = {}) {
  const res = await ctx.app.inject({ method: "GET", url: "/api/health", remoteAddress, headers });
  return String(res.headers["content-security-policy"] ?? "");
}

describe("Content-Security-Policy", () => {
  it("has no upgrade-insecure-requests over plain HTTP", async () => {
    const policy = await csp("192.0.2.10");
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });

  it("upgrades when a trusted proxy says the site is served over HTTPS", async () => {
    expect(await csp("127.0.0.1", { "x-forwarded-proto": "https" })).toContain("upgrade-insecure-requests");
  });

  it("ignores the header from anyone but a trusted proxy", async () => {
    expect(await csp("192.0.2.11", { "x-forwarded-proto": "https" })).not.toContain(
      "upgrade-insecure-requests",
    );
  });
});
