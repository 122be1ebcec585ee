export interface ScheduledTask {
  name: string;
  intervalMs: number;
  run(): Promise<unknown>;
}

export interface SchedulerLog {
  error(obj: object, msg: string): void;
}

export interface Scheduler {
  /** Stops scheduling and resolves once every task's current run has finished. */
  stop(): Promise<void>;
}

/**
 * A tiny in-process scheduler. Each task runs, then waits `intervalMs` after
 * the run finishes before the next one, so a task never overlaps itself even
 * when a run is slower than the interval. Work is claimed in the database, so
 * several instances may run the same tasks at once. A failing run is logged
 * and retried at the next tick.
 */
export function startScheduler(
  tasks: ScheduledTask[],
  log: SchedulerLog,
  /** Told after every run: its duration in seconds and whether it succeeded (metrics). */
  onRun?: (task: string, seconds: number, ok: boolean) => void,
): Scheduler {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();

  const schedule = (task: ScheduledTask, delayMs: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = (async () => {
        const t0 = performance.now();
        let ok = true;
        try {
          await task.run();
        } catch (err) {
          ok = false;
          log.error({ err, task: task.name }, "scheduled task failed");
        }
        onRun?.(task.name, (performance.now() - t0) / 1000, ok);
      })();
      running.add(run);
      void run.finally(() => {
        running.delete(run);
        schedule(task, task.intervalMs);
      });
    }, delayMs);
    timers.add(timer);
  };

  for (const t of tasks) schedule(t, 0);

  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.all([...running]);
    },
  };
}
