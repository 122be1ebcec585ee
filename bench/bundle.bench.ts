import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, type Rolldown } from "vite";
import type { BenchOptions, BenchRow } from "./run.js";

/**
 * Size of the web build: one production build in memory (vite.config.ts, nothing written), then
 * per JS chunk its raw size (as Vite reports it, 1 kB = 1000 bytes), gzip -9 and brotli q11, and
 * what a first visit loads: the console's entry with its static imports plus the lazily loaded
 * login page (and what it imports), and the public portal. Standalone it also prints every chunk:
 *   npx tsx bench/bundle.bench.ts
 */

type Chunk = Rolldown.OutputChunk;

interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

function sizes(code: string): Sizes {
  const buf = Buffer.from(code);
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function sum(list: Sizes[]): Sizes {
  return list.reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}

export interface BundleReport {
  chunks: Array<{ file: string } & Sizes>;
  largest: { file: string } & Sizes;
  total: Sizes;
  loginFirstLoad: Sizes & { files: string[] };
  portalFirstLoad: Sizes & { files: string[] };
}

export async function measureBundle(): Promise<BundleReport> {
  const result = await build({ logLevel: "silent", build: { write: false } });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = outputs.flatMap((o) => o.output.filter((f): f is Chunk => f.type === "chunk"));
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const measured = new Map(chunks.map((c) => [c.fileName, sizes(c.code)]));

  /** A chunk and everything it imports statically (what the browser fetches before running it). */
  const closure = (start: Chunk[]): Set<string> => {
    const seen = new Set<string>();
    const visit = (c: Chunk) => {
      if (seen.has(c.fileName)) return;
      seen.add(c.fileName);
      for (const f of c.imports) {
        const dep = byFile.get(f);
        if (dep) visit(dep);
      }
    };
    start.forEach(visit);
    return seen;
  };
  const entry = (html: string) => {
    const c = chunks.find((x) => x.isEntry && x.facadeModuleId?.endsWith(`/src/web/${html}`));
    if (!c) throw new Error(`no entry chunk for ${html}`);
    return c;
  };
  const withModule = (suffix: string) => {
    const c = chunks.find((x) => x.moduleIds.some((id) => id.endsWith(suffix)));
    if (!c) throw new Error(`no chunk holds ${suffix}`);
    return c;
  };
  const load = (files: Set<string>) => ({
    ...sum([...files].map((f) => measured.get(f)!)),
    files: [...files],
  });

  const table = chunks
    .map((c) => ({ file: c.fileName, ...measured.get(c.fileName)! }))
    .sort((a, b) => b.raw - a.raw);
  return {
    chunks: table,
    largest: table[0]!,
    total: sum(table),
    loginFirstLoad: load(closure([entry("index.html"), withModule("/pages/login/LoginPage.tsx")])),
    portalFirstLoad: load(closure([entry("portal.html")])),
  };
}

const kB = (n: number) => Number((n / 1000).toFixed(1));

export async function run(_opts: BenchOptions): Promise<BenchRow[]> {
  const r = await measureBundle();
  const rows = (name: string, s: Sizes, note?: string): BenchRow[] => [
    { name: `${name}, raw`, value: kB(s.raw), unit: "kB", ...(note ? { note } : {}) },
    { name: `${name}, gzip`, value: kB(s.gzip), unit: "kB" },
    { name: `${name}, brotli`, value: kB(s.brotli), unit: "kB" },
  ];
  return [
    ...rows("largest JS chunk", r.largest, r.largest.file),
    ...rows("all JS", r.total, `${r.chunks.length} chunks`),
    ...rows("console first load (login page)", r.loginFirstLoad, `${r.loginFirstLoad.files.length} files`),
    ...rows("portal first load", r.portalFirstLoad, `${r.portalFirstLoad.files.length} files`),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await measureBundle();
  const line = (file: string, s: Sizes) =>
    `${file.padEnd(44)} ${kB(s.raw).toFixed(1).padStart(9)} ${kB(s.gzip).toFixed(1).padStart(8)} ${kB(s.brotli).toFixed(1).padStart(8)}`;
  console.log(
    `${"chunk (kB)".padEnd(44)} ${"raw".padStart(9)} ${"gzip".padStart(8)} ${"brotli".padStart(8)}`,
  );
  for (const c of r.chunks) console.log(line(c.file, c));
  console.log(line("all JS", r.total));
  console.log(line("login first load", r.loginFirstLoad), `  ${r.loginFirstLoad.files.join(" ")}`);
  console.log(line("portal first load", r.portalFirstLoad), `  ${r.portalFirstLoad.files.join(" ")}`);
}
