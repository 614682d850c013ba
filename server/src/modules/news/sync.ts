import { createHash, randomUUID } from 'node:crypto';
import type { NewsCategory, NewsCategoryRules, NewsSyncReport } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../http/errors';
import { httpGet } from '../../lib/http-get';
import { MediaStore } from '../../lib/media-store';
import { WechatError, type FreepublishNewsItem } from '../../wechat/client';
import { acquireLease, releaseLease } from '../lease/repo';
import { DEFAULT_CATEGORY_RULES, classify } from './categories';
import { imageUrls, plainLine, plainText, readingMinutes, sanitizeArticleHtml } from './html';
import * as repo from './repo';
import { reindexNews, searchIndex } from './reindex';

export const NEWS_SYNC_LEASE = 'news-sync';
const LEASE_MS = 5 * 60_000;
const PAGE = 20;
const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const OA_SOURCE = '通辽经济技术开发区官方微信公众号';

export type SyncProgress = (event: { done: number; total: number; title?: string }) => void;

export const newsMedia = (deps: Deps) => new MediaStore(deps.config.mediaDir, '/api/media');

export async function currentRules(): Promise<NewsCategoryRules> {
  const saved = await repo.loadRules();
  return saved.length ? saved : DEFAULT_CATEGORY_RULES;
}

/**
 * Copies an article's images to our media store, so they load in the mini-program (the official
 * account's image host refuses other referrers) and survive the article's deletion. An image that
 * cannot be copied keeps its address; the sync goes on.
 */
class ImageMirror {
  private readonly done = new Map<string, string>();
  private readonly hosts: Set<string>;
  constructor(private readonly deps: Deps) {
    const c = deps.config;
    this.hosts = new Set([...c.newsImageHosts, new URL(c.wechatApiBase).host, new URL(c.oaWebBase).host]);
  }
  async mirror(urls: string[]): Promise<void> {
    for (const url of urls) {
      if (this.done.has(url)) continue;
      let host: string;
      try {
        host = new URL(url).host;
      } catch {
        continue;
      }
      if (!this.hosts.has(host)) continue;
      try {
        const { body } = await httpGet(url, { timeoutMs: 10_000, maxBytes: IMAGE_MAX_BYTES });
        const local = await newsMedia(this.deps).save(body);
        if (local) this.done.set(url, local);
      } catch (e) {
        this.deps.logger.warn({ host, err: (e as Error).message }, 'news image not mirrored');
      }
    }
  }
  /** The mirrored address of an image, or the original when it could not be copied. */
  map = (url: string): string => this.done.get(url.replace(/&amp;/g, '&')) ?? url;
}

export interface ArticleInput {
  sourceKey: string;
  origin: 'oa' | 'link' | 'staff';
  title: string;
  digest: string;
  author: string | null;
  html: string;
  coverUrl: string | null;
  url: string | null;
  source: string;
  publishedAt: Date;
  sourceUpdatedAt: number;
}

/** Sanitises, mirrors, segments and classifies one article, then stores it by its source key. */
export async function storeArticle(
  deps: Deps,
  a: ArticleInput,
  ctx: {
    rules: NewsCategoryRules;
    mirror?: ImageMirror;
    forceCategory?: NewsCategory;
    /** The stored state when the caller already read it (a sync reads a page at once); null: new. */
    existing?: repo.StoredState | null;
  },
): Promise<void> {
  const mirror = ctx.mirror ?? new ImageMirror(deps);
  await mirror.mirror([...(a.coverUrl ? [a.coverUrl] : []), ...imageUrls(a.html)]);
  const contentHtml = sanitizeArticleHtml(a.html, { image: mirror.map });
  const text = plainText(contentHtml);
  const title = plainLine(a.title).slice(0, 120);
  const digest = plainLine(a.digest).slice(0, 200) || plainLine(text).slice(0, 60);
  const existing = ctx.existing !== undefined ? ctx.existing : (await repo.findBySourceKeys([a.sourceKey]))[0];
  await repo.upsertBySourceKey(
    {
      sourceKey: a.sourceKey,
      origin: a.origin,
      title,
      digest,
      ruleCategory: classify(ctx.rules, { title, digest }),
      category: 'news',
      coverUrl: a.coverUrl ? mirror.map(a.coverUrl) : null,
      contentHtml,
      ...searchIndex({ title, digest, text }),
      readingMinutes: readingMinutes(text),
      author: a.author,
      source: a.source,
      url: a.url,
      publishedAt: a.publishedAt,
      sourceUpdatedAt: a.sourceUpdatedAt,
    },
    {
      categoryOverride: ctx.forceCategory ?? existing?.categoryOverride ?? null,
      hiddenByStaff: existing?.hidden === true && existing.hiddenBy === 'staff',
    },
  );
}

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
    if (report.created || report.updated || report.hidden) await repo.bumpVersion();
    await repo.recordSync({ ...report, at: deps.now() }, !report.failed, deps.now());
    await releaseLease(NEWS_SYNC_LEASE, holder);
  }
  if (!report.failed) deps.logger.info(report, 'news sync done');
  return { ...report, held: true };
}

/** Values of the script variables an article page (mp.weixin.qq.com/s/...) sets. */
function pageVar(html: string, name: string): string | undefined {
  const m = new RegExp(`var ${name}\\s*=\\s*(?:htmlDecode\\()?(['"])((?:\\\\.|(?!\\1).)*)\\1`).exec(html);
  return m?.[2]?.replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\(.)/g, '$1');
}

/** The body of `#js_content`: everything up to the script that follows the content div. */
function pageContent(html: string): string | undefined {
  const start = /<div[^>]*\bid="js_content"[^>]*>/.exec(html);
  if (!start) return undefined;
  const rest = html.slice(start.index + start[0].length);
  const end = rest.search(/<\/div>\s*(?:<script|<div[^>]*id="js_(?:tags|pc_qr_code|sponsor)|<\/body>)/);
  return end >= 0 ? rest.slice(0, end) : undefined;
}

/**
 * Stores an official-account article from its link: mass-send articles are not in batchget's list,
 * so staff paste them. The page is read from OA_WEB_BASE (mp.weixin.qq.com; the stand-in locally).
 */
export async function importLink(deps: Deps, link: string, category?: NewsCategory): Promise<string> {
  const u = new URL(link);
  const page = await httpGet(`${deps.config.oaWebBase}${u.pathname}${u.search}`, { timeoutMs: 10_000, maxBytes: 3 * 1024 * 1024 });
  const html = page.body.toString('utf8');
  const content = pageContent(html);
  const title = pageVar(html, 'msg_title');
  if (!content || !title) return '';
  const key = `link:${createHash('sha256')
    .update(u.pathname + u.search)
    .digest('hex')
    .slice(0, 24)}`;
  const ct = Number(pageVar(html, 'ct'));
  await storeArticle(
    deps,
    {
      sourceKey: key,
      origin: 'link',
      title,
      digest: pageVar(html, 'msg_desc') ?? '',
      author: pageVar(html, 'author') || null,
      html: content,
      coverUrl: pageVar(html, 'msg_cdn_url') || null,
      url: link,
      source: OA_SOURCE,
      publishedAt: Number.isFinite(ct) && ct > 0 ? new Date(ct * 1000) : deps.now(),
      sourceUpdatedAt: Number.isFinite(ct) ? ct : 0,
    },
    { rules: await currentRules(), forceCategory: category },
  );
  await repo.bumpVersion();
  return key;
}
