import { guard, fullUntil, knownFull } from './memory';
import * as repo from './repo';
import { claimInRounds, freeSeats, FULL, OK, undoGroup, type GroupClaimResult } from './rounds';

export type ClaimResult = 'ok' | 'full' | 'duplicate';

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
  if (guard.line) return knownFull(poolId) ? 'full' : (await claimInRounds(poolId, capacity, [holderKey], claimId, false)).result;
  // Each round that finds no seat lost every free one to another claim, so this ends within capacity rounds.
  for (;;) {
    const { free } = await freeSeats(poolId, capacity);
    if (!free.length) return 'full';
    for (const seatNo of free) {
      const r = await repo.insertSeat(poolId, seatNo, holderKey, claimId);
      if (r === 'ok') return 'ok';
      if (r === 'holder-exists') return 'duplicate';
    }
  }
}

/**
 * Takes one place in a person's own small pool (a daily limit of a few bookings), trying the seats
 * in order: the first booking of a day costs one insert and no read of the seats (which FerretDB
 * would scan whole). The same unique indexes decide; only ever for pools one person fills, never
 * for a slot a crowd rushes (that is claim(), in rounds).
 */
export async function claimOwn(poolId: string, capacity: number, holderKey: string, claimId: string): Promise<ClaimResult> {
  if (!guard.enabled) return claim(poolId, capacity, holderKey, claimId);
  for (let seatNo = 1; seatNo <= capacity; seatNo++) {
    const r = await repo.insertSeat(poolId, seatNo, holderKey, claimId);
    if (r === 'ok') return 'ok';
    if (r === 'holder-exists') return 'duplicate';
  }
  return 'full';
}

/**
 * Takes one place for each of `holderKeys` (an event sign-up of 1–3 attendees) in one pool under one
 * claim id, all or nothing: the same unique indexes decide each seat, a group that does not fit takes
 * none (and does not make the pool look full to a smaller claim after it), and a holder who already
 * has a place makes the whole group give its seats back, naming that holder. Called again with the
 * same claim id, the seats it already holds count as its own. `holdsNone`: the caller knows the claim
 * id holds no place in this pool yet (a new one), so a failure has nothing to give back.
 */
export async function claimGroup(
  poolId: string,
  capacity: number,
  holderKeys: string[],
  claimId: string,
  { holdsNone = false }: { holdsNone?: boolean } = {},
): Promise<GroupClaimResult> {
  const holders = [...new Set(holderKeys)];
  if (holders.length !== holderKeys.length) {
    const twice = holderKeys.find((h, i) => holderKeys.indexOf(h) !== i)!;
    return { result: 'duplicate', holderKey: twice };
  }
  if (!holders.length) return OK;
  if (!guard.enabled) {
    // The naive check-then-write of the negative control, with seat numbers nobody else can hold.
    const taken = await repo.takenSeatNos(poolId);
    if (taken.length + holders.length > capacity) return FULL;
    const r = await Promise.all(holders.map((h) => repo.insertSeat(poolId, capacity + 1 + Math.floor(Math.random() * 1e9), h, claimId)));
    const dup = r.findIndex((x) => x === 'holder-exists');
    if (dup < 0) return OK;
    await undoGroup(poolId, claimId);
    return { result: 'duplicate', holderKey: holders[dup]! };
  }
  if (guard.line) {
    if (!knownFull(poolId)) return claimInRounds(poolId, capacity, holders, claimId, true, holdsNone);
    if (!holdsNone) await undoGroup(poolId, claimId);
    return FULL;
  }
  // Without the rounds: each pass either seats everyone, fails, or lost seats to other claims.
  for (let unseated = holders; ;) {
    const seats = await freeSeats(poolId, capacity);
    const free = seats.free;
    unseated = seats.unseated(claimId, unseated);
    if (!unseated.length) return OK;
    if (unseated.length > free.length) {
      await undoGroup(poolId, claimId);
      return FULL;
    }
    const r = await Promise.all(unseated.map((h, i) => repo.insertSeat(poolId, free[i]!, h, claimId)));
    const dup = r.findIndex((x) => x === 'holder-exists');
    if (dup >= 0) {
      await undoGroup(poolId, claimId);
      return { result: 'duplicate', holderKey: unseated[dup]! };
    }
    unseated = unseated.filter((_, k) => r[k] !== 'ok');
    if (!unseated.length) return OK;
  }
}

/** Gives the places of a claim back at once. */
export async function release(claimId: string): Promise<number> {
  const n = await repo.deleteSeatsOfClaim(claimId);
  if (n) fullUntil.clear();
  return n;
}

/** The holders a claim has seated in a pool: a resumed group keeps what its first attempt seated, and seats the rest. */
export async function holdersSeated(claimId: string, poolId: string): Promise<Set<string>> {
  return new Set(await repo.holdersOfClaimInPool(claimId, poolId));
}

/** The pools in which a claim holds a place: a resumed operation keeps what its first attempt took. */
export async function poolsHeldBy(claimId: string): Promise<Set<string>> {
  return new Set(await repo.poolsOfClaim(claimId));
}

/** Gives back one holder's place in a pool (one attendee of a group cancels); the rest of the claim stays. */
export async function releaseHolder(poolId: string, holderKey: string): Promise<number> {
  const n = await repo.deleteSeatOfHolder(poolId, holderKey);
  if (n) fullUntil.clear();
  return n;
}
