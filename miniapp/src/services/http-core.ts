import { ERROR_MESSAGES, type ErrorBody } from '@jingkai/shared';

/** Every failed call ends as an ApiError; `message` is always Chinese text a citizen can read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly requestId?: string,
    /** Facts beside the message (ALREADY_CHECKED_IN: the first entry's time and gate). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True for failures where trying again later may help. */
  get retriable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TransportRequest {
  url: string;
  method: Method;
  data?: unknown;
  header: Record<string, string>;
  timeout: number;
}

export interface TransportResponse {
  statusCode: number;
  data: unknown;
  header: Record<string, string>;
}

/** Taro.request in the app, a plain function in tests. Rejects only when no answer came. */
export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

export interface HttpOptions {
  baseUrl: string;
  transport: Transport;
  timeoutMs: number;
  getToken?: () => string | undefined;
  /**
   * Logs in again after a 401 on a request that carried a token. All requests in flight share one
   * re-login; each then retries once with the new token.
   */
  reauthenticate?: () => Promise<void>;
  /** Waits between retries of idempotent GETs; injectable so tests need no clock. */
  sleep?: (ms: number) => Promise<void>;
  retryDelaysMs?: number[];
}

export interface RequestOptions {
  method?: Method;
  query?: Record<string, string | number | undefined | null>;
  data?: unknown;
  headers?: Record<string, string>;
}

export function buildQuery(query: RequestOptions['query']): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

function toApiError(res: TransportResponse): ApiError {
  const body = res.data as Partial<ErrorBody> | undefined;
  const requestId = res.header['x-request-id'] ?? res.header['X-Request-Id'];
  const e = body && typeof body === 'object' ? body.error : undefined;
  if (e && typeof e.code === 'string') {
    return new ApiError(res.statusCode, e.code, e.message || ERROR_MESSAGES.INTERNAL, e.fields ?? {}, requestId, e.details ?? {});
  }
  const code = res.statusCode >= 500 ? 'INTERNAL' : 'HTTP_ERROR';
  return new ApiError(res.statusCode, code, ERROR_MESSAGES.INTERNAL, {}, requestId);
}

/**
 * The one caller of the network. Adds the token, applies a timeout, turns every non-2xx into an
 * ApiError with the server's message, and retries GETs (which are idempotent) on network failures
 * and 502/503/504.
 */
export function createHttp(opts: HttpOptions) {
  const delays = opts.retryDelaysMs ?? [400, 1200];
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  async function once<T>(path: string, o: RequestOptions): Promise<T> {
    const method = o.method ?? 'GET';
    const header: Record<string, string> = { Accept: 'application/json', ...o.headers };
    if (o.data !== undefined && !header['Content-Type']) header['Content-Type'] = 'application/json';
    const token = opts.getToken?.();
    if (token) header.Authorization = `Bearer ${token}`;
    let res: TransportResponse;
    try {
      res = await opts.transport({
        url: `${opts.baseUrl}${path}${buildQuery(o.query)}`,
        method,
        data: o.data,
        header,
        timeout: opts.timeoutMs,
      });
    } catch {
      throw new ApiError(0, 'NETWORK_ERROR', '网络不太好，请检查网络后再试');
    }
    if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
    throw toApiError(res);
  }

  let relogin: Promise<void> | undefined;
  const reauth = () => {
    relogin ??= opts.reauthenticate!().finally(() => {
      relogin = undefined;
    });
    return relogin;
  };

  return async function request<T>(path: string, o: RequestOptions = {}): Promise<T> {
    const idempotent = (o.method ?? 'GET') === 'GET';
    let reauthed = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await once<T>(path, o);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401 && opts.reauthenticate && !reauthed) {
          reauthed = true;
          await reauth();
          attempt--;
          continue;
        }
        const delay = delays[attempt];
        if (!idempotent || !(e instanceof ApiError) || !e.retriable || delay === undefined) throw e;
        await sleep(delay);
      }
    }
  };
}
