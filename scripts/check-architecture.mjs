#!/usr/bin/env node
// Architecture rules, checked on every `npm run lint` (ADR 0009):
//   1. a server module (src/server/modules/<m>/) is a room with a door: code outside the module
//      imports only its index.ts, never its other files;
//   2. no two modules depend on each other, directly or through a longer cycle;
//   3. src/core (pure domain) imports only core and contracts; src/contracts imports only contracts;
//   4. src/web never imports server code;
//   5. one owner per table (OWNERS below): only the owner writes it; another module may read it in
//      its repositories only if it depends on the owner (imports its door), so no data coupling
//      hides from the module graph;
//   6. SQL only in repositories: query building lives in data/ folders, *.repository.ts or *.search.ts
//      files, src/server/db and src/server/lib (platform tables such as idempotency_keys).
// Prints the measures of issue 9 with --report.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const root = resolve(dirname(new URL(import.meta.url).pathname), "..");
const modulesDir = join(root, "src/server/modules");
const report = process.argv.includes("--report");

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mts|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

const files = [...walk(join(root, "src")), ...walk(join(root, "test")), ...walk(join(root, "bench"))];
const importRe = /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function moduleOf(file) {
  const rel = relative(modulesDir, file);
  if (rel.startsWith("..") || !rel.includes(sep)) return null;
  return rel.split(sep)[0];
}

function resolveImport(from, spec) {
  if (!spec.startsWith(".")) return null;
  let target = resolve(dirname(from), spec);
  target = target.replace(/\.js$/, ".ts").replace(/\.jsx$/, ".tsx");
  return target;
}

/** Which module owns which table (writes it, defines what its rows mean). */
const OWNERS = {
  accounts: [
    "users",
    "sessions",
    "login_failures",
    "user_mfa",
    "user_recovery_codes",
    "center_security_settings",
  ],
  audit: ["audit_log", "audit_seals", "audit_archives"],
  calendar: ["calendar_days", "calendar_years", "time_limit_policies"],
  centers: ["centers"],
  departments: ["departments"],
  "integration-tokens": ["integration_tokens"],
  notifications: ["notification_outbox", "notification_outbox_keys", "sms_messages", "staff_notifications"],
  appeals: [
    "appeals",
    "appeal_events",
    "appeal_links",
    "tracking_counters",
    "work_orders",
    "work_order_assignments",
    "work_order_counters",
    "extension_requests",
    "plans",
    "plan_milestones",
    "appeal_transfers",
  ],
  supervision: ["supervision_timers", "supervision_items", "supervision_records", "supervision_counters"],
  assist: ["assist_models"],
  results: [
    "ratings",
    "follow_ups",
    "rectifications",
    "result_appeal_marks",
    "stats_daily",
    "assessment_weights",
    "assessment_publications",
    "follow_up_duties",
    "stats_facts",
    "appeal_terms_daily",
    "stats_daily_delta",
    "appeal_terms_delta",
  ],
  knowledge: ["knowledge_articles", "knowledge_article_versions", "knowledge_synonyms"],
  categories: ["categories"],
};
const ownerOf = new Map(Object.entries(OWNERS).flatMap(([m, ts]) => ts.map((t) => [t, m])));
const writeRe =
  /(?:insertInto|updateTable|deleteFrom)\(\s*"([a-z_]+)|\b(?:insert\s+into|update|delete\s+from)\s+([a-z_]+)\b/g;
const readRe =
  /(?:selectFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*"([a-z_]+)|\b(?:from|join)\s+([a-z_]+)\b/g;
const sqlRe = /\bsql\s*(?:<[^>]*>)?`|\.(?:selectFrom|insertInto|updateTable|deleteFrom)\(/;
const isRepository = (rel) =>
  /\.(repository|search)\.ts$/.test(rel) ||
  rel.includes(`${sep}data${sep}`) ||
  rel.startsWith(`src${sep}server${sep}db${sep}`) ||
  rel.startsWith(`src${sep}server${sep}lib${sep}`);

const violations = [];
const tableReads = [];
const moduleDeps = new Map();
let deepImports = 0;
for (const file of files) {
  const text = readFileSync(file, "utf8");
  const fromModule = moduleOf(file);
  const relFile = relative(root, file);
  const isTest =
    /\.test\.tsx?$/.test(file) || relFile.startsWith(`test${sep}`) || relFile.startsWith(`bench${sep}`);
  if (!isTest && relFile.startsWith(`src${sep}server${sep}`)) {
    if (sqlRe.test(text) && !isRepository(relFile)) {
      violations.push(
        `${relFile}: builds SQL outside a repository (move it to the module's data/ or *.repository.ts)`,
      );
    }
    if (fromModule) {
      // Comments are prose ("from appeals"): only code counts.
      const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
      for (const m of code.matchAll(writeRe)) {
        const table = m[1] ?? m[2];
        const owner = ownerOf.get(table);
        if (owner && owner !== fromModule) {
          violations.push(
            `${relFile}: writes table ${table}, owned by ${owner} (call ${owner}'s index instead)`,
          );
        }
      }
      for (const m of code.matchAll(readRe)) {
        const table = m[1] ?? m[2];
        const owner = ownerOf.get(table);
        if (owner && owner !== fromModule) tableReads.push({ relFile, fromModule, table, owner });
      }
    }
  }
  for (const m of text.matchAll(importRe)) {
    const spec = m[1] ?? m[2];
    const target = resolveImport(file, spec);
    if (!target) continue;
    const relTarget = relative(root, target);
    const toModule = moduleOf(target);
    const inside = (f, dir) => f.startsWith(`src${sep}${dir}${sep}`);
    if (inside(relFile, "core") && !inside(relTarget, "core") && !inside(relTarget, "contracts")) {
      violations.push(`${relFile}: the core imports ${spec} (core is pure: only core and contracts)`);
    }
    if (inside(relFile, "contracts") && !inside(relTarget, "contracts")) {
      violations.push(`${relFile}: contracts import ${spec} (contracts depend on nothing but zod)`);
    }
    if (inside(relFile, "web") && inside(relTarget, "server")) {
      violations.push(`${relFile}: the web imports server code ${spec}`);
    }
    if (toModule && toModule !== fromModule) {
      const isDoor = relative(join(modulesDir, toModule), target) === "index.ts";
      if (!isDoor) {
        deepImports++;
        violations.push(`${relFile}: imports ${spec}; import from ../${toModule}/index.js instead`);
      }
      // Tests are leaves (nothing imports them), so they take no part in module cycles.
      if (fromModule && !/\.test\.tsx?$/.test(file)) {
        if (!moduleDeps.has(fromModule)) moduleDeps.set(fromModule, new Set());
        moduleDeps.get(fromModule).add(toModule);
      }
    }
  }
}

for (const r of tableReads) {
  if (!moduleDeps.get(r.fromModule)?.has(r.owner)) {
    violations.push(
      `${r.relFile}: reads table ${r.table} of ${r.owner}, a module ${r.fromModule} does not depend on (use an event or move the query to ${r.owner})`,
    );
  }
}

// Mutual pairs and longer cycles between modules (production and test code alike).
const pairs = [];
for (const [a, deps] of moduleDeps)
  for (const b of deps) if (a < b && moduleDeps.get(b)?.has(a)) pairs.push(`${a}↔${b}`);
const cycles = [];
const state = new Map();
const stack = [];
function dfs(m) {
  state.set(m, 1);
  stack.push(m);
  for (const d of moduleDeps.get(m) ?? []) {
    if (state.get(d) === 1) cycles.push([...stack.slice(stack.indexOf(d)), d].join(" → "));
    else if (!state.get(d)) dfs(d);
  }
  stack.pop();
  state.set(m, 2);
}
for (const m of moduleDeps.keys()) if (!state.get(m)) dfs(m);
for (const c of cycles) violations.push(`module cycle: ${c}`);

if (process.argv.includes("--graph")) {
  for (const [m, deps] of [...moduleDeps].sort()) console.log(`${m} → ${[...deps].sort().join(", ")}`);
  process.exit(0);
}
if (report) {
  const srcFiles = walk(join(root, "src"));
  const long = srcFiles
    .map((f) => [relative(root, f), readFileSync(f, "utf8").split("\n").length])
    .filter(([, n]) => n > 400)
    .sort((a, b) => b[1] - a[1]);
  console.log(`cross-module deep imports: ${deepImports}`);
  console.log(`mutually importing module pairs: ${pairs.length} ${pairs.join(", ")}`);
  console.log(`module cycles: ${cycles.length}`);
  console.log(`source files over 400 lines: ${long.length}`);
  for (const [f, n] of long) console.log(`  ${n} ${f}`);
  process.exit(0);
}
if (violations.length > 0) {
  for (const v of violations) console.error(v);
  console.error(`\n${violations.length} architecture violation(s); see docs/adr/0009-module-boundaries.md`);
  process.exit(1);
}
