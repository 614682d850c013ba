import { randomUUID } from 'node:crypto';
import {
  NEWS_CATEGORIES,
  newsCategoryLabel,
  type NewsArticle,
  type NewsCategory,
  type NewsCategoryRules,
  type NewsLatest,
  type NewsListItem,
  type NewsListQuery,
  type NewsRulesAnswer,
  type NewsRulesSaved,
  type NewsSyncReport,
  type NewsSyncStatus,
  type Paged,
  type StaffNewsItem,
} from '@jingkai/shared';
import type { Deps } from '../../deps';
import { AppError, notFound, validationError } from '../../http/errors';
import { toIso } from '../../lib/time';
import { newsCache, publishChange, type CachedBody } from './cache';
import { classify } from './categories';
import { plainLine, toBlocks } from './html';
import * as repo from './repo';
import { matches, rank } from './rank';
import { parseQuery } from './search';
import { importLink } from './import-link';
import { currentRules, OA_SOURCE, storeArticle } from './store';
import { escapeHtml } from '../../lib/escape';

function toListItem(d: repo.NewsListDoc, matches?: string[]): NewsListItem {
  return {
    id: String(d._id),
    title: d.title,
    digest: d.digest ?? '',
    category: d.category as NewsCategory,
    coverUrl: d.coverUrl ?? null,
    publishedAt: toIso(d.publishedAt),
    ...(matches ? { matches } : {}),
  };
}

function page<T>(all: T[], query: { page: number; pageSize: number }): Paged<T> {
  const start = (query.page - 1) * query.pageSize;
  return { items: all.slice(start, start + query.pageSize), total: all.length, page: query.page, pageSize: query.pageSize };
}

/**
 * A search: articles holding every term of the query (see search.ts), whole-word title hits first,
 * then title bigrams, then text alone, newer first within each; each with what to highlight. A
 * query with nothing left (punctuation, operators, a lone particle or letter) finds nothing.
 */
async function search(query: NewsListQuery & { q: string }): Promise<Paged<NewsListItem>> {
  const q = parseQuery(query.q);
  if (!q.terms.length) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const ranked = rank(q, await repo.searchVisible(q.terms, query.category));
  const shown = page(ranked, query);
  return { ...shown, items: shown.items.map((d) => toListItem(d, matches(q, d))) };
}

/** The list answer, served from the in-process cache once built. */
export async function listCached(query: NewsListQuery): Promise<CachedBody> {
  await newsCache.fresh();
  const key = JSON.stringify([query.category ?? '', query.q ?? '', query.page, query.pageSize]);
  return newsCache.body(key, async () => {
    if (query.q) return search({ ...query, q: query.q });
    const all = await newsCache.visible();
    const inCategory = query.category ? all.filter((d) => d.category === query.category) : all;
    return page(
      inCategory.map((d) => toListItem(d)),
      query,
    );
  });
}

/** For 首页: the pinned articles (newest first, at most three) and the newest article of each category. */
export async function latestCached(): Promise<CachedBody> {
  await newsCache.fresh();
  return newsCache.body('latest', async () => {
    const all = await newsCache.visible();
    const pinned = all.filter((d) => d.pinned).slice(0, 3);
    const items = NEWS_CATEGORIES.flatMap((c) => {
      const d = all.find((x) => x.category === c.value);
      return d ? [{ category: c.value, label: c.label, article: toListItem(d) }] : [];
    });
    const latest: NewsLatest = { pinned: pinned.map((d) => toListItem(d)), items };
    return latest;
  });
}

export async function getCached(id: string): Promise<CachedBody> {
  await newsCache.fresh();
  let missing = false;
  const body = await newsCache.body(`article:${id}`, async () => {
    const d = await repo.findVisible(id);
    if (!d) {
      missing = true;
      return null;
    }
    const blocks = toBlocks(d.contentHtml);
    const article: NewsArticle = {
      ...toListItem(d),
      contentHtml: d.contentHtml,
      blocks,
      images: blocks.flatMap((b) => (b.type === 'image' ? [b.src] : [])),
      source: d.source,
      author: d.author ?? null,
      url: d.url ?? null,
      readingMinutes: d.readingMinutes,
      eventId: d.eventId ?? null,
    };
    return article;
  });
  if (missing || body.json === 'null') throw notFound('NOT_FOUND', '这篇文章不存在或已下线');
  return body;
}

function toStaffItem(d: repo.NewsDoc): StaffNewsItem {
  return {
    ...toListItem(d),
    origin: d.origin as StaffNewsItem['origin'],
    ruleCategory: d.ruleCategory as NewsCategory,
    categoryOverride: (d.categoryOverride ?? null) as NewsCategory | null,
    hidden: d.hidden,
    hiddenBy: (d.hiddenBy ?? null) as StaffNewsItem['hiddenBy'],
    pinned: d.pinned ?? false,
    url: d.url ?? null,
  };
}

export async function staffPatch(
  id: string,
  patch: { category?: NewsCategory | null; hidden?: boolean; pinned?: boolean },
): Promise<StaffNewsItem> {
  const d = await repo.setOverride(id, { categoryOverride: patch.category, hidden: patch.hidden, pinned: patch.pinned });
  if (!d) throw notFound();
  await publishChange();
  return toStaffItem(d);
}

export async function staffList(q: { page: number; pageSize: number }): Promise<Paged<StaffNewsItem>> {
  const { docs, total } = await repo.listAll((q.page - 1) * q.pageSize, q.pageSize);
  return { items: docs.map(toStaffItem), total, page: q.page, pageSize: q.pageSize };
}

export async function staffImport(deps: Deps, url: string, category?: NewsCategory): Promise<StaffNewsItem> {
  let key: string;
  try {
    key = await importLink(deps, url, category);
  } catch (e) {
    deps.logger.warn({ err: (e as Error).message }, 'article link not imported');
    throw AppError.of('ARTICLE_UNREACHABLE', '暂时打不开这个链接，请稍后再试');
  }
  if (!key) throw validationError({ url: '没有读到文章内容，文章可能已被删除' });
  const d = await repo.findBySourceKey(key);
  return toStaffItem(d!);
}

/** A notice written by staff: each paragraph as the official account styles one. */
export async function staffWrite(deps: Deps, n: { title: string; category: NewsCategory; text: string }): Promise<StaffNewsItem> {
  // Titles are plain text: markup is dropped when stored, so what remains must still be a title.
  if (plainLine(n.title).length < 4) throw validationError({ title: '标题至少 4 个字，不能只有符号或标签' });
  const paragraphs = n.text
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const html = `<section>${paragraphs
    .map((p) => `<p style="margin:0 0 16px;font-size:16px;line-height:1.75;text-indent:2em;">${escapeHtml(p)}</p>`)
    .join('')}</section>`;
  const key = `staff:${randomUUID()}`;
  await storeArticle(
    deps,
    {
      sourceKey: key,
      origin: 'staff',
      title: n.title,
      digest: '',
      author: null,
      html,
      coverUrl: null,
      url: null,
      source: OA_SOURCE,
      publishedAt: deps.now(),
      sourceUpdatedAt: 0,
    },
    { rules: await currentRules(), forceCategory: n.category },
  );
  await publishChange();
  return toStaffItem((await repo.findBySourceKey(key))!);
}

export async function rules(): Promise<NewsRulesAnswer> {
  return { rules: await currentRules(), labels: Object.fromEntries(NEWS_CATEGORIES.map((c) => [c.value, newsCategoryLabel(c.value)])) };
}

/** Saves new rules and re-files every article without a staff override. */
export async function saveRules(next: NewsCategoryRules): Promise<NewsRulesSaved> {
  await repo.saveRules(next);
  const reclassified = await repo.reclassifyAll((a) => classify(next, a));
  await publishChange();
  return { rules: next, reclassified };
}

export async function syncStatus(): Promise<NewsSyncStatus> {
  const meta = await repo.readMeta();
  const last = meta.lastSync as (NewsSyncReport & { at: Date }) | null;
  return {
    lastSync: last && { ...last, at: toIso(new Date(last.at)) },
    lastSuccessAt: meta.lastSuccessAt ? toIso(meta.lastSuccessAt) : null,
  };
}

/** Pins the article of a source key (the demo pins the 2025 plan article); false when it is not there. */
/** Links the article `newsId` to the event (null: unlinks it); false when there is no such article. */
export async function linkEventArticle(newsId: string | null, eventId: string): Promise<boolean> {
  const ok = await repo.linkEvent(newsId, eventId);
  if (ok) await publishChange();
  return ok;
}

export async function pinArticle(key: string): Promise<boolean> {
  const pinned = await repo.pinBySourceKey(key);
  if (pinned) await publishChange();
  return pinned;
}
