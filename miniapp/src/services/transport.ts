import Taro from '@tarojs/taro';
import type { Transport } from './http-core';

/** Taro.request as the HTTP client's transport. */
export const taroTransport: Transport = async (req) => {
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
