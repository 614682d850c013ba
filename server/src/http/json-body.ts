import type { Middleware } from 'koa';
import { AppError, validationError } from './errors';

/** Deeper than any body of the API; a deeper one is an attack on whatever walks it next. */
export const MAX_JSON_DEPTH = 32;

const notJson = (why: string) => validationError({ body: why }, '请求内容不是有效的 JSON');

/** The deepest nesting of objects and arrays in JSON text (brackets inside strings do not count). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/**
 * Parses JSON text as a request body: an object or an array, at most MAX_JSON_DEPTH deep, with no
 * key that could reach an object's prototype (`__proto__`, `constructor.prototype`, as
 * secure-json-parse refuses them). Throws the 400 the client gets.
 */
export function parseJsonBody(text: string): unknown {
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw notJson(`嵌套不能超过 ${MAX_JSON_DEPTH} 层`);
  let value: unknown;
  try {
    value = JSON.parse(text, function (this: unknown, key, v: unknown) {
      if (key === '__proto__' || (key === 'constructor' && v !== null && typeof v === 'object' && 'prototype' in v)) {
        throw new AppError(400, 'VALIDATION_FAILED', undefined, { [key]: '不支持这个字段' });
      }
      return v;
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw notJson('不是有效的 JSON');
  }
  if (value === null || typeof value !== 'object') throw notJson('应为 JSON 对象');
  return value;
}

const hasBody = (headers: Record<string, string | string[] | undefined>) =>
  headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;

/**
 * The JSON body of POST, PUT and PATCH requests on `ctx.request.body`, read up to `limitBytes`
 * (413 beyond). The bytes must be valid UTF-8: a body with invalid bytes is refused with 400 rather
 * than decoded into replacement characters that would then pass as text. Bodies of other types are
 * left unread (`ctx.request.body` stays undefined) for the routes that take raw bytes (avatars);
 * validate() refuses them with 415 on a route that expects JSON.
 */
export function jsonBody(limitBytes: number): Middleware {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  return async (ctx, next) => {
    if (!['POST', 'PUT', 'PATCH'].includes(ctx.method) || !hasBody(ctx.req.headers) || !ctx.is('application/json', '+json')) return next();
    const encoding = ctx.get('Content-Encoding');
    if (encoding && encoding !== 'identity') throw AppError.of('UNSUPPORTED_MEDIA_TYPE', '请不要压缩提交的内容');
    const declared = Number(ctx.get('Content-Length') || 0);
    if (declared > limitBytes) throw AppError.of('PAYLOAD_TOO_LARGE');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limitBytes) throw AppError.of('PAYLOAD_TOO_LARGE');
      chunks.push(chunk);
    }
    let text: string;
    try {
      text = utf8.decode(Buffer.concat(chunks));
    } catch {
      throw notJson('不是有效的 UTF-8 文本');
    }
    (ctx.request as unknown as { body?: unknown }).body = parseJsonBody(text);
    await next();
  };
}
