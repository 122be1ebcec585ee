import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { drainOutbox } from "../src/server/jobs/outbox-worker.js";
import { RecordingSmsProvider } from "../src/server/modules/notifications/index.js";
import { call, type TestContext } from "./app.js";
import { appealBody, recordOk, windowClerk } from "./appeals.js";
import { adminToken } from "./factories.js";

/**
 * Known requesters for the "no plaintext personal data at rest" checks (issue 13): distinctive
 * phones, names, contact persons and addresses that appear nowhere else.
 */
export const KNOWN = {
  phones: ["13987650001", "13987650002", "13987650003", "021-87654321"],
  names: ["欧阳密文", "司马加密", "诸葛静默"],
  contact: "上官联系人",
  address: "保密大道九十九号",
  org: "密文科技有限公司",
};

/** Byte strings that must not occur in a raw file: each phone (ASCII), each name (UTF-8). */
export function forbiddenNeedles(): { label: string; bytes: Buffer }[] {
  return [
    ...KNOWN.phones.flatMap((p) =>
      [p, p.replace(/\D/g, "")].map((s) => ({ label: `phone ${s}`, bytes: Buffer.from(s) })),
    ),
    ...[...KNOWN.names, KNOWN.contact, KNOWN.address].map((s) => ({
      label: s,
      bytes: Buffer.from(s, "utf8"),
    })),
  ];
}

/** Every occurrence of a needle in the files under `dir` (recursively). */
export function scanDir(dir: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else hits.push(...scanBuffer(readFileSync(p), p));
    }
  };
  walk(dir);
  return hits;
}

/** Stored in plaintext on purpose (appeal content is not personal data): the scan's positive control. */
export const CONTROL_TEXT = "小区门口路灯坏了很久";

/** Whether `dir` holds the control text somewhere: proof that the scan reads the table data. */
export function dirContains(dir: string, text: string): boolean {
  const needle = Buffer.from(text, "utf8");
  const walk = (d: string): boolean =>
    readdirSync(d).some((name) => {
      const p = join(d, name);
      return statSync(p).isDirectory() ? walk(p) : readFileSync(p).includes(needle);
    });
  return walk(dir);
}

export function scanBuffer(buf: Buffer, where: string): string[] {
  return forbiddenNeedles()
    .filter((n) => buf.includes(n.bytes))
    .map((n) => `${n.label} in ${where}`);
}

/**
 * Records appeals for the known requesters through every path that stores personal data (staff
 * intake with an Idempotency-Key, an organisation with a contact person, the public portal), sends
 * the SMS (outbox → SMS log), and checks that everything that reads the data still works: masked
 * lists, exact-name search, search by phone, the audited reveal, public tracking by phone, repeat
 * hints by phone and the SMS log's search by phone.
 */
export async function recordKnownRequesters(ctx: TestContext): Promise<{ ids: string[]; token: string }> {
  const clerk = await windowClerk(ctx);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await call(ctx.app, "POST", "/api/v1/appeals", {
      token: clerk.token,
      headers: { "idempotency-key": `known-${i}-${Date.now()}` },
      body: appealBody({
        requester: { name: KNOWN.names[i], phone: KNOWN.phones[i], address: KNOWN.address },
        content: `小区门口路灯坏了很久，请尽快修理（第${i + 1}次反映）`,
      }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.push(res.body.id);
  }
  const org = await recordOk(
    ctx,
    clerk.token,
    appealBody({
      requester: {
        kind: "organization",
        name: KNOWN.names[0],
        orgName: KNOWN.org,
        contactPerson: KNOWN.contact,
        phone: KNOWN.phones[3],
        address: KNOWN.address,
      },
    }),
  );
  ids.push(org.id);
  const pub = await call(ctx.app, "POST", "/api/v1/public/appeals", {
    body: {
      channel: "portal",
      type: "complaint",
      requester: { name: KNOWN.names[1], phone: KNOWN.phones[1], address: KNOWN.address },
      content: "小区门口路灯坏了很久，晚上出行不安全，请尽快修理。",
    },
  });
  expect(pub.status, JSON.stringify(pub.body)).toBe(201);
  // Receipts of appeals taken at the window are held a few minutes before they go out.
  ctx.clock.advance(11 * 60_000);
  const sent = await drainOutbox(
    ctx.handle.db,
    ctx.clock,
    new RecordingSmsProvider(ctx.handle.db, ctx.clock),
    {
      batchSize: 100,
      maxBatches: 10,
    },
  );
  expect(sent.sent).toBeGreaterThan(0);
  await expectReadsWork(ctx, clerk.token, ids, pub.body.trackingNo);
  return { ids, token: clerk.token };
}

export async function expectReadsWork(ctx: TestContext, token: string, ids: string[], trackingNo?: string) {
  const detail = await call(ctx.app, "GET", `/api/v1/appeals/${ids[0]}`, { token });
  expect(detail.status).toBe(200);
  expect(detail.body.requester).toMatchObject({
    name: KNOWN.names[0],
    phone: "139****0001",
    address: KNOWN.address,
  });
  const byName = await call(
    ctx.app,
    "GET",
    `/api/v1/appeals?q=${encodeURIComponent(KNOWN.names[0]!)}&limit=50`,
    {
      token,
    },
  );
  expect(byName.body.items.map((x: { id: string }) => x.id).sort()).toEqual([ids[0], ids[3]].sort());
  const byPhone = await call(ctx.app, "GET", `/api/v1/appeals?q=139-8765-0002&limit=50`, { token });
  expect(byPhone.body.items.map((x: { requester: { phone: string } }) => x.requester.phone)).toContain(
    "139****0002",
  );
  const reveal = await call(ctx.app, "POST", `/api/v1/appeals/${ids[3]}/reveal-phone`, {
    token,
    body: { reason: "回访诉求人核实情况" },
  });
  expect(reveal.status, JSON.stringify(reveal.body)).toBe(200);
  expect(reveal.body.phone).toBe(KNOWN.phones[3]);
  const hints = await call(ctx.app, "POST", "/api/v1/intake/hints", {
    token,
    body: { phone: KNOWN.phones[2], content: "小区门口路灯坏了很久，请尽快修理" },
  });
  expect(hints.status, JSON.stringify(hints.body)).toBe(200);
  expect(hints.body.possibleRepeats.map((r: { id: string }) => r.id)).toContain(ids[2]);
  if (trackingNo) {
    const track = await call(ctx.app, "GET", `/api/v1/public/appeals/${trackingNo}?phone=${KNOWN.phones[1]}`);
    expect(track.status, JSON.stringify(track.body)).toBe(200);
  }
  const sms = await call(ctx.app, "GET", `/api/v1/sms-messages?phone=${KNOWN.phones[0]}&limit=10`, {
    token: await adminToken(ctx),
  });
  expect(sms.status, JSON.stringify(sms.body)).toBe(200);
  expect(sms.body.items.map((m: { phone: string }) => m.phone)).toEqual(["139****0001"]);
}
