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

export default defineConfig({
  root: "src/web",
  plugins: [react(), portalDevFallback],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // Two pages: the staff console (antd) and the public portal (plain React, small for phones).
    rollupOptions: {
      input: { index: page("index.html"), portal: page("portal.html") },
    },
  },
  server: {
    port: 5173,
    proxy: { "/api": "http://localhost:8080" },
  },
});
