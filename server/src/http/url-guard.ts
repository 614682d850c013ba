import type { Middleware } from 'koa';
import { AppError, validationError } from './errors';

const decodes = (s: string): boolean => {
  try {
    decodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};

/** Whether every `%XX` of a query string forms valid UTF-8 (keys and values, `+` as a space). */
function queryDecodes(qs: string): boolean {
  for (const pair of qs.split('&')) if (!decodes(pair.replace(/\+/g, ' '))) return false;
  return true;
}

/**
 * Refuses a URL whose percent-encoding is malformed (`/%E0%A4%A`, a lone `%`, bytes that are not
 * UTF-8) with 400 before any router, query parser or file lookup decodes it: decodeURIComponent
 * throws a URIError there (a 500), and Node's lenient query parser would hand on replacement
 * characters instead.
 */
export function refuseMalformedUrl(): Middleware {
  return async (ctx, next) => {
    // The routers match paths case-insensitively, while the log, the database guard and the H5
    // fallback look for `/api/`: a `/API/…` path would slip past the log. The API is lower case.
    if (/^\/api(\/|$)/i.test(ctx.path) && !/^\/api(\/|$)/.test(ctx.path)) throw AppError.of('ROUTE_NOT_FOUND');
    if (ctx.path.includes('%') && !decodes(ctx.path)) throw validationError({ path: '网址中的编码不正确' }, '网址格式不正确');
    if (ctx.querystring.includes('%') && !queryDecodes(ctx.querystring))
      throw validationError({ query: '网址中的编码不正确' }, '网址格式不正确');
    await next();
  };
}
