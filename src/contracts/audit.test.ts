import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, auditActionLabel } from "./audit.js";

const SERVER = join(import.meta.dirname, "../server");

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

/**
 * The action codes the server writes: `action: "…"` in audit entries, `audit: "…"` in lifecycle
 * steps, and the string arguments of the helpers that pass an action on (supervision's manual
 * actions, the login audit). appendAudit's type already refuses a code outside the vocabulary;
 * this scan keeps a cast or a widened helper from slipping one past it.
 */
function writtenActions(): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /\baction:\s*"([a-z_]+(?:\.[a-z_]+)+)"/g,
    /\baudit:\s*"([a-z_]+(?:\.[a-z_]+)+)"/g,
    /\bmanual\([^)]*?"([a-z_]+(?:\.[a-z_]+)+)"/g,
    /\baudit\(trx,\s*"([a-z_]+(?:\.[a-z_]+)+)"/g,
    /\?\s*"([a-z_]+(?:\.[a-z_]+)+)"\s*:\s*"([a-z_]+(?:\.[a-z_]+)+)"/g,
  ];
  for (const file of sources(SERVER)) {
    const text = readFileSync(file, "utf8");
    if (!/appendAudit|\baudit\b/.test(text)) continue;
    for (const re of patterns) {
      for (const m of text.matchAll(re)) {
        for (const code of m.slice(1)) if (code) found.add(code);
      }
    }
  }
  return found;
}

describe("audit action vocabulary", () => {
  it("gives every action a Chinese label", () => {
    expect(AUDIT_ACTIONS.length).toBeGreaterThan(40);
    for (const a of AUDIT_ACTIONS) expect(AUDIT_ACTION_LABELS[a], a).toMatch(/[\u4e00-\u9fa5]/);
  });

  it("labels every action code the server writes", () => {
    const written = writtenActions();
    // The scan itself works: it sees the lifecycle, the accounts and supervision.
    for (const known of ["appeal.dispatch", "work_order.sign", "auth.login.failed", "supervision.remind"]) {
      expect(written).toContain(known);
    }
    const unlabelled = [...written].filter((a) => !(AUDIT_ACTIONS as string[]).includes(a));
    expect(unlabelled).toEqual([]);
  });

  it("shows an unknown (older) code as is", () => {
    expect(auditActionLabel("appeal.dispatch")).toBe("分办（生成工作单）");
    expect(auditActionLabel("legacy.thing")).toBe("legacy.thing");
  });
});
