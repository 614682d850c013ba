import { FULL_MEMORY_MS, fullUntil, knownFull } from './memory';
import * as repo from './repo';

/**
 * The taken seat numbers of a pool and its free ones in random order, so racing claims rarely
 * collide; `unseated` drops the holders a claim already seated here (a group retried under its claim id).
 */
export async function freeSeats(poolId: string, capacity: number) {
  const rows = await repo.takenSeats(poolId);
  const taken = new Set(rows.map((r) => r.seatNo));
  const held = new Set(rows.map((r) => `${r.claimId}\n${r.holderKey}`));
  const unseated = (claimId: string, holders: string[]) => holders.filter((h) => !held.has(`${claimId}\n${h}`));
  const free = Array.from({ length: capacity }, (_, i) => i + 1).filter((n) => !taken.has(n));
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [free[i], free[j]] = [free[j]!, free[i]!];
  }
  return { taken, free, unseated };
}

/** What a claim of several places hears: all of them, none (full), or none because one holder already has a place. */
export type GroupClaimResult = { result: 'ok' } | { result: 'full' } | { result: 'duplicate'; holderKey: string };

export const OK: GroupClaimResult = { result: 'ok' };
export const FULL: GroupClaimResult = { result: 'full' };

interface Waiter {
  capacity: number;
  /** The holders still without a place in this pool (a claim of one has one). */
  holders: string[];
  claimId: string;
  /** A group's places are given back whole when it fails; a claim of one never took any. */
  group: boolean;
  /**
   * Whether the claim may hold places in this pool: one taken in an earlier round, or by an earlier
   * attempt under the same claim id. A claim known to hold none fails without the delete that would
   * give them back (on FerretDB a scan of every seat, paid by each of a rush's losers).
   */
  mayHold: boolean;
  resolve: (r: GroupClaimResult) => void;
  reject: (e: unknown) => void;
}
const waiting = new Map<string, Waiter[]>();
const draining = new Set<string>();

/**
 * Claims on one pool within this instance are served in rounds: one read of the taken seats, then
 * different free seats for each waiting claim (as many as it has holders), inserted in parallel. A
 * rush of 300 for 30 costs one read and 30 inserts, and the other 270 hear "full" at once. The unique
 * indexes still decide every seat: a seat another instance took sends the claim's unseated holders
 * to the next round, a holder already holding one answers 'duplicate'.
 */
export function claimInRounds(
  poolId: string,
  capacity: number,
  holders: string[],
  claimId: string,
  group: boolean,
  holdsNone = false,
): Promise<GroupClaimResult> {
  return new Promise((resolve, reject) => {
    const q = waiting.get(poolId) ?? [];
    q.push({ capacity, holders, claimId, group, mayHold: group && !holdsNone, resolve, reject });
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

/**
 * Gives back what a failed group took in this pool, so a group is all or nothing. Freed seats forget
 * the full pools, as any release does. True when something was freed.
 */
export async function undoGroup(poolId: string, claimId: string): Promise<boolean> {
  const n = await repo.deleteSeatsOfClaimInPool(poolId, claimId);
  if (n) fullUntil.clear();
  return n > 0;
}

async function fail(poolId: string, w: Waiter, r: GroupClaimResult): Promise<boolean> {
  const freed = w.group && w.mayHold ? await undoGroup(poolId, w.claimId) : false;
  w.resolve(r);
  return freed;
}

/** One round; returns the claims that must try again. */
async function round(poolId: string, batch: Waiter[]): Promise<Waiter[]> {
  if (knownFull(poolId)) {
    await Promise.all(batch.map((w) => fail(poolId, w, FULL)));
    return [];
  }
  const capacity = batch[0]!.capacity;
  const { taken, free, unseated } = await freeSeats(poolId, capacity);
  // In order, each claim gets as many free seats as it has holders; one needing more seats than are
  // free is full now, one that only misses what earlier claims took this round waits for the next.
  const seated: { w: Waiter; seats: number[] }[] = [];
  const tooBig: Waiter[] = [];
  const rest: Waiter[] = [];
  let next = 0;
  for (const w of batch) {
    if (w.group) w.holders = unseated(w.claimId, w.holders);
    const n = w.holders.length;
    if (!n) {
      w.resolve(OK);
      continue;
    }
    if (n > free.length) tooBig.push(w);
    else if (next + n <= free.length) seated.push({ w, seats: free.slice(next, (next += n)) });
    else rest.push(w);
  }
  const [results, undone] = await Promise.all([
    Promise.all(seated.map(({ w, seats }) => Promise.all(w.holders.map((h, i) => repo.insertSeat(poolId, seats[i]!, h, w.claimId))))),
    Promise.all(tooBig.map((w) => fail(poolId, w, FULL))),
  ]);
  const again: Waiter[] = [];
  let freed = undone.some(Boolean);
  for (const [i, { w }] of seated.entries()) {
    const r = results[i]!;
    if (r.includes('ok')) w.mayHold = true;
    const dup = r.findIndex((x) => x === 'holder-exists');
    if (dup >= 0) {
      if (await fail(poolId, w, { result: 'duplicate', holderKey: w.holders[dup]! })) freed = true;
    } else if (r.every((x) => x === 'ok')) w.resolve(OK);
    else {
      w.holders = w.holders.filter((_, k) => r[k] !== 'ok');
      again.push(w);
    }
  }
  const all = results.flat();
  // Only a pool filled by whole claims is remembered full: a group that gave its seats back fills nothing.
  const filled = !freed && all.every((r) => r === 'ok') && taken.size + all.length >= capacity;
  if (filled) {
    fullUntil.set(poolId, Date.now() + FULL_MEMORY_MS);
    await Promise.all(rest.map((w) => fail(poolId, w, FULL)));
    return again;
  }
  return [...again, ...rest];
}
