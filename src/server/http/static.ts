import { existsSync } from "node:fs";
import { join, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** Files under assets/ carry a content hash in their name (vite build): they never change. */
const HASHED = "public, max-age=31536000, immutable";
/** Pages and other unhashed files: the browser may keep them but asks before each use (ETag → 304). */
const REVALIDATE = "no-cache";

const PORTAL_PATH = /^\/portal(?:[/?]|$)/;

/**
 * The built web app (`vite build` → `webDir`) and the application's answer for unknown URLs.
 *
 * Files are sent as built: `vite build` writes a brotli and a gzip copy beside every text file
 * worth compressing (vite.config.ts), and the copy the browser accepts is sent instead of the file
 * (`preCompressed`); nothing is compressed per request, and JSON API responses are not compressed.
 * Hashed files under /assets/ are cached for a year; index.html, portal.html and the rest are
 * revalidated on every use, so a new release is picked up at the next page load.
 *
 * Unknown URLs: /api/*, /assets/* (e.g. a chunk of a previous release), non-GET requests and
 * everything when no web build exists answer a JSON 404. Any other GET is a client-side route of
 * a single-page app: /portal and /portal/* get portal.html, the rest index.html.
 */
export async function registerWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const hasWeb = existsSync(join(webDir, "index.html"));
  if (hasWeb) {
    const assetsDir = join(webDir, "assets") + sep;
    await app.register(fastifyStatic, {
      root: webDir,
      // One route per file found at start-up (none for the compressed copies, found beside them).
      wildcard: false,
      globIgnore: ["**/*.br", "**/*.gz"],
      index: false,
      preCompressed: true,
      cacheControl: false,
      // Also applies to reply.sendFile below. `path` is the file sent (maybe its .br/.gz copy).
      setHeaders(res, path) {
        res.setHeader("cache-control", path.startsWith(assetsDir) ? HASHED : REVALIDATE);
        res.setHeader("vary", "accept-encoding");
      },
    });
  }

  app.setNotFoundHandler((req, reply) => {
    if (!hasWeb || req.method !== "GET" || req.url.startsWith("/api/") || req.url.startsWith("/assets/")) {
      return reply
        .status(404)
        .send({ error: { code: "NOT_FOUND", message: "接口或页面不存在", details: [] } });
    }
    // The public portal is its own page (no staff console code); its client router takes /portal/*.
    return reply.sendFile(PORTAL_PATH.test(req.url) ? "portal.html" : "index.html");
  });
}
