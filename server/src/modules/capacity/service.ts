import * as repo from './repo';

export type ClaimResult = 'ok' | 'full' | 'duplicate';

/**
 * Test-only switch for the negative control: with the guard off, a claim counts and then inserts a
 * seat number nobody else can hold (the naive check-then-write), so a race oversells. Production
 * code never turns it off.
 */
const guard = { enabled: true, line: true };
export function setCapacityGuardForTests(enabled: boolean): void {
  guard.enabled = enabled;
}

/**
 * Test-only: turns the in-process claim rounds and full-pool memory off, so a race test can show the
 * unique indexes alone hold (as they must across several API instances, where each has its own rounds).
 */
export function setClaimLineForTests(enabled: boolean): void {
  guard.line = enabled;
  fullUntil.clear();
}

/**
 * Pools this instance saw full, until when. A rush's losers are answered from here without touching
 * the database; any release on this instance forgets them all, and the memory lasts a second so a
 * release on another instance is seen soon after. Only ever says "full": the indexes decide the rest.
 */
const fullUntil = new Map<string, number>();
const FULL_MEMORY_MS = 1_000;

/** True when this instance has just seen the pool full. */
export function knownFull(poolId: string): boolean {
  if (!guard.line) return false;
  const until = fullUntil.get(poolId);
  if (until === undefined) return false;
  if (until > Date.now()) return true;
  fullUntil.delete(poolId);
  return false;
}

/** The taken seat numbers of a pool and its free ones in random order, so racing claims rarely collide. */
async function freeSeats(poolId: string, capacity: number): Promise<{ taken: Set<number>; free: number[] }> {
  const taken = new Set(await repo.takenSeatNos(poolId));
  const free = Array.from({ length: capacity }, (_, i) => i + 1).filter((n) => !taken.has(n));
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [free[i], free[j]] = [free[j]!, free[i]!];
  }
  return { taken, free };
}

interface Waiter {
  capacity: number;
  holderKey: string;
  claimId: string;
  resolve: (r: ClaimResult) => void;
  reject: (e: unknown) => void;
}
const waiting = new Map<string, Waiter[]>();
const draining = new Set<string>();

/**
 * Claims on one pool within this instance are served in rounds: one read of the taken seats, then a
 * different free seat for each waiting claim, inserted in parallel. A rush of 300 for 30 costs one
 * read and 30 inserts, and the other 270 hear "full" at once. The unique indexes still decide every
 * seat: a seat another instance took, or a person already holding one, sends the claim to the next round.
 */
function claimInRounds(poolId: string, capacity: number, holderKey: string, claimId: string): Promise<ClaimResult> {
  return new Promise((resolve, reject) => {
    const q = waiting.get(poolId) ?? [];
    q.push({ capacity, holderKey, claimId, resolve, reject });
    waiting.set(poolId, q);
    if (!draining.has(poolId)) void drain(poolId);
  });
}

async function drain(poolId: string): Promise<void> {
  draining.add(poolId);
  try {
    for (;;) {
      const batch = waiting.get(poolId) ?? [];
      waiting.delete(poolId);
      if (!batch.length) return;
      try {
        const next = await round(poolId, batch);
        if (next.length) waiting.set(poolId, [...next, ...(waiting.get(poolId) ?? [])]);
      } catch (e) {
        for (const w of batch) w.reject(e);
      }
    }
  } finally {
    draining.delete(poolId);
  }
}

/** One round; returns the claims that must try again. */
async function round(poolId: string, batch: Waiter[]): Promise<Waiter[]> {
  if (knownFull(poolId)) {
    for (const w of batch) w.resolve('full');
    return [];
  }
  const capacity = batch[0]!.capacity;
  const { taken, free } = await freeSeats(poolId, capacity);
  const seated = batch.slice(0, free.length);
  const rest = batch.slice(free.length);
  const results = await Promise.all(seated.map((w, i) => repo.insertSeat(poolId, free[i]!, w.holderKey, w.claimId)));
  const again: Waiter[] = [];
  results.forEach((r, i) => {
    const w = seated[i]!;
    if (r === 'ok') w.resolve('ok');
    else if (r === 'holder-exists') w.resolve('duplicate');
    else again.push(w);
  });
  const filled = results.every((r) => r === 'ok') && taken.size + results.length >= capacity;
  if (filled) {
    fullUntil.set(poolId, Date.now() + FULL_MEMORY_MS);
    for (const w of rest) w.resolve('full');
    return again;
  }
  return [...again, ...rest];
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
  if (guard.line) return knownFull(poolId) ? 'full' : claimInRounds(poolId, capacity, holderKey, claimId);
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

/** Gives the places of a claim back at once. */
export async function release(claimId: string): Promise<number> {
  const n = await repo.deleteSeatsOfClaim(claimId);
  if (n) fullUntil.clear();
  return n;
}

export { countTaken, slotPool, sessionPool } from './repo';

/** The pools in which a claim holds a place: a resumed operation keeps what its first attempt took. */
export async function poolsHeldBy(claimId: string): Promise<Set<string>> {
  return new Set(await repo.poolsOfClaim(claimId));
}

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

export type GroupResult = { ok: true } | { ok: false; reason: 'full' } | { ok: false; reason: 'duplicate'; index: number };

/**
 * Takes one place per holder in a pool, all or nothing, under one claim id (a group sign-up). A
 * holder already seated under the same claim id counts as taken (a resumed attempt).
 */
export async function claimGroup(poolId: string, capacity: number, holderKeys: string[], claimId: string): Promise<GroupResult> {
  const taken = new Set(await repo.takenSeatNos(poolId));
  if (taken.size + holderKeys.length > capacity) {
    const mine = await repo.poolsOfClaim(claimId);
    if (!mine.includes(poolId)) return { ok: false, reason: 'full' };
  }
  for (const [i, holder] of holderKeys.entries()) {
    const r = await claim(poolId, capacity, holder, claimId);
    if (r === 'ok') continue;
    await repo.deleteSeatsOfClaimInPool(claimId, poolId);
    fullUntil.clear();
    return r === 'full' ? { ok: false, reason: 'full' } : { ok: false, reason: 'duplicate', index: i };
  }
  return { ok: true };
}

/** Gives back one holder's place (one attendee of a group cancels). */
export async function releaseHolder(poolId: string, holderKey: string): Promise<number> {
  const n = await repo.deleteSeatOfHolder(poolId, holderKey);
  if (n) fullUntil.clear();
  return n;
}
