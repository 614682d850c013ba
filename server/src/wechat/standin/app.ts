import { createHash, randomBytes } from 'node:crypto';
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import { STANDIN_ACCOUNT, standinFixtureArticles } from './articles';
import { coverPng } from './images';

/**
 * A local stand-in for the WeChat server APIs this product calls, for development and tests only.
 * It implements their documented requests, responses and error codes; it can be told to fail or stall.
 *
 * - code2Session: any js_code X → openid `dev_X`; an empty or reused code → 40029. A code `X~N` stands
 *   for another wx.login of the same person (openid `dev_X`), so one person can log in many times.
 * - stable_token: 40001 on a wrong secret; tokens last 7200 s.
 * - getuserphonenumber: a code `phone_<11 digits>` returns that number; other codes a number derived
 *   from the code; `bad*` codes → 40029.
 * - subscribe/send: 43101 unless the openid subscribed to the template (`POST /__standin/subscribe`).
 * - msg_sec_check v2: `risky` for any configured risky word, `review` for review words, else `pass`.
 * - freepublish/batchget (newest first, at most 20 a page) and getarticle (53600 for an unknown id):
 *   the articles given in `articles`, by default the fixture articles. Only the official account's
 *   token may call them (48001 otherwise). Images are served under /mmbiz_png/, article pages under /s/.
 */
export interface StandinOptions {
  appid: string;
  secret: string;
  riskyWords?: string[];
  reviewWords?: string[];
  articles?: StandinArticle[];
  /** The official account (a different WeChat account from the mini-program). */
  officialAccount?: { appid: string; secret: string };
}

export interface StandinArticle {
  article_id: string;
  update_time: number;
  content: { create_time?: number; update_time?: number; news_item: Record<string, unknown>[] };
}

interface Fault {
  path: string;
  errcode?: number;
  status?: number;
  stallMs?: number;
  times: number;
}

export interface StandinState {
  usedCodes: Set<string>;
  tokens: Map<string, { expiresAt: number; appid: string }>;
  subscriptions: Set<string>;
  sent: { touser: string; template_id: string; data: unknown; page?: string }[];
  faults: Fault[];
  calls: { path: string; at: number }[];
  articles: StandinArticle[];
}

const hex = (s: string) => createHash('sha256').update(s).digest('hex');

export function createStandin(opts: StandinOptions): { app: Koa; state: StandinState } {
  const state: StandinState = {
    usedCodes: new Set(),
    tokens: new Map(),
    subscriptions: new Set(),
    sent: [],
    faults: [],
    calls: [],
    articles: opts.articles ?? standinFixtureArticles(),
  };
  const app = new Koa();
  const router = new Router();
  const err = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg} rid: ${randomBytes(4).toString('hex')}` });

  app.use(bodyParser({ enableTypes: ['json'] }));
  // Injected faults come first: a WeChat error, an HTTP status, or a stall.
  app.use(async (ctx, next) => {
    state.calls.push({ path: ctx.path, at: Date.now() });
    const fault = state.faults.find((f) => f.path === ctx.path && f.times > 0);
    if (fault) {
      fault.times--;
      if (fault.stallMs) await new Promise((r) => setTimeout(r, fault.stallMs));
      if (fault.status) {
        ctx.status = fault.status;
        ctx.body = 'injected failure';
        return;
      }
      if (fault.errcode) {
        ctx.body = err(fault.errcode, 'injected error');
        return;
      }
    }
    await next();
  });

  const tokenOk = (ctx: Koa.Context, forAppid = opts.appid) => {
    const t = String(ctx.query.access_token ?? '');
    const tok = state.tokens.get(t);
    if (!tok) return err(40001, 'invalid credential, access_token is invalid or not latest');
    if (tok.expiresAt < Date.now()) return err(42001, 'access_token expired');
    if (tok.appid !== forAppid) return err(48001, 'api unauthorized');
    return undefined;
  };
  const oaAppid = opts.officialAccount?.appid ?? '';
  /** Article HTML carries `{{BASE}}` for the stand-in's own address, as real ones carry mmbiz.qpic.cn. */
  const base = (ctx: Koa.Context) => `${ctx.protocol}://${ctx.host}`;
  const withBase = (ctx: Koa.Context, value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('{{BASE}}', base(ctx))) as unknown;

  router.get('/sns/jscode2session', (ctx) => {
    const { appid, secret, js_code: code, grant_type: grant } = ctx.query as Record<string, string | undefined>;
    if (appid !== opts.appid || secret !== opts.secret) return void (ctx.body = err(40013, 'invalid appid'));
    if (grant !== 'authorization_code') return void (ctx.body = err(40002, 'invalid grant_type'));
    if (!code || state.usedCodes.has(code)) return void (ctx.body = err(40029, 'invalid code'));
    state.usedCodes.add(code);
    const person = code.includes('~') ? code.slice(0, code.indexOf('~')) : code;
    ctx.body = { openid: `dev_${person}`, session_key: Buffer.from(hex(`sk:${code}`).slice(0, 32), 'hex').toString('base64') };
  });

  router.post('/cgi-bin/stable_token', (ctx) => {
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (b.grant_type !== 'client_credential') return void (ctx.body = err(40002, 'invalid grant_type'));
    const account = [{ appid: opts.appid, secret: opts.secret }, opts.officialAccount].find((a) => a && a.appid === b.appid);
    if (!account) return void (ctx.body = err(40013, 'invalid appid'));
    if (b.secret !== account.secret) return void (ctx.body = err(40001, 'invalid credential, access_token is invalid or not latest'));
    const token = `standin_${randomBytes(12).toString('hex')}`;
    state.tokens.set(token, { expiresAt: Date.now() + 7200_000, appid: account.appid });
    ctx.body = { access_token: token, expires_in: 7200 };
  });

  router.post('/wxa/business/getuserphonenumber', (ctx) => {
    const bad = tokenOk(ctx);
    if (bad) return void (ctx.body = bad);
    const code = String((ctx.request.body as Record<string, unknown> | undefined)?.code ?? '');
    if (!code || code.startsWith('bad')) return void (ctx.body = err(40029, 'invalid code'));
    const given = /^phone_(1[3-9]\d{9})$/.exec(code)?.[1];
    const pure =
      given ??
      `139${String(parseInt(hex(code).slice(0, 12), 16))
        .slice(-8)
        .padStart(8, '0')}`;
    ctx.body = {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: pure,
        purePhoneNumber: pure,
        countryCode: '86',
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid: opts.appid },
      },
    };
  });

  router.post('/cgi-bin/message/subscribe/send', (ctx) => {
    const bad = tokenOk(ctx);
    if (bad) return void (ctx.body = bad);
    const b = (ctx.request.body ?? {}) as { touser?: string; template_id?: string; data?: unknown; page?: string };
    if (!b.touser || !b.template_id) return void (ctx.body = err(47003, 'argument invalid'));
    if (!state.subscriptions.has(`${b.touser}|${b.template_id}`)) return void (ctx.body = err(43101, 'user refuse to accept the msg'));
    // A one-time subscription is used up by one message.
    state.subscriptions.delete(`${b.touser}|${b.template_id}`);
    state.sent.push({ touser: b.touser, template_id: b.template_id, data: b.data, page: b.page });
    ctx.body = { errcode: 0, errmsg: 'ok', msgid: Date.now() };
  });

  router.post('/wxa/msg_sec_check', (ctx) => {
    const bad = tokenOk(ctx);
    if (bad) return void (ctx.body = bad);
    const b = (ctx.request.body ?? {}) as { content?: string; version?: number; openid?: string; scene?: number };
    if (b.version !== 2 || !b.openid || !b.scene || typeof b.content !== 'string') return void (ctx.body = err(47001, 'data format error'));
    const risky = (opts.riskyWords ?? []).find((w) => b.content!.includes(w));
    const review = (opts.reviewWords ?? []).find((w) => b.content!.includes(w));
    const suggest = risky ? 'risky' : review ? 'review' : 'pass';
    const label = risky || review ? 20006 : 100;
    ctx.body = {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label }],
      trace_id: randomBytes(8).toString('hex'),
    };
  });

  router.post('/cgi-bin/freepublish/batchget', (ctx) => {
    const bad = tokenOk(ctx, oaAppid);
    if (bad) return void (ctx.body = bad);
    const b = (ctx.request.body ?? {}) as { offset?: number; count?: number; no_content?: number };
    const offset = Number(b.offset ?? 0);
    const count = Number(b.count ?? 20);
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(count) || count < 1 || count > 20) {
      return void (ctx.body = err(40097, 'invalid args'));
    }
    const newestFirst = [...state.articles].sort((x, y) => y.update_time - x.update_time);
    const items = newestFirst.slice(offset, offset + count).map((a) => ({
      ...a,
      content: { ...a.content, news_item: a.content.news_item.map((n) => (b.no_content ? { ...n, content: '' } : n)) },
    }));
    ctx.body = withBase(ctx, { total_count: state.articles.length, item_count: items.length, item: items });
  });

  router.post('/cgi-bin/freepublish/getarticle', (ctx) => {
    const bad = tokenOk(ctx, oaAppid);
    if (bad) return void (ctx.body = bad);
    const id = String((ctx.request.body as Record<string, unknown> | undefined)?.article_id ?? '');
    const a = state.articles.find((x) => x.article_id === id);
    ctx.body = a ? withBase(ctx, { news_item: a.content.news_item }) : err(53600, 'Article ID 无效');
  });

  router.get('/mmbiz_png/:name/:size', (ctx) => {
    ctx.type = 'image/png';
    ctx.body = coverPng(ctx.params.name ?? '');
  });

  // An article's web page, as mp.weixin.qq.com/s/... serves it: the fields in script variables and
  // the body in #js_content. Staff paste such links for mass-send articles that batchget omits.
  router.get('/s/:id', (ctx) => {
    const a = state.articles.find((x) => x.article_id === ctx.params.id);
    const item = a?.content.news_item[0] as Record<string, string> | undefined;
    if (!a || !item) {
      ctx.status = 200;
      ctx.type = 'html';
      ctx.body = '<html><body><div class="weui-msg">该内容已被发布者删除</div></body></html>';
      return;
    }
    const js = (v: string) => JSON.stringify(v).slice(1, -1).replace(/'/g, "\\'");
    const page =
      `<!DOCTYPE html><html><head><meta property="og:title" content="${item.title}" /></head><body>` +
      `<h1 class="rich_media_title" id="activity-name">${item.title}</h1>` +
      `<div class="rich_media_content js_underline_content" id="js_content" style="visibility: hidden;">${item.content}</div>` +
      `<script>var msg_title = '${js(item.title ?? '')}'.html(false);\nvar msg_desc = htmlDecode("${js(item.digest ?? '')}");\n` +
      `var msg_cdn_url = "${item.thumb_url}";\nvar ct = "${a.update_time}";\nvar nickname = htmlDecode("${STANDIN_ACCOUNT}");\n` +
      `var author = "${js(item.author ?? '')}";</script></body></html>`;
    ctx.type = 'html';
    ctx.body = page.replaceAll('{{BASE}}', base(ctx));
  });

  // Control endpoints, for tests and local development.
  router.post('/__standin/subscribe', (ctx) => {
    const b = (ctx.request.body ?? {}) as { openid?: string; templateId?: string };
    state.subscriptions.add(`${b.openid}|${b.templateId}`);
    ctx.body = { ok: true };
  });
  router.post('/__standin/fault', (ctx) => {
    const b = (ctx.request.body ?? {}) as Partial<Fault>;
    state.faults.push({ path: String(b.path), errcode: b.errcode, status: b.status, stallMs: b.stallMs, times: b.times ?? 1 });
    ctx.body = { ok: true };
  });
  router.get('/__standin/sent', (ctx) => {
    ctx.body = { items: state.sent };
  });

  app.use(router.routes());
  app.use(router.allowedMethods());
  return { app, state };
}
