/**
 * The only place that reads TARO_APP_* values. The H5 preview is served by the API server itself,
 * so it talks to its own origin; the weapp needs an absolute (in production, HTTPS) address.
 */
export const API_BASE: string = process.env.TARO_ENV === 'h5' ? '' : (process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000');

export const BRAND = { name: '经开事·精心办', org: '通辽经开区', orgFull: '通辽经济技术开发区' } as const;

/** 12345 政务服务便民热线, offered wherever a citizen may prefer to call. */
export const HOTLINE = '12345';

export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Subscribe-message template ids asked for at booking (confirmation, reminder, change notice).
 * Every TARO_APP_* value read here must be defined in miniapp/.env.*: Taro replaces only defined
 * ones, and an undefined `process.env.X` fails in the browser.
 */
export const SUBSCRIBE_TEMPLATE_IDS: string[] = (process.env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

/**
 * The AppID of WeChat's 同声传译 plugin (WechatSI, `wx069ba97219f66d99`) once the mini-program has
 * added it in its console: app.config.ts declares the plugin and 朗读 uses it only when this is set;
 * empty, the weapp shows no 朗读 (H5 reads aloud with the browser's own speech).
 */
export const SPEECH_PLUGIN_APPID: string = (process.env.TARO_APP_SPEECH_PLUGIN_APPID ?? '').trim();

/**
 * Images the API serves (`/api/media/...`, mirrored from the official account) as an address the
 * page can load: the weapp needs it absolute, the H5 preview shares the API's origin.
 */
export function mediaUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  return url.startsWith('/') ? `${API_BASE}${url}` : url;
}
