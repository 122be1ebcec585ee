import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../../test/db.js";
import { type App, buildApp } from "../../app.js";
import { bootstrap } from "../../bootstrap.js";
import { ManualClock } from "../../clock.js";
import { testConfig } from "../../config.js";
import type { DbHandle } from "../../db/database.js";

/**
 * pino request logs must not carry personal data or secrets: the public
 * tracking lookup sends the requester's phone and query code in the query
 * string, staff search sends free text, and every request may carry a
 * session cookie or Bearer token.
 */
let handle: DbHandle;
let app: App;
const lines: string[] = [];

beforeAll(async () => {
  handle = await createTestDb();
  const config = testConfig();
  const clock = new ManualClock("2026-03-02T09:00:00+08:00");
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  app = await buildApp({ db: handle.db, config, clock }, { logger: { level: "info", stream } });
  await bootstrap(app.deps, app.log);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe("request logging", () => {
  it("redacts phone numbers, query codes and search text in logged URLs", async () => {
    lines.length = 0;
    await app.inject({ method: "GET", url: "/api/v1/public/appeals/20260302-0001?phone=13812345678" });
    await app.inject({ method: "GET", url: "/api/v1/public/appeals/20260302-0001?queryCode=493817" });
    await app.inject({ method: "GET", url: "/api/v1/appeals?q=%E5%BC%A0%E4%B8%89%2013912345678&limit=5" });
    const log = lines.join("");
    expect(log).toContain("/api/v1/public/appeals/20260302-0001");
    expect(log).toContain("limit=5");
    expect(log).not.toContain("13812345678");
    expect(log).not.toContain("493817");
    expect(log).not.toContain("13912345678");
    expect(log).not.toContain("%E5%BC%A0");
  });

  it("never logs credentials or request bodies", async () => {
    lines.length = 0;
    await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "admin", password: "Secret#Login2026" },
      headers: { authorization: "Bearer yss_secret-bearer-token", cookie: "yousu_session=yss_cookie-secret" },
    });
    const log = lines.join("");
    expect(log).toContain("/api/v1/auth/login");
    expect(log).not.toContain("Secret#Login2026");
    expect(log).not.toContain("secret-bearer-token");
    expect(log).not.toContain("cookie-secret");
  });
});
