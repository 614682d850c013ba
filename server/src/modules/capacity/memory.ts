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

/** True when this instance has just seen the pool full. */
export function knownFull(poolId: string): boolean {
  if (!guard.line) return false;
  const until = fullUntil.get(poolId);
  if (until === undefined) return false;
  if (until > Date.now()) return true;
  fullUntil.delete(poolId);
  return false;
}
