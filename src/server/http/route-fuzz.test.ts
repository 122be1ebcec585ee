import fc from "fast-check";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/app.js";
import { appealBody, integrationToken, recordOk } from "../../../test/appeals.js";
import { adminToken, createDepartment, createStaff } from "../../../test/factories.js";
import {
  conforming,
  type Operation,
  operationsOf,
  unstorableText,
  urlOf,
  wrongType,
} from "../../../test/fuzz.js";

/**
 * Fuzzes every operation of the route table with hostile input: wrong types,
 * huge strings, NUL bytes, unpaired surrogates, direction marks, SQL/HTML/JS
 * payloads, prototype-pollution keys. Never a 5xx; every refusal in the API.md
 * error shape; input carrying text no database can store is always a 400 and
 * writes nothing. Each request is sent by a role that passes the route's guard,
 * so the input reaches validation and, when it fits, the service.
 */
// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp();

const tokens: string[] = [];
const roleOf = new Map<string, string>();
let ops: Operation[] = [];
const tally = { requests: 0, byStatus: new Map<number, number>() };
let address = 0;
/** A user the user-management routes may change at will, so the fuzzing accounts keep their sessions. */
let victimId = "";

async function send(op: Operation, token: string | undefined, url: string, body: unknown) {
  address++;
  const res = await ctx.app.inject({
    method: op.method,
    url,
    headers: token && op.path !== "/api/v1/auth/logout" ? { authorization: `Bearer ${token}` } : {},
    // A fresh client address per request keeps the per-IP rate limits out of the way.
    remoteAddress: `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
    ...(body === undefined
      ? {}
      : {
          payload: JSON.stringify(body),
          headers: {
            ...(token && op.path !== "/api/v1/auth/logout" ? { authorization: `Bearer ${token}` } : {}),
            "content-type": "application/json",
          },
        }),
  });
  tally.requests++;
  tally.byStatus.set(res.statusCode, (tally.byStatus.get(res.statusCode) ?? 0) + 1);
  let json: unknown;
  try {
    json = res.json();
  } catch {
    json = undefined;
  }
  return {
    status: res.statusCode,
    body: json as { error?: { code: unknown; message: unknown; details: unknown } },
  };
}

function expectErrorShape(r: Awaited<ReturnType<typeof send>>, what: string) {
  expect(r.status, what).toBeLessThan(500);
  if (r.status >= 400) {
    expect(typeof r.body?.error?.code, what).toBe("string");
    expect(typeof r.body?.error?.message, what).toBe("string");
    expect(Array.isArray(r.body?.error?.details), what).toBe(true);
  }
}

async function tableCounts(): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(ctx.handle.db);
  const out: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    // sessions are touched (last seen) by every signed-in request; their count is what matters.
    const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(table_name)}`.execute(
      ctx.handle.db,
    );
    out[table_name] = Number(r.rows[0]?.n);
  }
  return out;
}

beforeAll(async () => {
  const department = await createDepartment(ctx);
  const staff = async (roles: Parameters<typeof createStaff>[1]["roles"]) =>
    (await createStaff(ctx, { roles, ...(roles[0] === "department" ? { departmentId: department.id } : {}) }))
      .token;
  tokens.push(
    await adminToken(ctx),
    await staff(["dispatcher"]),
    await staff(["window"]),
    await staff(["department"]),
    await staff(["supervisor"]),
    await staff(["leader"]),
    await staff(["auditor"]),
    await integrationToken(ctx),
  );
  // Something for ids to find.
  await recordOk(ctx, tokens[2] as string, appealBody());
  victimId = (await createStaff(ctx, { roles: ["window"] })).user.id;
  ops = operationsOf(ctx.app);
  // The first token the route's guard lets through (probed with input that cannot pass validation).
  for (const op of ops) {
    const params = Object.fromEntries(op.params.map((p) => [p.name, "0"]));
    for (const token of tokens) {
      const r = await send(op, token, urlOf(op, params, {}), op.body ? { "x\u0000": 1 } : undefined);
      if (r.status !== 401 && r.status !== 403) {
        roleOf.set(`${op.method} ${op.path}`, token);
        break;
      }
    }
  }
}, 120_000);

const slotsOf = (op: Operation) => [
  ...(op.body ? [{ kind: "body" as const, name: "" }] : []),
  ...op.params.map((p) => ({ kind: "param" as const, name: p.name })),
  ...op.query.map((p) => ({ kind: "query" as const, name: p.name })),
];

function requestArb(op: Operation) {
  // User management may only reach the victim: a numeric id could be a fuzzing account.
  const userRoute = op.path.startsWith("/api/v1/users/");
  const known = userRoute ? fc.constant(victimId) : fc.constantFrom("1", "2");
  const param = (p: Operation["params"][number]) =>
    conforming(p.schema)
      .map(String)
      .filter((v) => !userRoute || !/^\s*[+-]?\d/.test(v));
  return fc.record({
    params: fc.record(Object.fromEntries(op.params.map((p) => [p.name, fc.oneof(known, param(p))]))),
    query: fc.record(Object.fromEntries(op.query.map((p) => [p.name, conforming(p.schema)])), {
      requiredKeys: [],
    }),
    body: op.body
      ? fc.oneof({ arbitrary: conforming(op.body), weight: 5 }, { arbitrary: wrongType, weight: 1 })
      : fc.constant(undefined),
  });
}

describe("route fuzz", () => {
  it("text no database can store is refused with 400 on every operation that takes input, and writes nothing", async () => {
    const before = await tableCounts();
    let fuzzed = 0;
    for (const op of ops) {
      const slots = slotsOf(op);
      if (slots.length === 0) continue;
      fuzzed++;
      const token = roleOf.get(`${op.method} ${op.path}`) ?? tokens[0];
      await fc.assert(
        fc.asyncProperty(
          requestArb(op),
          fc.constantFrom(...slots),
          unstorableText,
          fc.string({ maxLength: 8 }),
          async (req, slot, bad, key) => {
            const params = req.params as Record<string, string>;
            const query = req.query as Record<string, unknown>;
            let body = req.body;
            // URLs carry the NUL byte; unpaired surrogates cannot be percent-encoded as text.
            const urlBad = `${bad.replace(/[\ud800-\udfff]/g, "")}\u0000`;
            if (slot.kind === "param") params[slot.name] = urlBad;
            else if (slot.kind === "query") query[slot.name] = urlBad;
            else
              body = {
                ...(body && typeof body === "object" && !Array.isArray(body) ? body : {}),
                [key || "x"]: bad,
              };
            const r = await send(op, token, urlOf(op, params, query), body);
            const what = `${op.method} ${op.path} ${slot.kind}:${slot.name} → ${String(JSON.stringify(r.body)).slice(0, 300)}`;
            expectErrorShape(r, what);
            // Huge generated values may be refused for their size first (413, 414).
            expect([400, 413, 414], what).toContain(r.status);
            if (r.status === 400) expect(r.body?.error?.code, what).toBe("VALIDATION_FAILED");
          },
        ),
        { numRuns: 6 },
      );
    }
    expect(fuzzed).toBeGreaterThan(70);
    expect(await tableCounts()).toEqual(before);
  }, 600_000);

  it("hostile input never answers 5xx and every refusal has the error shape", async () => {
    for (const op of ops) {
      const token = roleOf.get(`${op.method} ${op.path}`) ?? tokens[0];
      await fc.assert(
        fc.asyncProperty(requestArb(op), async (req) => {
          const r = await send(
            op,
            token,
            urlOf(op, req.params as Record<string, string>, req.query),
            req.body,
          );
          expectErrorShape(
            r,
            `${op.method} ${op.path} ${JSON.stringify(req).slice(0, 300)} → ${String(JSON.stringify(r.body)).slice(0, 300)}`,
          );
        }),
        { numRuns: 30 },
      );
    }
    const statuses = [...tally.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    console.log(`route fuzz: ${ops.length} operations, ${tally.requests} requests (${statuses.join(", ")})`);
  }, 900_000);
});
