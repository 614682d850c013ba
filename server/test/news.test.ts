import request from 'supertest';
import { buildNews } from './factories';
import { clearDb, testApp, useTestDb } from './setup/harness';

useTestDb(__filename);
const app = testApp().callback();

beforeEach(clearDb);

describe('GET /api/news', () => {
  it('lists articles newest first in the contract shape, without the body', async () => {
    const older = await buildNews({ title: '旧文章', category: 'notice', publishedAt: new Date('2025-01-01T02:00:00Z') });
    const newer = await buildNews({ title: '新文章', category: 'plan', publishedAt: new Date('2025-03-01T02:00:00Z') });
    const res = await request(app).get('/api/news');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        { id: newer.id, title: '新文章', digest: newer.digest, category: 'plan', coverUrl: null, publishedAt: '2025-03-01T10:00:00+08:00' },
        {
          id: older.id,
          title: '旧文章',
          digest: older.digest,
          category: 'notice',
          coverUrl: null,
          publishedAt: '2025-01-01T10:00:00+08:00',
        },
      ],
      total: 2,
      page: 1,
      pageSize: 10,
    });
  });

  it('pages from 1, and a page past the end is an empty list', async () => {
    for (let i = 1; i <= 5; i++) await buildNews({ publishedAt: new Date(Date.UTC(2025, 0, i)) });
    const p2 = await request(app).get('/api/news?page=2&pageSize=2');
    expect(p2.body.items.map((a: { publishedAt: string }) => a.publishedAt.slice(0, 10))).toEqual(['2025-01-03', '2025-01-02']);
    expect(p2.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    const past = await request(app).get('/api/news?page=9&pageSize=2');
    expect(past.status).toBe(200);
    expect(past.body).toMatchObject({ items: [], total: 5, page: 9 });
  });

  it('filters by category, and an unknown category is 400 naming query.category', async () => {
    await buildNews({ category: 'policy', title: '政策文章' });
    await buildNews({ category: 'notice' });
    const res = await request(app).get('/api/news?category=policy');
    expect(res.body.items.map((a: { title: string }) => a.title)).toEqual(['政策文章']);
    const bad = await request(app).get('/api/news?category=sports');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ 'query.category': '没有这个栏目' });
  });

  it('searches title and digest literally: regex metacharacters are plain text', async () => {
    await buildNews({ title: '托育服务(试点)开放', digest: '' });
    await buildNews({ title: '医保上门办', digest: '托育之外' });
    await buildNews({ title: '别的', digest: '' });
    const hit = await request(app).get('/api/news').query({ q: '托育服务(试点)' });
    expect(hit.body.items.map((a: { title: string }) => a.title)).toEqual(['托育服务(试点)开放']);
    const both = await request(app).get('/api/news').query({ q: '托育' });
    expect(both.body.total).toBe(2);
    const dotStar = await request(app).get('/api/news').query({ q: '.*' });
    expect(dotStar.status).toBe(200);
    expect(dotStar.body.total).toBe(0);
  });

  it('refuses an oversized search string with 400 naming query.q', async () => {
    const res = await request(app)
      .get('/api/news')
      .query({ q: '字'.repeat(51) });
    expect(res.status).toBe(400);
    expect(res.body.error.fields['query.q']).toBe('搜索词最多 50 个字');
  });

  it('does not list hidden articles', async () => {
    await buildNews({ title: '已下线', hidden: true });
    const res = await request(app).get('/api/news');
    expect(res.body.total).toBe(0);
  });
});

describe('GET /api/news/:id', () => {
  it('returns one article with its contentHtml and reading time', async () => {
    const a = await buildNews({ title: '全文', contentHtml: `<p>${'字'.repeat(1200)}</p>` });
    const res = await request(app).get(`/api/news/${a.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: a.id,
      title: '全文',
      contentHtml: `<p>${'字'.repeat(1200)}</p>`,
      readingMinutes: 3,
      source: '测试',
    });
  });

  it('is 404 for an unknown or hidden id and 400 for a malformed one', async () => {
    const hidden = await buildNews({ hidden: true });
    expect((await request(app).get('/api/news/0123456789abcdef01234567')).status).toBe(404);
    expect((await request(app).get(`/api/news/${hidden.id}`)).status).toBe(404);
    const bad = await request(app).get('/api/news/not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ 'params.id': '编号格式不正确' });
  });
});
