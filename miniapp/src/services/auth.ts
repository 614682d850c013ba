import Taro from '@tarojs/taro';
import type { LoginResult } from '@jingkai/shared';
import { API_BASE, REQUEST_TIMEOUT_MS } from '../config';
import { createHttp } from './http-core';
import { taroTransport } from './transport';

export const TOKEN_KEY = 'jk.token';

/**
 * A wx.login code; the H5 preview, which has none, makes its own (see platform/h5). Not an async
 * function: the weapp build drops the import only from a branch it can see is dead before Babel
 * rewrites the function.
 */
function loginCode(): Promise<string> {
  if (process.env.TARO_ENV === 'h5') return import('../platform/h5').then((h5) => h5.previewLoginCode());
  return Taro.login().then((r) => r.code);
}

const plain = createHttp({ baseUrl: API_BASE, transport: taroTransport, timeoutMs: REQUEST_TIMEOUT_MS });

let pending: Promise<LoginResult> | undefined;

/** Logs in (once at a time) and keeps the token. */
export function login(): Promise<LoginResult> {
  pending ??= (async () => {
    const code = await loginCode();
    const result = await plain<LoginResult>('/api/auth/login', { method: 'POST', data: { code } });
    Taro.setStorageSync(TOKEN_KEY, result.token);
    return result;
  })().finally(() => {
    pending = undefined;
  });
  return pending;
}

export const getToken = () => (Taro.getStorageSync(TOKEN_KEY) as string) || undefined;

/** Makes sure there is a token before calling personal endpoints. */
export async function ensureLogin(): Promise<void> {
  if (!getToken()) await login();
}

export function forgetLogin(): void {
  Taro.removeStorageSync(TOKEN_KEY);
}
