import type { NewsArticle, NewsListItem, NewsListQuery, Paged } from '@jingkai/shared';
import { notFound } from '../../http/errors';
import { toIso } from '../../lib/time';
import type { NewsDoc } from './model';
import * as repo from './repo';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function toListItem(d: NewsDoc): NewsListItem {
  return {
    id: String(d._id),
    title: d.title,
    digest: d.digest,
    category: d.category as NewsListItem['category'],
    coverUrl: d.coverUrl ?? null,
    publishedAt: toIso(d.publishedAt),
  };
}

/** Chinese reading speed of about 400 characters a minute, at least one minute. */
export function readingMinutes(html: string): number {
  const text = html.replace(/<[^>]+>/g, '').replace(/\s+/g, '');
  return Math.max(1, Math.round(text.length / 400));
}

export async function list(query: NewsListQuery): Promise<Paged<NewsListItem>> {
  const { page, pageSize } = query;
  const { docs, total } = await repo.listNews(
    { category: query.category, pattern: query.q ? escapeRegex(query.q) : undefined },
    (page - 1) * pageSize,
    pageSize,
  );
  return { items: docs.map(toListItem), total, page, pageSize };
}

export async function get(id: string): Promise<NewsArticle> {
  const d = await repo.findNews(id);
  if (!d) throw notFound('NOT_FOUND', '这篇文章不存在或已下线');
  return {
    ...toListItem(d),
    contentHtml: d.contentHtml,
    source: d.source,
    author: d.author ?? null,
    readingMinutes: readingMinutes(d.contentHtml),
  };
}
