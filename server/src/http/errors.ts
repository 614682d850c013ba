import { ERROR_MESSAGES, type ErrorBody, type ErrorCode } from '@jingkai/shared';

/**
 * The one error type handlers throw. The error middleware turns it into the contract's envelope;
 * anything else becomes a generic 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message ?? (ERROR_MESSAGES as Record<string, string>)[code] ?? ERROR_MESSAGES.INTERNAL);
    this.name = 'AppError';
  }
}

export const validationError = (fields: Record<string, string>, message?: string) =>
  new AppError(400, 'VALIDATION_FAILED', message, fields);
export const unauthenticated = (message?: string) => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message?: string) => new AppError(403, 'FORBIDDEN', message);
export const notFound = (code: ErrorCode = 'NOT_FOUND', message?: string) => new AppError(404, code, message);
export const conflict = (code: ErrorCode, message: string) => new AppError(409, code, message);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(429, 'RATE_LIMITED', undefined, undefined, { 'Retry-After': String(retryAfterSeconds) });
export const dbUnavailable = () => new AppError(503, 'DB_UNAVAILABLE');

/** The contract's envelope for an AppError: the one place it is built (the middleware, idempotent replays). */
export function errorBody(e: Pick<AppError, 'code' | 'message' | 'fields'>): ErrorBody {
  return { error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } };
}
