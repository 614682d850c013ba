// Storing one article, whoever brings it: the official account's sync, a pasted link, a staff notice.
import type { NewsCategory, NewsCategoryRules } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { httpGet } from '../../lib/http-get';
import { MediaStore } from '../../lib/media-store';
import { DEFAULT_CATEGORY_RULES, classify } from './categories';
import { imageUrls, plainLine, plainText, readingMinutes, sanitizeArticleHtml } from './html';
import * as repo from './repo';
import { searchIndex } from './reindex';

const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const OA_SOURCE = '通辽经济技术开发区官方微信公众号';

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
export class ImageMirror {
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
