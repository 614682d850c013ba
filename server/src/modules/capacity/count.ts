import * as repo from './repo';

export { countTaken } from './repo';
import type { Availability } from './counts';

export { SeatCounts, VERSION_POLL_MS, type Availability } from './counts';

/**
 * Places left per pool (never below zero), keyed by pool id, counted from the seat rows now: one read
 * for a whole list. For decisions (a waitlist promotion); displays use `SeatCounts.available`.
 */
export async function remaining(pools: { poolId: string; capacity: number }[]): Promise<Map<string, number>> {
  const taken = await repo.countTaken(pools.map((p) => p.poolId));
  return new Map(pools.map((p) => [p.poolId, Math.max(0, p.capacity - (taken.get(p.poolId) ?? 0))]));
}

/** `remaining` with the instant it was counted, for answers that must be exact (an admin's own edit). */
export async function availableNow(pools: { poolId: string; capacity: number }[]): Promise<Availability> {
  const asOf = new Date();
  return { left: await remaining(pools), asOf };
}
