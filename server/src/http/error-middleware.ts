import type { Middleware } from 'koa';
import mongoose from 'mongoose';
import { ERROR_MESSAGES, type ErrorBody } from '@jingkai/shared';
import { AppError, dbUnavailable, errorBody } from './errors';
import { requestLog } from './request-context';

/** Driver errors that mean "the database is not reachable", not "the request is wrong". */
const DB_DOWN_ERRORS = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoServerClosedError',
  'MongoWaitQueueTimeoutError',
]);

/**
 * Server codes of a database that is shutting down, restarting or unreachable (MongoDB's own list:
 * HostUnreachable, HostNotFound, NetworkTimeout, ShutdownInProgress, PrimarySteppedDown,
 * SocketException, NotWritablePrimary, InterruptedAtShutdown, InterruptedDueToReplStateChange,
 * NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary).
 */
const DB_DOWN_CODES = new Set([6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436]);

/** A socket the driver was writing to died under it (the database process was killed mid-request). */
const SOCKET_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ERR_STREAM_WRITE_AFTER_END', 'ERR_SOCKET_CLOSED']);

function isDbDown(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (DB_DOWN_ERRORS.has(err.name)) return true;
  const e = err as { code?: unknown; hasErrorLabel?: (label: string) => boolean };
  if (typeof e.code === 'number' && DB_DOWN_CODES.has(e.code)) return true;
  if (typeof e.code === 'string' && SOCKET_CODES.has(e.code)) return true;
  // The driver labels errors after which a retry on a healthy server may succeed.
  if (
    typeof e.hasErrorLabel === 'function' &&
    ['RetryableWriteError', 'ResetPool', 'TransientTransactionError'].some((l) => e.hasErrorLabel!(l))
  )
    return true;
  // mongoose with bufferCommands off, before a (re)connection completes
  return /before initial connection is complete|Client must be connected|connection .* closed|Topology is closed|socket has been ended/i.test(
    err.message,
  );
}

/** Turns errors thrown by framework parts (body parser, koa's ctx.throw) into AppErrors. */
function normalise(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (isDbDown(err)) return dbUnavailable();
  if (err instanceof mongoose.Error.CastError) return AppError.of('VALIDATION_FAILED', undefined, { [err.path]: '格式不正确' });
  const e = err as { status?: number; type?: string; expose?: boolean };
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    if (e.status === 413) return AppError.of('PAYLOAD_TOO_LARGE');
    if (e.status === 415) return AppError.of('UNSUPPORTED_MEDIA_TYPE');
    if (e.status === 400) return AppError.of('VALIDATION_FAILED', '请求内容不是有效的 JSON', { body: '不是有效的 JSON' });
    if (e.status === 404) return AppError.of('NOT_FOUND');
    if (e.status === 405) return AppError.of('METHOD_NOT_ALLOWED');
    return new AppError(e.status, 'BAD_REQUEST', ERROR_MESSAGES.VALIDATION_FAILED);
  }
  return undefined;
}

/**
 * First in the chain: every error leaves as `{ error: { code, message, fields? } }`.
 * Unknown errors are logged with the request id and answered as a generic 500.
 */
export function errorMiddleware(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const appErr = normalise(err);
      let body: ErrorBody;
      if (appErr) {
        ctx.status = appErr.status;
        body = errorBody(appErr);
        if (appErr.headers) ctx.set(appErr.headers);
        if (appErr.status >= 500) requestLog(ctx)?.warn({ code: appErr.code, err: (err as Error).message }, 'request failed');
      } else {
        ctx.status = 500;
        body = errorBody({ code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL });
        requestLog(ctx)?.error({ err }, 'unhandled error');
      }
      ctx.body = body;
    }
  };
}
