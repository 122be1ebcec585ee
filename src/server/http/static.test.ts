import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../test/app.js";

/**
 * Serving the built web app (static.ts) from a tiny fake build: one hashed script with its
 * brotli and gzip copies, one hashed stylesheet without copies, and the two pages.
 */
const webDir = mkdtempSync(join(tmpdir(), "yousu-web-"));
const SCRIPT = `console.log(${JSON.stringify("有诉即办 ".repeat(200))});\n`;
const INDEX = '<!doctype html><html lang="zh-CN"><body><div id="root"></div></body></html>\n';
const PORTAL = '<!doctype html><html lang="zh-CN"><body><div id="portal-root"></div></body></html>\n';
mkdirSync(join(webDir, "assets"));
writeFileSync(join(webDir, "index.html"), INDEX);
writeFileSync(join(webDir, "portal.html"), PORTAL);
writeFileSync(join(webDir, "assets/app-abc123.js"), SCRIPT);
writeFileSync(join(webDir, "assets/app-abc123.js.br"), brotliCompressSync(SCRIPT));
writeFileSync(join(webDir, "assets/app-abc123.js.gz"), gzipSync(SCRIPT));
writeFileSync(join(webDir, "assets/small-def456.css"), "body{margin:0}\n");

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ config: { webDir } });
afterAll(() => rmSync(webDir, { recursive: true, force: true }));

const IMMUTABLE = "public, max-age=31536000, immutable";
const get = (url: string, encoding?: string) =>
  call(ctx.app, "GET", url, { headers: encoding ? { "accept-encoding": encoding } : {} });

describe("hashed assets", () => {
  it("sends the brotli copy to a browser that accepts br, cached for a year", async () => {
    const { status, res } = await get("/assets/app-abc123.js", "gzip, deflate, br");
    expect(status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toMatch(/^(text|application)\/javascript/);
    expect(res.headers["cache-control"]).toBe(IMMUTABLE);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(res.headers["content-length"])).toBe(res.rawPayload.length);
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT));
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it("sends the gzip copy when br is not accepted", async () => {
    const { res } = await get("/assets/app-abc123.js", "gzip");
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers["cache-control"]).toBe(IMMUTABLE);
    expect(gunzipSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it("sends the file itself without Accept-Encoding, or when it has no compressed copy", async () => {
    const plain = await get("/assets/app-abc123.js");
    expect(plain.res.headers["content-encoding"]).toBeUndefined();
    expect(plain.res.body).toBe(SCRIPT);
    expect(plain.res.headers["cache-control"]).toBe(IMMUTABLE);

    const css = await get("/assets/small-def456.css", "br, gzip");
    expect(css.status).toBe(200);
    expect(css.res.headers["content-encoding"]).toBeUndefined();
    expect(css.res.headers["content-type"]).toMatch(/^text\/css/);
    expect(css.res.headers["cache-control"]).toBe(IMMUTABLE);
    expect(css.res.body).toBe("body{margin:0}\n");
  });

  it("answers a missing asset (a chunk of an earlier release) with 404, not the page", async () => {
    const { status, body } = await get("/assets/app-old999.js", "br");
    expect(status).toBe(404);
    expect(body.error.code).toBe("NOT_FOUND");
  });

  it("does not serve the compressed copies under their own names", async () => {
    expect((await get("/assets/app-abc123.js.br")).status).toBe(404);
  });
});

describe("pages", () => {
  it("index.html is revalidated on every use", async () => {
    const { status, res } = await get("/index.html", "br");
    expect(status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.headers["cache-control"]).toBe("no-cache");
    expect(res.body).toBe(INDEX);
  });

  it("client-side routes get index.html (portal.html under /portal), not cached", async () => {
    for (const url of ["/", "/appeals/42", "/admin/users?page=2"]) {
      const { status, res } = await get(url, "gzip, br");
      expect(status, url).toBe(200);
      expect(res.headers["content-type"], url).toMatch(/^text\/html/);
      expect(res.headers["cache-control"], url).toBe("no-cache");
      expect(res.body, url).toBe(INDEX);
    }
    for (const url of ["/portal", "/portal/track", "/portal?x=1"]) {
      const { status, res } = await get(url);
      expect(status, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe("no-cache");
      expect(res.body, url).toBe(PORTAL);
    }
  });
});

describe("API", () => {
  it("unknown /api paths and non-GET requests answer a JSON 404", async () => {
    for (const [method, url] of [
      ["GET", "/api/nope"],
      ["GET", "/api/v1/nothing-here?x=1"],
      ["POST", "/appeals"],
    ] as const) {
      const { status, body, res } = await call(ctx.app, method, url, {
        body: method === "POST" ? {} : undefined,
      });
      expect(status, url).toBe(404);
      expect(res.headers["content-type"], url).toMatch(/^application\/json/);
      expect(body, url).toEqual({ error: { code: "NOT_FOUND", message: "接口或页面不存在", details: [] } });
    }
  });

  it("JSON responses are not compressed or cached as assets", async () => {
    const { status, res } = await get("/api/health", "br, gzip");
    expect(status).toBe(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers["cache-control"]).not.toBe(IMMUTABLE);
  });
});
