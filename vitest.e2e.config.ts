import { defineConfig } from "vitest/config";

/**
 * Browser and process-level tests: each file starts the real server (test/e2e/harness.ts)
 * and drives Debian's Chromium. The web app must be built first (`npm run test:e2e` does it).
 * Files run one after another: a server plus a browser per file is what a 2-core machine holds.
 */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: "forks",
    // A browser on a loaded 2-core machine can take seconds to re-render: every `expect.poll`
    // waits up to 30 s (vitest's default is 1 s), the same as the harness's POLL.
    expect: { poll: { timeout: 30_000, interval: 100 } },
  },
});
