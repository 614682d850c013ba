import type { Middleware } from 'koa';
import type { z } from 'zod';
import { issuesToFields } from '@jingkai/shared';
import { AppError, validationError } from './errors';

type Part = 'body' | 'query' | 'params';
export type Schemas = Partial<Record<Part, z.ZodType>>;

/**
 * Parses body, query and params with their shared zod schemas and puts the results on
 * `ctx.state.body|query|params`. Handlers never read `ctx.request.body` raw, so unknown fields and
 * operator objects (`{"$ne": null}`) never reach a query.
 */
/** Where validate() leaves its schemas on the middleware, so the OpenAPI document is built from them. */
export const VALIDATES = Symbol('validates');

export function validate(schemas: Schemas): Middleware {
  const mw = validator(schemas);
  return Object.assign(mw, { [VALIDATES]: schemas });
}

function validator(schemas: Schemas): Middleware {
  // A GET with only a query is parsed once per distinct query string: the hot public lists are
  // asked the same few questions over and over. Parsed values are frozen so no handler can change them.
  const queryOnly = schemas.query && !schemas.body && !schemas.params;
  const parsedQueries = new Map<string, unknown>();
  return async (ctx, next) => {
    if (queryOnly && ctx.method === 'GET') {
      const hit = parsedQueries.get(ctx.querystring);
      if (hit !== undefined) {
        ctx.state.query = hit;
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
    if (queryOnly && ctx.method === 'GET') {
      if (parsedQueries.size >= 1000) parsedQueries.clear();
      parsedQueries.set(ctx.querystring, Object.freeze(ctx.state.query));
    }
    await next();
  };
}
