import { AppError } from '../http/errors';
import { httpRequest, type HttpAnswer } from '../lib/http-request';

/**
 * The WeChat server APIs this product uses, over real HTTP against `WECHAT_API_BASE` (WeChat itself
 * in production, the local stand-in elsewhere). Every call has a timeout; WeChat's own errors come
 * back as WechatError with their errcode, transport failures as WECHAT_UNAVAILABLE.
 */
export class WechatError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat error ${errcode}: ${errmsg}`);
    this.name = 'WechatError';
  }
}

export interface WechatClientOptions {
  baseUrl: string;
  appid: string;
  secret: string;
  timeoutMs?: number;
  now?: () => number;
}

export interface Code2SessionResult {
  openid: string;
  unionid?: string;
  /** Never leaves the server: not in a response, a token or a log line. */
  sessionKey: string;
}

export interface PhoneInfo {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

export type SecSuggest = 'pass' | 'review' | 'risky';

export class WechatClient {
  private token: { value: string; expiresAt: number } | undefined;
  private tokenPending: Promise<string> | undefined;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: WechatClientOptions) {
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.now = opts.now ?? Date.now;
  }

  private async call<T>(method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown): Promise<T> {
    const url = new URL(this.opts.baseUrl + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    let res: HttpAnswer;
    try {
      res = await httpRequest(url, {
        method,
        headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: this.timeoutMs,
        maxBytes: 1024 * 1024,
      });
    } catch {
      throw AppError.of('WECHAT_UNAVAILABLE');
    }
    if (res.status < 200 || res.status >= 300) throw AppError.of('WECHAT_UNAVAILABLE');
    let data: (T & { errcode?: number; errmsg?: string }) | undefined;
    try {
      data = JSON.parse(res.body.toString('utf8')) as T & { errcode?: number; errmsg?: string };
    } catch {
      data = undefined;
    }
    if (!data) throw AppError.of('WECHAT_UNAVAILABLE');
    if (data.errcode) throw new WechatError(data.errcode, data.errmsg ?? '');
    return data;
  }

  /** https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html */
  async code2Session(jsCode: string): Promise<Code2SessionResult> {
    const r = await this.call<{ openid: string; unionid?: string; session_key: string }>('GET', '/sns/jscode2session', {
      appid: this.opts.appid,
      secret: this.opts.secret,
      js_code: jsCode,
      grant_type: 'authorization_code',
    });
    return { openid: r.openid, unionid: r.unionid, sessionKey: r.session_key };
  }

  /** A stable access token, cached until five minutes before it expires; one fetch at a time. */
  async accessToken(forceRefresh = false): Promise<string> {
    if (!forceRefresh && this.token && this.token.expiresAt - 300_000 > this.now()) return this.token.value;
    this.tokenPending ??= this.call<{ access_token: string; expires_in: number }>(
      'POST',
      '/cgi-bin/stable_token',
      {},
      {
        grant_type: 'client_credential',
        appid: this.opts.appid,
        secret: this.opts.secret,
        force_refresh: forceRefresh,
      },
    )
      .then((r) => {
        this.token = { value: r.access_token, expiresAt: this.now() + r.expires_in * 1000 };
        return r.access_token;
      })
      .finally(() => {
        this.tokenPending = undefined;
      });
    return this.tokenPending;
  }

  /** Calls an access-token API, refreshing the token once if WeChat says it is invalid or expired. */
  private async withToken<T>(path: string, body: unknown): Promise<T> {
    try {
      return await this.call<T>('POST', path, { access_token: await this.accessToken() }, body);
    } catch (e) {
      if (!(e instanceof WechatError) || ![40001, 42001, 40014].includes(e.errcode)) throw e;
      return this.call<T>('POST', path, { access_token: await this.accessToken(true) }, body);
    }
  }

  /** https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html */
  async getPhoneNumber(code: string): Promise<PhoneInfo> {
    const r = await this.withToken<{ phone_info: PhoneInfo }>('/wxa/business/getuserphonenumber', { code });
    return r.phone_info;
  }

  /** https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html */
  async sendSubscribeMessage(msg: {
    touser: string;
    templateId: string;
    page?: string;
    data: Record<string, { value: string }>;
  }): Promise<string> {
    const r = await this.withToken<{ msgid?: number | string }>('/cgi-bin/message/subscribe/send', {
      touser: msg.touser,
      template_id: msg.templateId,
      page: msg.page,
      data: msg.data,
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    });
    return String(r.msgid ?? '');
  }

  /** https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html (v2) */
  async msgSecCheck(openid: string, content: string, scene: 1 | 2 | 3 | 4 = 2): Promise<SecSuggest> {
    const r = await this.withToken<{ result: { suggest: SecSuggest } }>('/wxa/msg_sec_check', { content, version: 2, scene, openid });
    return r.result.suggest;
  }

  /** https://developers.weixin.qq.com/doc/offiaccount/Publish/Get_publication_records.html (count 1..20) */
  async freepublishBatchget(offset: number, count: number, noContent: boolean): Promise<FreepublishPage> {
    return this.withToken<FreepublishPage>('/cgi-bin/freepublish/batchget', { offset, count, no_content: noContent ? 1 : 0 });
  }

  /** https://developers.weixin.qq.com/doc/offiaccount/Publish/Get_article_from_id.html */
  async freepublishGetArticle(articleId: string): Promise<FreepublishNewsItem[]> {
    const r = await this.withToken<{ news_item: FreepublishNewsItem[] }>('/cgi-bin/freepublish/getarticle', { article_id: articleId });
    return r.news_item;
  }
}

export interface FreepublishNewsItem {
  title: string;
  author?: string;
  digest?: string;
  content?: string;
  content_source_url?: string;
  thumb_media_id?: string;
  thumb_url?: string;
  url?: string;
  is_deleted?: boolean;
}

export interface FreepublishPage {
  total_count: number;
  item_count: number;
  item: {
    article_id: string;
    update_time: number;
    content: { news_item: FreepublishNewsItem[]; create_time?: number; update_time?: number };
  }[];
}
