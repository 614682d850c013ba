import { createHash } from 'node:crypto';
import type { NewsCategory } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { httpGet } from '../../lib/http-get';
import { publishChange } from './cache';
import { currentRules, OA_SOURCE, storeArticle } from './store';

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
  await publishChange();
  return key;
}
