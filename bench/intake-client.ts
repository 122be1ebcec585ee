import { pathToFileURL } from "node:url";

/**
 * The load client of bench/intake.bench.ts, run in a process of its own so that the HTTP client's
 * CPU (undici, JSON) is not taken from the server it measures. It reads one JSON line on stdin
 * (the job), posts the intakes at a fixed concurrency over keep-alive connections and writes one
 * JSON line on stdout: the latencies in milliseconds, the failures, the wall time and its own CPU.
 *   (spawned by bench/intake.bench.ts; not meant to be run by hand)
 */

export interface ClientJob {
  base: string;
  token: string;
  /** Body indexes [from, to): each client takes the next one until none is left. */
  from: number;
  to: number;
  concurrency: number;
}

export interface ClientResult {
  latencies: number[];
  failures: number;
  firstFailure: string | null;
  seconds: number;
  cpuMs: number;
}

const CONTENTS = [
  "我想咨询办理营业执照需要准备哪些材料，窗口说材料不全但没有一次性告知。",
  "社保卡补办等了两个星期还没有消息，希望尽快处理。",
  "建议在大厅增加老年人专用窗口和休息座椅。",
  "不动产登记窗口排队时间太长，上午十点取号下午才办上。",
  "企业开办一网通办系统上传材料总是失败，请帮忙协调。",
];

/** The body of intake number i: on-site and phone alternating, the five types in turn. */
export const intakeBody = (i: number) => ({
  channel: i % 2 === 0 ? "onsite" : "phone",
  type: ["complaint", "opinion", "suggestion", "inquiry", "difficulty"][i % 5],
  requester: {
    name: `群众${i}`,
    phone: `139${String(10_000_000 + i).slice(-8)}`,
    address: "城关镇人民路1号",
  },
  content: `${CONTENTS[i % CONTENTS.length]}（编号${i}）`,
});

export async function runClient(job: ClientJob): Promise<ClientResult> {
  const cpu0 = process.cpuUsage();
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  let next = job.from;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.to) {
        const i = next++;
        const s = performance.now();
        const res = await fetch(`${job.base}/api/v1/appeals`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${job.token}` },
          body: JSON.stringify(intakeBody(i)),
        });
        const text = await res.text();
        latencies.push(performance.now() - s);
        if (res.status !== 201) {
          failures++;
          firstFailure ??= `${res.status} ${text.slice(0, 200)}`;
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { latencies, failures, firstFailure, seconds, cpuMs: (cpu.user + cpu.system) / 1000 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const result = await runClient(JSON.parse(input) as ClientJob);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
