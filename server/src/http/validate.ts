import { gunzipSync } from 'node:zlib';
import type { RouterMiddleware as RouteMiddleware } from '@koa/router';
import type { Context, DefaultState, Middleware } from 'koa';
import type { z } from 'zod';
import { issuesToFields } from '@jingkai/shared';
import { AppError, validationError } from './errors';

type Part = 'body' | 'query' | 'params';

/** The shared zod schemas of one route: what it takes (body, query, params) and what it answers. */
export interface Schemas {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  /** The shape of its 2xx JSON answer, checked on every answer in tests (checkResponses) and documented. */
  response?: z.ZodType;
}

/** What validate() puts on `ctx.state`: each part it was given a schema for, as that schema outputs it. */
export type Validated<S extends Schemas> = {
  [K in Part as S[K] extends z.ZodType ? K : never]: S[K] extends z.ZodType ? z.output<S[K]> : never;
};

/** Where validate() leaves its schemas on the middleware, so the OpenAPI document is built from them. */
export const VALIDATES = Symbol('validates');

/** The response schema of the route a request reached, for checkResponses(). */
const responseOf = new WeakMap<Context, z.ZodType>();

/**
 * Parses body, query and params with their shared zod schemas and puts the results on
 * `ctx.state.body|query|params`, typed: a handler after it reads them without casts. Handlers never
 * read `ctx.request.body` raw, so unknown fields and operator objects (`{"$ne": null}`) never reach a
 * query. `response` declares the answer's schema (see checkResponses()).
 */
export function validate<S extends Schemas>(schemas: S): RouteMiddleware<DefaultState & Validated<S>> {
  const mw = validator(schemas);
  return Object.assign(mw, { [VALIDATES]: schemas }) as unknown as RouteMiddleware<DefaultState & Validated<S>>;
}

function validator(schemas: Schemas): Middleware {
  // A GET is parsed once per distinct URL (its path gives the params, its query string the query):
  // the hot public reads are asked the same few questions over and over. Parsed values are frozen so
  // no handler can change them.
  const readOnly = !schemas.body && (schemas.query || schemas.params);
  const parsed = new Map<string, { query?: unknown; params?: unknown }>();
  return async (ctx, next) => {
    if (schemas.response) responseOf.set(ctx, schemas.response);
    const cacheable = readOnly && ctx.method === 'GET';
    if (cacheable) {
      const hit = parsed.get(ctx.url);
      if (hit !== undefined) {
        if (schemas.query) ctx.state.query = hit.query;
        if (schemas.params) ctx.state.params = hit.params;
        return next();
      }
    }
    const body = (ctx.request as unknown as { body?: unknown }).body;
    // A route that takes JSON, sent a body the JSON parser left unread (another type): 415.
    if (schemas.body && body === undefined && (ctx.get('Transfer-Encoding') || Number(ctx.get('Content-Length') || 0) > 0)) {
      throw AppError.of('UNSUPPORTED_MEDIA_TYPE');
    }
    const sources: Record<Part, unknown> = {
      body: body ?? {},
      query: ctx.query,
      params: (ctx as unknown as { params?: unknown }).params ?? {},
    };
    const fields: Record<string, string> = {};
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = schemas[part];
      if (!schema) continue;
      const result = schema.safeParse(sources[part]);
      if (result.success) ctx.state[part] = result.data;
      else Object.assign(fields, issuesToFields(result.error.issues, part === 'body' ? '' : part, sources[part]));
    }
    if (Object.keys(fields).length) throw validationError(fields);
    if (cacheable) {
      if (parsed.size >= 1000) parsed.clear();
      const entry = { query: Object.freeze(ctx.state.query), params: Object.freeze(ctx.state.params) };
      parsed.set(ctx.url, entry);
      if (schemas.query) ctx.state.query = entry.query;
      if (schemas.params) ctx.state.params = entry.params;
    }
    await next();
  };
}

/** The JSON a client receives for this answer (a cached Buffer is decoded, gunzipped when sent so). */
function answeredJson(ctx: Context): unknown {
  const body: unknown = ctx.body;
  if (Buffer.isBuffer(body)) {
    const bytes = ctx.response.get('Content-Encoding') === 'gzip' ? gunzipSync(body) : body;
    return JSON.parse(bytes.toString('utf8'));
  }
  if (typeof body === 'string') return JSON.parse(body);
  return body === undefined || body === null ? body : JSON.parse(JSON.stringify(body));
}

/** Thrown by checkResponses() when an answer leaves its schema: a bug, answered as a 500. */
export class ResponseContractError extends Error {
  override name = 'ResponseContractError';
}

/**
 * Test-only (the app adds it when `config.env === 'test'`): every 2xx answer of a route that declared
 * a `response` schema is parsed, as the client would receive it, with that schema. A mismatch is
 * printed and thrown, so the request answers 500 and the test that made it fails, whatever it
 * asserts. Every server test thereby checks every answer it sees against the shared contract.
 */
export function checkResponses(): Middleware {
  return async (ctx, next) => {
    await next();
    const schema = responseOf.get(ctx);
    if (!schema || ctx.status < 200 || ctx.status >= 300) return;
    const where = `${ctx.method} ${ctx.path} (${ctx.status})`;
    let problem: string | undefined;
    try {
      const result = schema.safeParse(answeredJson(ctx));
      if (result.success) return;
      problem = `answered outside its response schema: ${result.error.issues.map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`).join('; ')}`;
    } catch (e) {
      problem = `did not answer JSON: ${(e as Error).message}`;
    }
    const err = new ResponseContractError(`${where} ${problem}`);
    console.error(err.message);
    // The error envelope that replaces the answer goes out as plain JSON.
    ctx.remove('Content-Encoding');
    throw err;
  };
}
