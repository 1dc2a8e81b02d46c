/**
 * Token-bucket rate limits: each key may spend `burst` actions at once and earns `perSecond`
 * back every second. Time comes from the caller's clock (injectable for tests).
 */

/** One bucket. */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Spends one token; false when none is left. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whether a token is left (spends none). */
  peek(): boolean {
    return Math.min(this.burst, this.tokens + ((this.now() - this.last) / 1000) * this.perSecond) >= 1;
  }
}

/** How many keys `RateLimits` keeps. */
const MAX_KEYS = 10_000;

/** Buckets by key (an IP, a seat), forgetting the keys idle longest. */
export class RateLimits {
  private readonly buckets = new Map<string, RateLimiter>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Spends one token of `key`'s bucket; false when the key is over its limit. */
  take(key: string): boolean {
    let bucket = this.buckets.get(key);
    if (bucket) this.buckets.delete(key);
    else bucket = new RateLimiter(this.perSecond, this.burst, this.now);
    this.buckets.set(key, bucket); // most recently used last
    // Past the bound, the key idle longest is forgotten (never every key at once, which would
    // give every busy sender a fresh burst).
    if (this.buckets.size > MAX_KEYS) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket.take();
  }

  /** Whether `key` has a token left (spends none; an unknown key has its whole burst). */
  peek(key: string): boolean {
    return this.buckets.get(key)?.peek() ?? true;
  }
}
