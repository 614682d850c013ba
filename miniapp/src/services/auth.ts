import Taro from '@tarojs/taro';
import type { LoginResult } from '@jingkai/shared';
import { API_BASE, REQUEST_TIMEOUT_MS } from '../config';
import { createHttp } from './http-core';
import { taroTransport } from './transport';

export const TOKEN_KEY = 'jk.token';
const H5_IDENTITY_KEY = 'jk.h5.identity';

/**
 * A wx.login code. The H5 preview has no wx.login: it keeps an identity of its own and makes a fresh
 * code for it each time (`<identity>~<unique>`), which the local WeChat stand-in maps to the same openid.
 */
async function loginCode(): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    let identity = Taro.getStorageSync(H5_IDENTITY_KEY) as string;
    if (!identity) {
      identity = `h5${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      Taro.setStorageSync(H5_IDENTITY_KEY, identity);
    }
    // Unique, not a counter: the same identity opened in a second browser must not reuse a code.
    return `${identity}~${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  }
  const { code } = await Taro.login();
  return code;
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
