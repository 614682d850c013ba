import request from 'supertest';
import pino from 'pino';
import { createDeps } from '../src/deps';
import { NewsModel } from '../src/modules/news/model';
import { acquireLease } from '../src/modules/lease/repo';
import { NEWS_SYNC_LEASE, syncNews } from '../src/modules/news/sync';
import { WechatClient } from '../src/wechat/client';
import type { StandinArticle } from '../src/wechat/standin/app';
import { standinFixtureArticles } from '../src/wechat/standin/articles';
import { clearDb, memoryLogger, testApp, testConfig, testNow, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();

/** Deps pointing at the stand-in, with a short timeout so a stall ends the sync quickly. */
function deps(logger = pino({ level: 'silent' })) {
  const config = testConfig({ WECHAT_API_BASE: standin.current.url, OA_WEB_BASE: standin.current.url });
  const oa = new WechatClient({ baseUrl: standin.current.url, ...config.officialAccount!, timeoutMs: 400 });
  return createDeps(config, logger, { officialAccount: oa });
}

const rows = async () =>
  (await NewsModel.find({}).sort({ sourceKey: 1 }).lean()).map((d) => ({
    key: d.sourceKey,
    title: d.title,
    hidden: d.hidden,
    updated: d.sourceUpdatedAt,
    id: String(d._id),
  }));

const fault = (body: Record<string, unknown>) => request(standin.current.url).post('/__standin/fault').send(body);

function article(id: string, update: number, title = `文章 ${id}`): StandinArticle {
  return {
    article_id: id,
    update_time: update,
    content: {
      create_time: update,
      update_time: update,
      news_item: [{ title, digest: '摘要', author: '编辑', content: `<p>${title}的正文</p>`, thumb_url: '', url: '', is_deleted: false }],
    },
  };
}

beforeEach(async () => {
  await clearDb();
  standin.current.state.articles = standinFixtureArticles();
  standin.current.state.faults = [];
  standin.current.state.calls = [];
});

describe('news sync from the official account', () => {
  it('mirrors every fixture article once; a second run changes nothing and leaves the same rows', async () => {
    const first = await syncNews(deps());
    expect(first).toMatchObject({ held: true, failed: false, listed: 14, created: 14, updated: 0, hidden: 0 });
    const after1 = await rows();
    expect(after1).toHaveLength(14);
    const second = await syncNews(deps());
    expect(second).toMatchObject({ failed: false, listed: 14, created: 0, updated: 0, unchanged: 14 });
    expect(await rows()).toEqual(after1);
    const gets = standin.current.state.calls.filter((c) => c.path === '/cgi-bin/freepublish/getarticle');
    expect(gets).toHaveLength(14);
  });

  it('mirrors the seed article with its six sections, a mirrored cover and the account as source', async () => {
    await syncNews(deps());
    const app = testApp().callback();
    const list = await request(app).get('/api/news?category=plan&pageSize=20');
    const seed = list.body.items.find((i: { title: string }) => i.title === '开发区:铆足干劲开新局 全力以赴拼经济 建言献策');
    expect(seed).toMatchObject({ publishedAt: '2025-01-22T10:07:40+08:00', category: 'plan' });
    expect(seed.coverUrl).toMatch(/^\/api\/media\/[0-9a-f]{32}\.png$/);
    const cover = await request(app).get(seed.coverUrl).buffer(true);
    expect(cover.status).toBe(200);
    expect(cover.headers['content-type']).toBe('image/png');
    const art = await request(app).get(`/api/news/${seed.id}`);
    expect(art.body.source).toBe('通辽经济技术开发区官方微信公众号');
    expect(art.body.contentHtml.match(/<h2/g)).toHaveLength(6);
    expect(art.body.contentHtml).toContain('打造“15分钟托育圈”');
    expect(art.body.contentHtml).not.toContain('data-src');
    expect(art.body.images).toHaveLength(1);
  });

  it('pages through batchget 20 at a time', async () => {
    standin.current.state.articles = Array.from({ length: 45 }, (_, i) => article(`a${i}`, 1_700_000_000 + i));
    const r = await syncNews(deps());
    expect(r).toMatchObject({ listed: 45, created: 45, failed: false });
    const offsets = standin.current.state.calls.filter((c) => c.path === '/cgi-bin/freepublish/batchget');
    expect(offsets).toHaveLength(3);
  });

  it('updates a changed article in place and hides deleted or vanished ones, bringing them back if they return', async () => {
    standin.current.state.articles = [article('x', 100), article('y', 100), article('z', 100)];
    await syncNews(deps());
    const before = await rows();
    standin.current.state.articles = [
      article('x', 200, '改过的标题'),
      { ...article('y', 100), content: { ...article('y', 100).content, news_item: [{ title: '文章 y', is_deleted: true }] } },
    ];
    const r = await syncNews(deps());
    expect(r).toMatchObject({ updated: 1, hidden: 2, failed: false });
    const after = await rows();
    expect(after.map((a) => [a.key, a.title, a.hidden])).toEqual([
      ['oa:x:0', '改过的标题', false],
      ['oa:y:0', '文章 y', true],
      ['oa:z:0', '文章 z', true],
    ]);
    expect(after.map((a) => a.id)).toEqual(before.map((b) => b.id));
    standin.current.state.articles = [article('x', 200, '改过的标题'), article('z', 100)];
    await syncNews(deps());
    expect((await rows()).find((a) => a.key === 'oa:z:0')!.hidden).toBe(false);
  });

  it('when WeChat fails mid-sync it stops cleanly, logs why, hides nothing, and the next run resumes without duplicates', async () => {
    standin.current.state.articles = Array.from({ length: 25 }, (_, i) => article(`r${i}`, 1_700_000_000 + i));
    // The first page goes through; WeChat refuses the second (45009: API call quota reached).
    let batchgets = 0;
    const { logger, lines } = memoryLogger();
    const d = deps(logger);
    const real = d.officialAccount!.freepublishBatchget.bind(d.officialAccount);
    d.officialAccount!.freepublishBatchget = async (offset, count, noContent) => {
      if (++batchgets === 2) await fault({ path: '/cgi-bin/freepublish/batchget', errcode: 45009, times: 1 });
      return real(offset, count, noContent);
    };
    const failed = await syncNews(d);
    expect(failed).toMatchObject({ failed: true, created: 20, hidden: 0 });
    expect(failed.error).toContain('45009');
    expect(lines.some((l) => l.includes('news sync stopped') && l.includes('45009'))).toBe(true);
    const resumed = await syncNews(deps());
    expect(resumed).toMatchObject({ failed: false, created: 5, unchanged: 20 });
    expect(await NewsModel.countDocuments({})).toBe(25);
    expect(await NewsModel.countDocuments({ hidden: true })).toBe(0);
  });

  it('when getarticle stalls past the timeout the sync stops, and the next run completes', async () => {
    standin.current.state.articles = [article('s1', 10), article('s2', 20)];
    await fault({ path: '/cgi-bin/freepublish/getarticle', stallMs: 1500, times: 1 });
    const stalled = await syncNews(deps());
    expect(stalled).toMatchObject({ failed: true, created: 0 });
    expect(stalled.error).toContain('WECHAT_UNAVAILABLE');
    const next = await syncNews(deps());
    expect(next).toMatchObject({ failed: false, created: 2 });
    expect(await NewsModel.countDocuments({})).toBe(2);
  });

  it('runs one sync at a time: while another instance holds a fresh lease, this one does nothing', async () => {
    const now = testNow();
    expect(await acquireLease(NEWS_SYNC_LEASE, 'other-instance', now, new Date(now.getTime() + 60_000))).toBe(true);
    const r = await syncNews(deps());
    expect(r.held).toBe(false);
    expect(await NewsModel.countDocuments({})).toBe(0);
    // A stale lease is taken over.
    expect(await acquireLease(NEWS_SYNC_LEASE, 'other-instance', now, new Date(now.getTime() - 1))).toBe(true);
    expect((await syncNews(deps())).held).toBe(true);
  });

  it('an admin can run it on demand and read the last outcome; a citizen cannot', async () => {
    const app = testApp({ WECHAT_API_BASE: standin.current.url, BOOTSTRAP_ADMIN_OPENIDS: 'dev_syncboss' }, undefined, {
      officialAccount: deps().officialAccount,
    }).callback();
    const admin = await request(app).post('/api/auth/login').send({ code: 'syncboss~1' });
    const citizen = await request(app).post('/api/auth/login').send({ code: 'someone~1' });
    const denied = await request(app).post('/api/admin/news/sync').set('Authorization', `Bearer ${citizen.body.token}`);
    expect(denied.status).toBe(403);
    const run = await request(app).post('/api/admin/news/sync').set('Authorization', `Bearer ${admin.body.token}`);
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ created: 14, failed: false });
    const status = await request(app).get('/api/admin/news/sync').set('Authorization', `Bearer ${admin.body.token}`);
    expect(status.body.lastSync).toMatchObject({ created: 14, failed: false });
    expect(status.body.lastSuccessAt).toMatch(/\+08:00$/);
    const list = await request(app).get('/api/news');
    expect(list.body.total).toBe(14);
  });
});
