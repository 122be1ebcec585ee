#!/usr/bin/env node
// Fails when an installed package declares an `engines.node` range that excludes the Node.js
// versions Yousu supports (the root package.json's `engines.node`, checked at its lowest version,
// and the Node.js running this script). Run by .ci/run after `npm ci`; run it by hand after
// changing a dependency:   node scripts/check-engines.mjs
// npm itself only warns (EBADENGINE) and installs anyway, so without this check a dependency
// bump can silently require a newer Node.js than the README promises.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
const semver = require("semver");

const own = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const supported = own.engines?.node;
if (!supported) {
  console.error("package.json has no engines.node: nothing to check against");
  process.exit(1);
}
const targets = [...new Set([semver.minVersion(supported).version, process.versions.node])];

/** Every installed package directory (node_modules/<name>, node_modules/@scope/<name>, nested too). */
function packages(dir, out = []) {
  const nm = join(dir, "node_modules");
  if (!existsSync(nm)) return out;
  for (const entry of readdirSync(nm, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    if (!entry.isDirectory() && !entry.isSymbolicLink()) continue;
    const dirs = entry.name.startsWith("@")
      ? readdirSync(join(nm, entry.name), { withFileTypes: true })
          .filter((e) => e.isDirectory() || e.isSymbolicLink())
          .map((e) => join(nm, entry.name, e.name))
      : [join(nm, entry.name)];
    for (const d of dirs) {
      if (existsSync(join(d, "package.json"))) out.push(d);
      packages(d, out);
    }
  }
  return out;
}

const problems = [];
let checked = 0;
for (const dir of packages(root)) {
  let pkg;
  try {
    pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  } catch {
    continue;
  }
  checked++;
  const range = typeof pkg.engines === "object" ? pkg.engines?.node : undefined;
  if (typeof range !== "string" || range.trim() === "") continue;
  if (!semver.validRange(range)) {
    problems.push(`${relative(root, dir)} (${pkg.name}@${pkg.version}): unparsable engines.node "${range}"`);
    continue;
  }
  const excluded = targets.filter((v) => !semver.satisfies(v, range));
  if (excluded.length > 0) {
    problems.push(
      `${relative(root, dir)} (${pkg.name}@${pkg.version}) requires node "${range}", excluding ${excluded.join(", ")}`,
    );
  }
}

if (problems.length > 0) {
  console.error(`engines check: ${problems.length} package(s) exclude Node.js ${targets.join(" / ")}:`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(
  `engines check: ${checked} packages, all accept Node.js ${targets.join(" and ")} (engines.node "${supported}")`,
);
