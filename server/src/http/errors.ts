import { ERRORS, type CodeOf, type ErrorBody, type ErrorCode } from '@jingkai/shared';

/**
 * The one error type handlers throw. The error middleware turns it into the contract's envelope;
 * anything else becomes a generic 500. The status and the default message come from the shared list
 * of codes (`ERRORS`), so a code means one status everywhere.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    status: number,
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
    /** Facts a client acts on beside the message (the first check-in's time and gate). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.status = status;
  }

  /** An error of `code` with the status the list gives it. */
  static of(code: ErrorCode, message?: string, fields?: Record<string, string>, headers?: Record<string, string>): AppError {
    return new AppError(ERRORS[code].status, code, message, fields, headers);
  }
}

export const validationError = (fields: Record<string, string>, message?: string) => AppError.of('VALIDATION_FAILED', message, fields);
export const unauthenticated = (message?: string) => AppError.of('UNAUTHENTICATED', message);
export const forbidden = (message?: string) => AppError.of('FORBIDDEN', message);
export const notFound = (code: CodeOf<404> = 'NOT_FOUND', message?: string) => AppError.of(code, message);
export const conflict = (code: CodeOf<409>, message?: string) => AppError.of(code, message);
export const rateLimited = (retryAfterSeconds: number) =>
  AppError.of('RATE_LIMITED', undefined, undefined, { 'Retry-After': String(retryAfterSeconds) });
export const dbUnavailable = () => AppError.of('DB_UNAVAILABLE');

/** The contract's envelope for an AppError: the one place it is built (the middleware, idempotent replays). */
export function errorBody(e: Pick<AppError, 'code' | 'message' | 'fields'> & { details?: Record<string, unknown> }): ErrorBody {
  return {
    error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}), ...(e.details ? { details: e.details } : {}) },
  };
}
