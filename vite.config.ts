import { fileURLToPath } from "node:url";
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
  plugins: [react(), portalDevFallback],
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
  server: {
    port: 5173,
    proxy: { "/api": "http://localhost:8080" },
  },
});
