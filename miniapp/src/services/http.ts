import Taro from '@tarojs/taro';
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

/**
 * Downloads a file the API makes (the staff's Excel export) with the sign-in token, and opens it:
 * in WeChat with the document viewer (forward or save from its menu); the H5 preview keeps it as a
 * download. Returns false when the server refused (the reason was shown).
 */
export async function downloadAndOpen(path: string, query: Record<string, string>): Promise<boolean> {
  const qs = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  const res = await Taro.downloadFile({ url: `${API_BASE}${path}?${qs}`, header: { Authorization: `Bearer ${getToken() ?? ''}` } });
  if (res.statusCode !== 200) {
    void Taro.showToast({ title: '导出失败，请稍后再试', icon: 'none' });
    return false;
  }
  if (process.env.TARO_ENV === 'weapp') await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
  else void Taro.showToast({ title: '已下载', icon: 'success' });
  return true;
}
