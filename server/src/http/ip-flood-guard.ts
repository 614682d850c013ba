import type { Middleware } from 'koa';
import { rateLimited } from './errors';

/**
 * A generous per-address flood guard over a fixed one-minute window. Carrier NAT puts many citizens
 * behind one address, so this only stops floods; limits per person do the real work.
 */
export function ipFloodGuard(perMinute: number, now: () => number = Date.now): Middleware {
  let windowStart = 0;
  let counts = new Map<string, number>();
  return async (ctx, next) => {
    const t = now();
    if (t - windowStart >= 60_000) {
      windowStart = t - (t % 60_000);
      counts = new Map();
    }
    const n = (counts.get(ctx.ip) ?? 0) + 1;
    counts.set(ctx.ip, n);
    if (n > perMinute) throw rateLimited(Math.ceil((windowStart + 60_000 - t) / 1000));
    await next();
  };
}
