import Taro from '@tarojs/taro';
import { API_BASE, REQUEST_TIMEOUT_MS } from '../config';
import { createHttp, type Transport } from './http-core';

export { ApiError } from './http-core';

const TOKEN_KEY = 'jk.token';

const taroTransport: Transport = async (req) => {
  const res = await Taro.request({
    url: req.url,
    method: req.method,
    data: req.data as Record<string, unknown> | undefined,
    header: req.header,
    timeout: req.timeout,
    dataType: 'json',
  });
  return { statusCode: res.statusCode, data: res.data, header: (res.header ?? {}) as Record<string, string> };
};

/** The mini-program's only caller of Taro.request. */
export const request = createHttp({
  baseUrl: API_BASE,
  transport: taroTransport,
  timeoutMs: REQUEST_TIMEOUT_MS,
  getToken: () => (Taro.getStorageSync(TOKEN_KEY) as string) || undefined,
});
