import { randomUUID } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import type { Logger } from '../logger';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A path as logged: long runs of digits (a phone or an ID number typed where an id belongs) masked. */
const maskedPath = (path: string) => path.replace(/\d{11,}[Xx]?/g, '***');

declare module 'koa' {
  interface DefaultState {
    /** The app's injected clock (`deps.now`), for code that has the request but not the deps. */
    now: () => Date;
  }
}

/**
 * Gives every request an id (a caller's `x-request-id` is kept when it is safe to echo), a child
 * logger that stamps it on every line, and one access-log line at the end. Bodies, query strings and
 * headers that can carry personal data are never logged. It also hands on the app's clock.
 */
export function requestContext(logger: Logger, now: () => Date): Middleware {
  return async (ctx, next) => {
    ctx.state.now = now;
    const incoming = ctx.get('x-request-id');
    const id = SAFE_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    ctx.state.baseLogger = logger;
    ctx.set('x-request-id', id);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (ctx.path.startsWith('/api/') && logger.isLevelEnabled('info')) {
        requestLog(ctx)?.info(
          { method: ctx.method, path: maskedPath(ctx.path), status: ctx.status, ms: Math.round(ms * 10) / 10 },
          'request',
        );
      }
    }
  };
}

/** The request's logger, stamping its id on every line; made on first use (most requests log one line or none). */
export function requestLog(ctx: Context): Logger | undefined {
  const base = ctx.state.baseLogger as Logger | undefined;
  return (ctx.state.log ??= base?.child({ reqId: ctx.state.requestId })) as Logger | undefined;
}
