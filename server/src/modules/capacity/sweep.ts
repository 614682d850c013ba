import { fullUntil } from './memory';
import * as repo from './repo';

/** The kinds of pool, by the prefix of their id: service slots, daily limits per person, event sessions. */
export type PoolKind = 'slot' | 'limit' | 'session';

/**
 * Gives back places whose claim was never completed (the process died between taking the place and
 * writing its record). Only pools of the given kinds are looked at, and only seats older than
 * `olderThan`; `exists` tells which claim ids have their record. Walks the whole collection with a
 * cursor, a batch of claims at a time.
 */
export async function sweepOrphans(
  kinds: PoolKind[],
  olderThan: Date,
  exists: (claimIds: string[]) => Promise<Set<string>>,
  batch = 500,
): Promise<number> {
  let freed = 0;
  const pending = new Set<string>();
  const flush = async () => {
    const ids = [...pending];
    pending.clear();
    const found = await exists(ids);
    const orphaned = ids.filter((id) => !found.has(id));
    if (!orphaned.length) return;
    const n = await repo.deleteSeatsOfClaims(orphaned);
    if (n) fullUntil.clear();
    freed += n;
  };
  for await (const seat of repo.seatsOlderThan(kinds, olderThan)) {
    pending.add(seat.claimId);
    if (pending.size >= batch) await flush();
  }
  if (pending.size) await flush();
  return freed;
}
