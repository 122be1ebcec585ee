import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Written into a finished template (template.ts) and left out of its copies. */
export const TEMPLATE_MARKER = "yousu-template.json";

/** True when `dataDir` holds no cluster yet (PGlite decides the same way: by PG_VERSION). */
export function needsCluster(dataDir: string): boolean {
  return !existsSync(join(dataDir, "PG_VERSION"));
}

/**
 * Fills `dataDir` (which must hold no cluster) from a template. PG_VERSION, which tells PGlite that
 * a cluster is there, is copied last: a copy cut short (a crash) is redone by the next start.
 */
export function copyTemplate(template: string, dataDir: string): void {
  const walk = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const e of readdirSync(from, { withFileTypes: true })) {
      if (from === template && (e.name === TEMPLATE_MARKER || e.name === "PG_VERSION")) continue;
      if (e.isDirectory()) walk(join(from, e.name), join(to, e.name));
      else copyFileSync(join(from, e.name), join(to, e.name));
    }
  };
  walk(template, dataDir);
  copyFileSync(join(template, "PG_VERSION"), join(dataDir, "PG_VERSION"));
}
