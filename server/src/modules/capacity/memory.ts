import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The in-process state of the capacity module: the test-only switches of the race tests and the
 * memory of pools this instance has just seen full. Only ever an optimisation: the unique indexes decide.
 */

/**
 * Test-only switch for the negative control: with the guard off, a claim counts and then inserts a
 * seat number nobody else can hold (the naive check-then-write), so a race oversells. Production
 * code never turns it off.
 */
export const guard = { enabled: true, line: true };
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
export const fullUntil = new Map<string, number>();
export const FULL_MEMORY_MS = 1_000;

/** A pool got more places: what this instance remembers of it being full no longer holds. */
export function capacityRaised(poolId: string): void {
  fullUntil.delete(poolId);
}

/** True when this instance has just seen the pool full. */
export function knownFull(poolId: string): boolean {
  if (!guard.line) return false;
  const until = fullUntil.get(poolId);
  if (until === undefined) return false;
  if (until > Date.now()) return true;
  fullUntil.delete(poolId);
  return false;
}

/** What an instance's counts must do when seats change here: forget the pools (all, when not named). */
export interface LocalCounts {
  forget(poolIds?: string[]): void;
}

/** The counts of the app whose request is running: a change made here is forgotten by its own memory at once. */
export const countsHere = new AsyncLocalStorage<LocalCounts>();
const everyCounts = new Set<WeakRef<LocalCounts>>();

export function registerCounts(counts: LocalCounts): void {
  everyCounts.add(new WeakRef(counts));
}

/**
 * A change on this instance: the running request's app forgets the pools. Outside a request (a job,
 * a test calling the module), every app of this process forgets them: one process is one instance.
 */
export function forgetHere(poolIds?: string[]): void {
  const here = countsHere.getStore();
  if (here) return here.forget(poolIds);
  for (const ref of everyCounts) {
    const counts = ref.deref();
    if (counts) counts.forget(poolIds);
    else everyCounts.delete(ref);
  }
}
