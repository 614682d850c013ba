import type { Logger } from '../../logger';
import { publishChange } from './cache';
import { plainText, sanitizer } from './html';
import * as repo from './repo';
import { indexArticle, pinyinModule, SEARCH_INDEX_VERSION } from './search';

const BATCH = 50;

/** The search index of an article's title, digest and text, under the current version. */
export function searchIndex(a: { title: string; digest: string; text: string }) {
  return { ...indexArticle(a), searchVersion: SEARCH_INDEX_VERSION };
}

/**
 * Indexes again every article stored under an older version of search (or before there was one),
 * so a database from an earlier release finds what is typed. Run at start and before each sync;
 * cheap when nothing is stale. Safe to run on two instances at once: both write the same index,
 * and neither overwrites an article a sync has just stored. Returns how many were indexed.
 */
export async function reindexNews(logger?: Logger): Promise<number> {
  let done = 0;
  const seen = new Set<string>();
  for (;;) {
    const batch = (await repo.staleIndex(SEARCH_INDEX_VERSION, BATCH)).filter((d) => !seen.has(String(d._id)));
    if (!batch.length) break;
    for (const d of batch) {
      seen.add(String(d._id));
      const index = searchIndex({ title: d.title, digest: d.digest ?? '', text: plainText(d.contentHtml) });
      if (await repo.saveIndex(d._id, index)) done++;
    }
  }
  if (done) {
    await publishChange();
    logger?.info({ articles: done, version: SEARCH_INDEX_VERSION }, 'news search index rebuilt');
  }
  return done;
}

/**
 * Forgets what storing and indexing articles loaded (sanitize-html, pinyin-pro), so the next full
 * collection frees it: an idle API does not hold them. Run after the start's and each sync's work;
 * the next article stored loads them again.
 */
export function releaseArticleTools(): void {
  sanitizer.release();
  pinyinModule.release();
}
