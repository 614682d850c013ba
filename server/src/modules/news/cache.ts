import { isDbUp } from '../../db';
import { dbUnavailable } from '../../http/errors';
import { serialiseJson, type SerialisedJson } from '../../lib/serialised';
import * as repo from './repo';

/** A response body serialised once, with its ETag. */
export type CachedBody = SerialisedJson;

const CHECK_MS = 2_000;
const MAX_BODIES = 2_000;

/**
 * The news this instance serves from memory: every visible article (without content) and the
 * serialised answers built from it. A sync or edit here clears it at once; changes made by another
 * instance are noticed through the shared version within two seconds. Reads never wait for the
 * database while the version is unchanged, and while the database is away they keep answering what
 * they hold (a miss is a 503).
 */
class NewsCache {
  private version: string | undefined;
  private checkedAt = 0;
  private checking: Promise<void> | undefined;
  private list: Promise<repo.NewsListDoc[]> | undefined;
  private readonly bodies = new Map<string, CachedBody>();

  /** Makes sure the cache is not older than the shared version allows. */
  async fresh(): Promise<void> {
    if (Date.now() - this.checkedAt < CHECK_MS || !isDbUp()) return;
    this.checking ??= repo
      .readVersion()
      .then((v) => {
        if (v !== this.version) this.clear();
        this.version = v;
        this.checkedAt = Date.now();
      })
      // The database went away mid-check: what is held is served; a miss finds out below.
      .catch(() => undefined)
      .finally(() => {
        this.checking = undefined;
      });
    await this.checking;
  }

  visible(): Promise<repo.NewsListDoc[]> {
    this.list ??= repo.listVisible().catch((e: unknown) => {
      this.list = undefined;
      throw e;
    });
    return this.list;
  }

  /** The cached answer for `key`, built (and serialised) on the first request. */
  async body(key: string, build: () => Promise<unknown>): Promise<CachedBody> {
    const hit = this.bodies.get(key);
    if (hit) return hit;
    if (!isDbUp()) throw dbUnavailable();
    const entry = serialiseJson(await build());
    if (this.bodies.size >= MAX_BODIES) this.bodies.clear();
    this.bodies.set(key, entry);
    return entry;
  }

  clear(): void {
    this.list = undefined;
    this.bodies.clear();
  }

  /** After a change made by this instance: clear now and read the new version on the next request. */
  invalidate(): void {
    this.clear();
    this.checkedAt = 0;
  }
}

export const newsCache = new NewsCache();

/**
 * Every change to what citizens see goes through here: a new shared version (other instances notice
 * within two seconds) and this instance's cache cleared at once.
 */
export async function publishChange(): Promise<void> {
  await repo.bumpVersion();
  newsCache.invalidate();
}
