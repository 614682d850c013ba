import { serialiseJson, type SerialisedJson } from './serialised';

/**
 * Serialised answers of hot public reads (the slot list, the event detail), kept while nothing they
 * show can have changed. The caller names what the answer was built from as a `stamp` (versions of
 * the memory and rows it read, taken before the reads, so a change during them leaves the entry
 * stale), and the builder says until when, on the injected clock, the answer holds (a booking window
 * opening, midnight). Real time bounds every entry to `maxAgeMs`: what another instance changed is
 * seen through the caches underneath, which age on real time too.
 */
export class ServedAnswers {
  private readonly entries = new Map<string, { body: SerialisedJson; stamp: string; from: number; until: number; expires: number }>();

  constructor(
    private readonly maxAgeMs = 1_000,
    private readonly maxEntries = 2_000,
  ) {}

  async get(key: string, stamp: string, now: Date, build: () => Promise<{ answer: unknown; until?: number }>): Promise<SerialisedJson> {
    const t = now.getTime();
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp && t >= hit.from && t < hit.until && Date.now() < hit.expires) return hit.body;
    const { answer, until = Infinity } = await build();
    const body = serialiseJson(answer);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { body, stamp, from: t, until, expires: Date.now() + this.maxAgeMs });
    return body;
  }
}

/** One value per owner object (an app's seat counts stand for its instance: a test process holds several). */
export function perOwner<O extends object, V>(make: () => V): (owner: O) => V {
  const values = new WeakMap<O, V>();
  return (owner) => {
    let v = values.get(owner);
    if (v === undefined) values.set(owner, (v = make()));
    return v;
  };
}
