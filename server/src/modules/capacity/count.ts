import * as repo from './repo';

export { countTaken } from './repo';

/** Places left per pool (never below zero), keyed by pool id: one read for a whole list of slots or sessions. */
export async function remaining(pools: { poolId: string; capacity: number }[]): Promise<Map<string, number>> {
  const taken = await repo.countTaken(pools.map((p) => p.poolId));
  return new Map(pools.map((p) => [p.poolId, Math.max(0, p.capacity - (taken.get(p.poolId) ?? 0))]));
}
