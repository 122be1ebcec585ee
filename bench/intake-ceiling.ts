import { execFile } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { encryptField } from "../src/server/lib/personal-data.js";
import { type NewAppeal, sealRequesterFields } from "../src/server/modules/appeals/index.js";

const exec = promisify(execFile);

/**
 * PostgreSQL's own ceiling for intake: pgbench committing the rows of one intake (the appeal, its
 * timeline event, the receipt SMS), one transaction each, with the requester fields sealed as the
 * repositories seal them (the key ring must be installed first). Center 1 must exist.
 */
export const pgbenchScript = () => {
  const r = sealRequesterFields({
    requester_name: "压测群众",
    phone: "13900000000",
    address: "城关镇人民路1号",
  } as NewAppeal);
  return `\\set n random(1, 2000000000)
BEGIN;
INSERT INTO appeals (center_id, tracking_no, query_code, channel, type, status, requester_kind, requester_name,
  phone, phone_bidx, name_bidx, address, content, received_at, recorded_at, search_tokens, created_at, updated_at)
VALUES (1, 'PGB-' || :client_id || '-' || :n || '-' || txid_current(), '123456', 'onsite', 'inquiry', 'received',
  'person', '${r.requester_name}',
  '${r.phone}', '${r.phone_bidx}', '${r.name_bidx}',
  '${r.address}',
  '我想咨询办理营业执照需要准备哪些材料，窗口说材料不全但没有一次性告知。', now(), now(),
  '营业执照 材料 窗口 一次性 告知', now(), now()) RETURNING id \\gset
INSERT INTO appeal_events (center_id, appeal_id, at, actor_name, actor_kind, type, details)
VALUES (1, :id, now(), '压测坐席', 'user', 'received', '{}');
INSERT INTO notification_outbox (center_id, appeal_id, kind, recipient_phone, text, dedupe_key, next_attempt_at, created_at)
VALUES (1, :id, 'appeal.received', '${encryptField("13900000000", "notification_outbox.recipient_phone")}', '您的诉求已受理', 'pgbench:' || :id, now(), now());
END;
`;
};

/** pgbench's commit rate (tx/s) of the intake's rows on `url`; throws when pgbench is missing. */
export async function intakeCeiling(url: string, clients: number, seconds: number): Promise<number> {
  const script = join(tmpdir(), `yousu-intake-${process.pid}.pgbench.sql`);
  writeFileSync(script, pgbenchScript());
  try {
    const { stdout } = await exec("pgbench", [
      "-n",
      "-c",
      String(clients),
      "-j",
      "2",
      "-T",
      String(seconds),
      "-f",
      script,
      url,
    ]);
    return Number(/tps = ([\d.]+)/.exec(stdout)?.[1] ?? 0);
  } finally {
    rmSync(script, { force: true });
  }
}
