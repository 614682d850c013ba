import type Redis from 'ioredis';

export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** Fixed-window counters: `hit` counts one event for `key` and says whether it is within `limit`. */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>;
  close(): Promise<void>;
}

/** One process's counters. Enough for a single instance; several instances need the Redis one. */
export class MemoryRateLimiter implements RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    const t = this.now();
    const start = t - (t % windowMs);
    let w = this.windows.get(key);
    if (!w || w.start !== start) {
      if (this.windows.size > 50_000) this.sweep(start);
      w = { start, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return { allowed: w.count <= limit, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - t) / 1000)) };
  }

  private sweep(currentStart: number) {
    for (const [k, w] of this.windows) if (w.start !== currentStart) this.windows.delete(k);
  }

  async close(): Promise<void> {}
}

/** Counters shared by every API instance through Redis (INCR + PEXPIRE on a per-window key). */
export class RedisRateLimiter implements RateLimiter {
  /** ioredis is loaded only when Redis is configured: it holds about 20 MiB of the API's memory. */
  private readonly redis: Promise<Redis>;

  constructor(
    url: string,
    private readonly prefix = 'jk:rl:',
    private readonly now: () => number = Date.now,
  ) {
    this.redis = import('ioredis').then(
      ({ default: IORedis }) => new IORedis(url, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: true }),
    );
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    const t = this.now();
    const start = t - (t % windowMs);
    const k = `${this.prefix}${key}:${start}`;
    const redis = await this.redis;
    const [[, count]] = (await redis
      .multi()
      .incr(k)
      .pexpire(k, windowMs + 1000)
      .exec()) as [[Error | null, number]];
    return { allowed: count <= limit, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - t) / 1000)) };
  }

  async close(): Promise<void> {
    await (await this.redis).quit().catch(() => undefined);
  }
}
