import { BlockList, isIP } from "node:net";
import type { Deps } from "../../deps.js";
import { type GaugeSample, renderGauge } from "../../lib/metrics.js";
import { unreadableValues } from "../../lib/personal-data.js";
import { countOpenAppeals } from "../appeals/index.js";
import { listCenterIds } from "../centers/index.js";
import { outboxDepths } from "../notifications/index.js";
import { countOpenItems } from "../supervision/index.js";

/**
 * GET /metrics: the instance's own counters (requests, jobs) and gauges read now — process memory,
 * outbox backlog, open appeals and open/overdue tracked limits. Every database figure is an index
 * range whose size follows what is open or waiting, never the history (docs/operations.md).
 */
export async function renderMetrics(deps: Deps): Promise<string> {
  const now = deps.clock.now();
  const mem = process.memoryUsage();
  const centerIds = await listCenterIds(deps.db);
  const [outbox, appeals, counted] = await Promise.all([
    outboxDepths(deps.db),
    countOpenAppeals(deps.db, centerIds),
    countOpenItems(deps.db, now),
  ]);
  // Every center has its series, 0 when nothing is open (an absent series is not a zero).
  const byCenter = new Map(counted.map((i) => [i.center_id, i]));
  const items = centerIds.map((id) => byCenter.get(id) ?? { center_id: id, open: 0, overdue: 0 });
  const lines = [
    "# HELP yousu_personal_data_unreadable_total Personal fields shown as 〔无法解密〕 (did not decrypt) since this process started.",
    "# TYPE yousu_personal_data_unreadable_total counter",
    `yousu_personal_data_unreadable_total ${unreadableValues()}`,
    ...renderGauge("yousu_process_resident_memory_bytes", "Resident set size of this server process.", [
      { value: mem.rss },
    ]),
    ...renderGauge("yousu_process_heap_used_bytes", "V8 heap in use.", [{ value: mem.heapUsed }]),
    ...renderGauge("yousu_process_uptime_seconds", "Seconds since this process started.", [
      { value: Math.round(process.uptime()) },
    ]),
    ...renderGauge(
      "yousu_outbox_messages",
      "Notifications waiting (pending) or being sent, by channel (sms, call).",
      outbox.map((o) => ({ labels: { channel: o.channel, status: o.status }, value: o.count })),
    ),
    ...renderGauge(
      "yousu_outbox_oldest_due_seconds",
      "Age of the oldest pending notification's due time (0 when none is late): the delivery lag.",
      outbox
        .filter((o) => o.status === "pending")
        .map((o) => ({
          labels: { channel: o.channel },
          value: o.oldest ? Math.max(0, (now.getTime() - o.oldest.getTime()) / 1000) : 0,
        })),
    ),
    ...renderGauge(
      "yousu_appeals_open",
      "Appeals not yet finished, by center and status.",
      appeals.map((a) => ({ labels: { center: a.center_id, status: a.status }, value: a.count })),
    ),
    ...renderGauge(
      "yousu_tracked_limits_open",
      "Open limits on the supervision register (跟踪到底), by center.",
      items.map((i): GaugeSample => ({ labels: { center: i.center_id }, value: i.open })),
    ),
    ...renderGauge(
      "yousu_tracked_limits_overdue",
      "Open limits past their due time (超期), by center.",
      items.map((i): GaugeSample => ({ labels: { center: i.center_id }, value: i.overdue })),
    ),
    ...replicaGauges(deps),
    ...deps.metrics.render(),
  ];
  return `${lines.join("\n")}\n`;
}

/** The read replica's state at its last check (only with DATABASE_REPLICA_URL). */
function replicaGauges(deps: Deps): string[] {
  const r = deps.replica;
  if (!r) return [];
  const s = r.state;
  return [
    ...renderGauge(
      "yousu_db_replica_in_use",
      "1 while replica-eligible reads go to the standby, 0 while they fall back to the primary.",
      [{ value: s.route === "replica" ? 1 : 0 }],
    ),
    ...renderGauge(
      "yousu_db_replica_lag_seconds",
      "The standby's replay lag at its last check (absent while it is unreachable).",
      s.lagSeconds === null ? [] : [{ value: s.lagSeconds }],
    ),
  ];
}

/** The allow-list of YOUSU_METRICS_ALLOW as a matcher of client addresses. */
export function addressMatcher(entries: string[]): (ip: string) => boolean {
  const list = new BlockList();
  for (const e of entries) {
    const [addr, bits] = e.split("/") as [string, string | undefined];
    const type = isIP(addr) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return (ip: string) => {
    // An IPv4 client on a dual-stack socket appears as ::ffff:a.b.c.d.
    const plain = ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
    const family = isIP(plain);
    if (family === 0) return false;
    return list.check(plain, family === 6 ? "ipv6" : "ipv4");
  };
}
