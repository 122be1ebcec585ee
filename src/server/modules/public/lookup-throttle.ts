/**
 * Counts failed progress look-ups per tracking number in a sliding window.
 * Query codes are 6 digits, so without this a tracking number (sequential,
 * guessable) could be probed until its code is found; with 10 failures an
 * hour a search takes ~50 000 hours. Once the limit is reached every attempt
 * on that number — right or wrong — is refused until the window moves on,
 * so the throttle never tells a guesser which code was right.
 *
 * Kept in memory per instance, like the per-IP rate limit: with N instances
 * behind a load balancer the effective limit is N × limit, still far from
 * enough to guess a code.
 */
export class LookupThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 60 * 60_000,
    private readonly maxKeys = 50_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  isBlocked(key: string, now: Date): boolean {
    return this.recent(key, now.getTime()).length >= this.limit;
  }

  recordFailure(key: string, now: Date): void {
    const t = now.getTime();
    const list = this.recent(key, t);
    list.push(t);
    this.failures.delete(key);
    this.failures.set(key, list);
    // Bounded memory: forget the least recently failed numbers first.
    while (this.failures.size > this.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }
}
