import * as repo from './repo';

export type ClaimResult = 'ok' | 'full' | 'duplicate';

/**
 * Test-only switch for the negative control: with the guard off, a claim counts and then inserts a
 * seat number nobody else can hold (the naive check-then-write), so a race oversells. Production
 * code never turns it off.
 */
const guard = { enabled: true };
export function setCapacityGuardForTests(enabled: boolean): void {
  guard.enabled = enabled;
}

function shuffled(values: number[]): number[] {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
  return values;
}

/**
 * Takes one place in a pool of `capacity` for `holderKey`. The unique index {poolId, seatNo} with
 * seatNo in 1..capacity makes overselling impossible, and {poolId, holderKey} makes a second place
 * for the same person impossible — on FerretDB and MongoDB alike, with no transaction. Free seat
 * numbers are tried in random order so racing claims rarely collide; a collision just tries the next.
 * Used by service bookings and event sign-ups.
 */
export async function claim(poolId: string, capacity: number, holderKey: string, claimId: string): Promise<ClaimResult> {
  if (!guard.enabled) {
    const taken = await repo.takenSeatNos(poolId);
    if (taken.length >= capacity) return 'full';
    const r = await repo.insertSeat(poolId, capacity + 1 + Math.floor(Math.random() * 1e9), holderKey, claimId);
    return r === 'holder-exists' ? 'duplicate' : 'ok';
  }
  // Each round that finds no seat lost every free one to another claim, so this ends within capacity rounds.
  for (;;) {
    const taken = new Set(await repo.takenSeatNos(poolId));
    const free = shuffled(Array.from({ length: capacity }, (_, i) => i + 1).filter((n) => !taken.has(n)));
    if (!free.length) return 'full';
    for (const seatNo of free) {
      const r = await repo.insertSeat(poolId, seatNo, holderKey, claimId);
      if (r === 'ok') return 'ok';
      if (r === 'holder-exists') return 'duplicate';
    }
  }
}

/** Gives the places of a claim back at once. */
export async function release(claimId: string): Promise<number> {
  return repo.deleteSeatsOfClaim(claimId);
}

/**
 * A quick look before claiming: true when the pool is already full. Only an optimisation that saves
 * the losers of a rush their writes; the unique indexes in `claim` remain the guard.
 */
export async function looksFull(poolId: string, capacity: number): Promise<boolean> {
  return (await repo.countPool(poolId)) >= capacity;
}

export { countTaken, slotPool, sessionPool } from './repo';

/**
 * Gives back places whose claim was never completed (the process died between taking the place and
 * writing the booking). `exists` tells which claim ids have their record.
 */
export async function sweepOrphans(olderThan: Date, exists: (claimIds: string[]) => Promise<Set<string>>): Promise<number> {
  const seats = await repo.seatsOlderThan(olderThan, 5000);
  const ids = [...new Set(seats.map((s) => s.claimId))];
  const found = await exists(ids);
  let freed = 0;
  for (const id of ids) if (!found.has(id)) freed += await repo.deleteSeatsOfClaim(id);
  return freed;
}
