import { httpRequest } from './http-request';

/**
 * GETs a URL with a timeout and a size cap, following up to 5 redirects, for mirroring article
 * images and reading pasted article pages. Throws on a transport error, a non-2xx answer or a body
 * over `maxBytes`.
 */
export async function httpGet(url: string, opts: { timeoutMs: number; maxBytes: number }): Promise<{ body: Buffer; type: string }> {
  const res = await httpRequest(url, { timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes, maxRedirects: 5 });
  if (res.status < 200 || res.status >= 300) throw new Error(`GET ${new URL(url).host} answered ${res.status}`);
  return { body: res.body, type: res.headers['content-type'] ?? '' };
}
