import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const page = (name: string) => fileURLToPath(new URL(`src/web/${name}`, import.meta.url));

/** `vite dev`: /portal and /portal/* are the public portal's page, as the server does in production. */
const portalDevFallback: Plugin = {
  name: "yousu-portal-dev-fallback",
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.url && /^\/portal(?:[/?]|$)/.test(req.url)) req.url = "/portal.html";
      next();
    });
  },
};

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * `vite build`: writes `file.br` (brotli, quality 11) and `file.gz` (gzip -9) beside every text
 * file of 1 kB or more, once, at build time; the server sends them as they are to browsers that
 * accept them (src/server/http/static.ts), so no request pays for compression.
 */
const precompress: Plugin = {
  name: "yousu-precompress",
  apply: "build",
  async writeBundle(options, bundle) {
    const dir = options.dir;
    if (!dir) return;
    const files = Object.keys(bundle).filter((f) => /\.(?:js|css|html|svg|json|txt)$/.test(f));
    await Promise.all(
      files.map(async (file) => {
        const path = join(dir, file);
        const raw = await readFile(path);
        if (raw.length < 1024) return;
        const [br, gz] = await Promise.all([
          brotliAsync(raw, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 11,
              [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            },
          }),
          gzipAsync(raw, { level: 9 }),
        ]);
        // A variant that does not save anything is left out; the server then sends the file itself.
        if (br.length < raw.length) await writeFile(`${path}.br`, br);
        if (gz.length < raw.length) await writeFile(`${path}.gz`, gz);
      }),
    );
  },
};

const lib = (names: string) => new RegExp(`[\\\\/]node_modules[\\\\/](${names})[\\\\/]`);

/**
 * Vendor chunks (Rolldown's output.codeSplitting groups; higher priority picks first). Library code
 * changes only with a dependency upgrade, so these files keep their hash — and their place in
 * browsers' caches — across releases. "$initial" limits a group to what the console's entry
 * imports statically; library code that only lazily loaded pages use (antd's Table, DatePicker, …)
 * is left to automatic splitting and arrives with the first page that needs it.
 */
const VENDOR_CHUNKS = [
  // Shared by both pages; the portal loads nothing else from node_modules (and never antd).
  { name: "react", test: lib("react|react-dom|scheduler"), priority: 30 },
  // The supervision board's chart only (already behind React.lazy in BoardTab).
  { name: "echarts", test: lib("echarts|zrender|tslib"), priority: 20 },
  // antd as far as the entry needs it: theme and locale, the frame (layout, menu), spinner, result.
  {
    name: "antd",
    test: lib("antd|@ant-design|@rc-component|rc-[^\\\\/]+"),
    tags: ["$initial" as const],
    priority: 10,
  },
  // The rest of the start-up libraries: router, query cache, zod, dayjs.
  { name: "vendor", test: /[\\/]node_modules[\\/]/, tags: ["$initial" as const], priority: 9 },
];

export default defineConfig({
  root: "src/web",
  plugins: [react(), portalDevFallback, precompress],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    // Two pages: the staff console (antd) and the public portal (plain React, small for phones).
    rolldownOptions: {
      input: { index: page("index.html"), portal: page("portal.html") },
      // Each console page is a chunk of its own (React.lazy in routes.tsx).
      output: { codeSplitting: { groups: VENDOR_CHUNKS } },
    },
  },
  // `npm run dev`: the API listens on PORT (default 8080), as `npm start` does; this dev server on
  // VITE_PORT (default 5173) proxies /api to it.
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    proxy: { "/api": `http://localhost:${process.env.PORT ?? 8080}` },
  },
});
