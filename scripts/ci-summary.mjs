// Sums Vitest JSON reports (written by .ci/run) into one closing line that any CI
// log reader understands: "Total: N passed, N failed, N skipped".
//   node scripts/ci-summary.mjs label=path.json [label=path.json …]
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
for (const arg of process.argv.slice(2)) {
  const [label, path] = arg.includes("=") ? arg.split("=", 2) : [arg, arg];
  if (!existsSync(path)) {
    console.log(`${label}: no report (${path})`);
    failed++;
    continue;
  }
  const r = JSON.parse(readFileSync(path, "utf8"));
  const s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A file that failed to load has no tests but counts as a failed suite.
  const f = r.numFailedTests + (r.numFailedTests === 0 && !r.success ? 1 : 0);
  console.log(
    `${label}: ${r.numPassedTests} passed, ${f} failed, ${s} skipped (${r.testResults.length} files)`,
  );
  passed += r.numPassedTests;
  failed += f;
  skipped += s;
}
console.log(`Total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exitCode = 1;
