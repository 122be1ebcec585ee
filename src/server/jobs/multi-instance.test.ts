import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/**
 * Two real server processes on one PostgreSQL database, sweeping every second under intake load
 * (scripts/multi-instance.mjs, small scale): sessions valid on either instance, every acknowledged
 * appeal there once, one winner of two conflicting writes, no step or message twice.
 */
const run = promisify(execFile);

describe.runIf(process.env.TEST_DATABASE_URL)("several instances on one PostgreSQL", () => {
  it("keeps every check of scripts/multi-instance.mjs", async () => {
    const script = join(import.meta.dirname, "../../../scripts/multi-instance.mjs");
    const r = await run(process.execPath, [script, "--appeals=40", "--clients=6"], {
      env: { ...process.env },
      timeout: 280_000,
    }).catch((e: Error & { stdout?: string; stderr?: string }) => {
      throw new Error(`${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
    });
    expect(r.stdout).toContain("ok   a session from instance A is valid on B");
    expect(r.stdout).toContain("ok   conflicting writes on A and B: 200 and 409");
    expect(r.stdout).not.toContain("FAIL");
    expect(r.stdout).toContain("multi-instance: all checks passed");
  }, 300_000);
});
