import { randomUUID } from 'node:crypto';
import type { NewsSyncReport } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../http/errors';
import { WechatError, type FreepublishNewsItem } from '../../wechat/client';
import { acquireLease, releaseLease } from '../lease';
import { publishChange } from './cache';
import * as repo from './repo';
import { reindexNews, releaseArticleTools } from './reindex';
import { ImageMirror, OA_SOURCE, currentRules, storeArticle, type ArticleInput } from './store';

export const NEWS_SYNC_LEASE = 'news-sync';
const LEASE_MS = 5 * 60_000;
const PAGE = 20;

export type SyncProgress = (event: { done: number; total: number; title?: string }) => void;

const sourceKey = (articleId: string, index: number) => `oa:${articleId}:${index}`;

function oaInput(articleId: string, index: number, n: FreepublishNewsItem, times: { create: number; update: number }): ArticleInput {
  return {
    sourceKey: sourceKey(articleId, index),
    origin: 'oa',
    title: n.title,
    digest: n.digest ?? '',
    author: n.author || null,
    html: n.content ?? '',
    coverUrl: n.thumb_url || null,
    url: n.url || null,
    source: OA_SOURCE,
    publishedAt: new Date(times.create * 1000),
    sourceUpdatedAt: times.update,
  };
}

const describe = (e: unknown) =>
  e instanceof WechatError
    ? `WeChat ${e.errcode}: ${e.errmsg}`
    : e instanceof AppError
      ? `${e.code}: ${e.message}`
      : e instanceof Error
        ? `${e.name}: ${e.message}`
        : String(e);

/**
 * Mirrors the official account's published articles: batchget pages of 20 (ids and update times
 * only), getarticle for each new or changed one, a source deletion hidden. Safe to run again at any
 * time: articles are keyed by `article_id` and index, unchanged ones are skipped, so a run that
 * failed half-way resumes on the next one with no duplicates. Articles that vanished from the list
 * are hidden only after a complete pass. One runner at a time across instances, by lease.
 */
export async function syncNews(
  deps: Deps,
  opts: { holder?: string; onProgress?: SyncProgress } = {},
): Promise<NewsSyncReport & { held: boolean }> {
  const started = Date.now();
  const report: NewsSyncReport = { listed: 0, created: 0, updated: 0, unchanged: 0, hidden: 0, failed: false, error: null, ms: 0 };
  const oa = deps.officialAccount;
  if (!oa) return { ...report, failed: true, error: '未配置公众号（OA_APPID / OA_SECRET）', held: false };
  const holder = opts.holder ?? `sync-${randomUUID()}`;
  const renew = () => acquireLease(NEWS_SYNC_LEASE, holder, deps.now(), new Date(deps.now().getTime() + LEASE_MS));
  if (!(await renew())) return { ...report, held: false };
  const mirror = new ImageMirror(deps);
  const seen: string[] = [];
  try {
    await reindexNews(deps.logger);
    const rules = await currentRules();
    let offset = 0;
    let total = Infinity;
    while (offset < total) {
      const page = await oa.freepublishBatchget(offset, PAGE, true);
      total = page.total_count;
      if (!page.item.length) break;
      offset += page.item.length;
      const keys = page.item.flatMap((it) => it.content.news_item.map((_, i) => sourceKey(it.article_id, i)));
      const stored = new Map((await repo.findBySourceKeys(keys)).map((d) => [d.sourceKey, d]));
      for (const it of page.item) {
        const items = it.content.news_item;
        report.listed += items.length;
        const times = { create: it.content.create_time ?? it.update_time, update: it.update_time };
        // Current: stored at this update time and not hidden for a deletion it has come back from.
        const current = (i: number) => {
          const s = stored.get(sourceKey(it.article_id, i));
          return !!s && s.sourceUpdatedAt === it.update_time && !(s.hidden && s.hiddenBy === 'source');
        };
        const needs = items.some((n, i) => !n.is_deleted && !current(i));
        const full = needs ? await oa.freepublishGetArticle(it.article_id) : [];
        for (const [i, n] of items.entries()) {
          const key = sourceKey(it.article_id, i);
          const s = stored.get(key);
          if (n.is_deleted) {
            if (await repo.hideBySourceKey(key)) report.hidden++;
            continue;
          }
          seen.push(key);
          const fresh = full[i];
          if (!fresh || current(i)) {
            report.unchanged++;
            continue;
          }
          await storeArticle(deps, oaInput(it.article_id, i, fresh, times), { rules, mirror, existing: s ?? null });
          if (s) report.updated++;
          else report.created++;
          opts.onProgress?.({ done: report.listed, total, title: fresh.title });
        }
      }
      opts.onProgress?.({ done: report.listed, total });
      if (!(await renew())) throw new Error('the sync lease was taken over');
    }
    report.hidden += await repo.hideMissingFromSource('oa:', seen);
  } catch (e) {
    report.failed = true;
    report.error = describe(e);
    deps.logger.warn({ err: report.error, ...report }, 'news sync stopped; the next run resumes');
  } finally {
    report.ms = Date.now() - started;
    if (report.created || report.updated || report.hidden) await publishChange();
    await repo.recordSync({ ...report, at: deps.now() }, !report.failed, deps.now());
    await releaseLease(NEWS_SYNC_LEASE, holder);
    releaseArticleTools();
  }
  if (!report.failed) deps.logger.info(report, 'news sync done');
  return { ...report, held: true };
}
