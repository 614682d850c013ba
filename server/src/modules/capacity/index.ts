/**
 * The capacity module's public door: places in pools (service slots, daily limits per person, event
 * sessions), each taken by a unique insert. Other modules use only what is exported here.
 */
export { claim, claimOwn, claimGroup, holdersSeated, poolsHeldBy, release, releaseHolder, type ClaimResult } from './claim';
export type { GroupClaimResult } from './rounds';
export { availableNow, countTaken, remaining, SeatCounts, VERSION_POLL_MS, type Availability } from './count';
export { capacityRaised, countsHere, knownFull, setCapacityGuardForTests, setClaimLineForTests } from './memory';
export { sessionPool, slotPool } from './pools';
export { sweepOrphans, type PoolKind } from './sweep';
