/**
 * Throttles failed progress look-ups (进度查询). Query codes are 6 digits and
 * tracking numbers are sequential, so unthrottled look-ups would let anyone
 * find a code; but a lock on the *number* would let anyone block a citizen's
 * progress page by failing on purpose. So:
 *
 * - Per source address: `perSource` failures in a window (over all numbers)
 *   and that address is refused — right code or wrong, without checking it, so
 *   the refusal never tells a guesser which code was right. One address then
 *   needs ~50 000 hours to find a code.
 * - Per number, only against distributed guessing: `perNumber` failures in a
 *   window, far above what one address may make, and the number refuses
 *   addresses that have not proved its code before; an address that has (the
 *   requester checking again) is still served. Others' failures alone never
 *   refuse the right code below that limit.
 *
 * Kept in memory per instance, like the per-IP rate limit: with N instances
 * behind a load balancer the effective limits are N times higher, still far
 * from enough to guess a code.
 */
export class LookupThrottle {
  private readonly bySource: SlidingCounter;
  private readonly byNumber: SlidingCounter;
  /** Addresses that gave the right code for a number, per number (insertion-ordered, bounded). */
  private readonly proven = new Map<string, Set<string>>();

  constructor(
    readonly perSource = 10,
    readonly perNumber = 200,
    windowMs = 60 * 60_000,
    private readonly maxKeys = 50_000,
  ) {
    this.bySource = new SlidingCounter(windowMs, maxKeys);
    this.byNumber = new SlidingCounter(windowMs, maxKeys);
  }

  /** Why this look-up is refused before its code is checked, or null to check it. */
  refusal(trackingNo: string, source: string, now: Date): "source" | "number" | null {
    if (this.bySource.count(source, now) >= this.perSource) return "source";
    if (this.byNumber.count(trackingNo, now) >= this.perNumber && !this.proven.get(trackingNo)?.has(source)) {
      return "number";
    }
    return null;
  }

  recordFailure(trackingNo: string, source: string, now: Date): void {
    this.bySource.add(source, now);
    this.byNumber.add(trackingNo, now);
  }

  recordSuccess(trackingNo: string, source: string): void {
    const set = this.proven.get(trackingNo) ?? new Set<string>();
    this.proven.delete(trackingNo);
    if (set.size < 20) set.add(source);
    this.proven.set(trackingNo, set);
    while (this.proven.size > this.maxKeys) {
      const oldest = this.proven.keys().next().value;
      if (oldest === undefined) break;
      this.proven.delete(oldest);
    }
  }
}

/** Failure instants per key in a sliding window; memory bounded by forgetting the least recent keys. */
class SlidingCounter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length === 0) this.hits.delete(key);
    else this.hits.set(key, list);
    return list;
  }

  count(key: string, now: Date): number {
    return this.recent(key, now.getTime()).length;
  }

  add(key: string, now: Date): void {
    const t = now.getTime();
    const list = this.recent(key, t);
    list.push(t);
    this.hits.delete(key);
    this.hits.set(key, list);
    while (this.hits.size > this.maxKeys) {
      const oldest = this.hits.keys().next().value;
      if (oldest === undefined) break;
      this.hits.delete(oldest);
    }
  }
}

const perApp = new WeakMap<object, LookupThrottle>();

/**
 * The one throttle of an app instance, shared by every public page that checks a tracking number
 * and query code (进度查询, 评价): a guesser gets one budget, not one per endpoint.
 */
export function lookupThrottleOf(deps: object): LookupThrottle {
  let t = perApp.get(deps);
  if (!t) {
    t = new LookupThrottle();
    perApp.set(deps, t);
  }
  return t;
}
