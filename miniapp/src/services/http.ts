import { API_BASE, REQUEST_TIMEOUT_MS } from '../config';
import { createHttp } from './http-core';
import { getToken, login } from './auth';
import { taroTransport } from './transport';

export { ApiError } from './http-core';

/** The mini-program's only caller of the API: token, timeout, typed errors, silent re-login on 401. */
export const request = createHttp({
  baseUrl: API_BASE,
  transport: taroTransport,
  timeoutMs: REQUEST_TIMEOUT_MS,
  getToken,
  reauthenticate: async () => {
    await login();
  },
});
