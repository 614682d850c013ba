import { registerCounts, type LocalCounts } from './memory';
import * as repo from './repo';

/** How often an instance asks the shared version whether another instance changed seats. */
export const VERSION_POLL_MS = 400;
/** Past this many pools in memory, the memory starts again (a bound, not an eviction policy). */
const MAX_POOLS = 100_000;

export interface Availability {
  /** Places left per pool id, never below zero. */
  left: Map<string, number>;
  /** Every change to the seats up to this instant is counted in `left`. */
  asOf: Date;
}

/**
 * Places taken per pool, kept in this instance's memory so the slot list and the event detail do
 * not count seat rows on every request. A change this instance makes forgets its pools at once; a
 * change by another instance is learnt from the shared seat version, asked at most every
 * `VERSION_POLL_MS` by the request that needs it. Only ever answers "how many are left" for
 * display: claims still go through the unique indexes, and the seat rows stay the only truth.
 */
export class SeatCounts implements LocalCounts {
  private readonly taken = new Map<string, number>();
  /** Bumped by every forget: a count read from the rows before it is not kept. */
  private generation = 0;
  private seen: string | null | undefined;
  private checkedAt = 0;
  private checking: Promise<void> | null = null;
  /** Test-only: with polling off, another instance's change is never seen (the freshness test's control). */
  polling = true;

  constructor(private readonly pollMs = VERSION_POLL_MS) {
    registerCounts(this);
  }

  /** Changes whenever a count this instance holds may have changed: what was built from the counts before is stale. */
  get version(): number {
    return this.generation;
  }

  /** Learns another instance's changes, if the last question is older than the poll interval. */
  sync(): Promise<void> {
    return this.fresh();
  }

  forget(poolIds?: string[]): void {
    this.generation++;
    if (!poolIds) this.taken.clear();
    else for (const id of poolIds) this.taken.delete(id);
  }

  async available(pools: { poolId: string; capacity: number }[]): Promise<Availability> {
    await this.fresh();
    const asOf = new Date(this.checkedAt);
    const missing = [...new Set(pools.map((p) => p.poolId).filter((id) => !this.taken.has(id)))];
    let counted = new Map<string, number>();
    if (missing.length) {
      const generation = this.generation;
      counted = await repo.countTaken(missing);
      if (generation === this.generation) {
        if (this.taken.size + missing.length > MAX_POOLS) this.taken.clear();
        for (const id of missing) this.taken.set(id, counted.get(id) ?? 0);
      }
    }
    const takenOf = (id: string) => this.taken.get(id) ?? counted.get(id) ?? 0;
    return { left: new Map(pools.map((p) => [p.poolId, Math.max(0, p.capacity - takenOf(p.poolId))])), asOf };
  }

  /** Asks the shared version when the last answer is older than the poll interval; one question at a time. */
  private async fresh(): Promise<void> {
    if (!this.polling && this.seen !== undefined) return;
    if (Date.now() - this.checkedAt < this.pollMs) return;
    this.checking ??= this.check().finally(() => (this.checking = null));
    await this.checking;
  }

  private async check(): Promise<void> {
    // The instant before the question: changes after it may not be counted yet.
    const started = Date.now();
    const version = await repo.seatVersion();
    if (version !== this.seen) {
      this.seen = version;
      this.forget();
    }
    this.checkedAt = started;
  }
}
