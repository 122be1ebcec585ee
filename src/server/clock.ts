/**
 * The injected clock. Nothing in the server reads Date.now() directly, so tests,
 * demos and training can start time at any instant (YOUSU_CLOCK) and let it run.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that starts at `start` and then runs at real speed. */
export function offsetClock(start: Date, base: () => number = Date.now): Clock {
  const offset = start.getTime() - base();
  return { now: () => new Date(base() + offset) };
}

/** A clock that only moves when told to (tests). */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string) {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
