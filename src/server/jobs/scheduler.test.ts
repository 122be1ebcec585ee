import { describe, expect, it } from "vitest";
import { startScheduler } from "./scheduler.js";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("scheduler", () => {
  it("never overlaps a task with itself and keeps running after a failure", async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const errors: string[] = [];
    const s = startScheduler(
      [
        {
          name: "slow",
          intervalMs: 1,
          run: async () => {
            active++;
            maxActive = Math.max(maxActive, active);
            runs++;
            await tick(5);
            active--;
            if (runs === 2) throw new Error("boom");
          },
        },
      ],
      { error: (_o, msg) => errors.push(msg) },
    );
    while (runs < 5) await tick(2);
    await s.stop();
    expect(maxActive).toBe(1);
    expect(errors).toEqual(["scheduled task failed"]);
  });

  it("stop() waits for the current run and schedules nothing after", async () => {
    let finished = false;
    let runs = 0;
    let release: () => void = () => {};
    const s = startScheduler(
      [
        {
          name: "t",
          intervalMs: 1,
          run: async () => {
            runs++;
            await new Promise<void>((r) => {
              release = r;
            });
            finished = true;
          },
        },
      ],
      { error: () => {} },
    );
    while (runs === 0) await tick(1);
    const stopping = s.stop();
    let stopped = false;
    void stopping.then(() => {
      stopped = true;
    });
    await tick(5);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    await tick(10);
    expect(runs).toBe(1);
  });
});
