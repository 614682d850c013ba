import request from 'supertest';
import { buildNews, buildService } from './factories';
import { clearDb, login, testApp, useStandin, useTestDb } from './setup/harness';
import { NewsModel } from '../src/modules/news/model';

useTestDb(__filename);
const standin = useStandin();
let built: ReturnType<ReturnType<typeof testApp>['callback']>;
beforeAll(() => {
  built = testApp({
    WECHAT_API_BASE: standin.current.url,
    OA_WEB_BASE: standin.current.url,
    BOOTSTRAP_ADMIN_OPENIDS: 'dev_editor',
  }).callback();
});
const app = () => built;

beforeEach(clearDb);

/**
 * An admin (bootstrap openid); a staff member the admin granted 资讯管理 (`staff`); or staff of a
 * service without it (`serviceStaff`).
 */
async function asRole(role: 'staff' | 'serviceStaff' | 'admin') {
  const admin = await login(app(), 'editor');
  if (role === 'admin') return admin;
  const who = await login(app());
  const scope = role === 'staff' ? { news: true } : { serviceIds: [(await buildService()).serviceId] };
  const grant = await request(app())
    .post('/api/admin/roles')
    .set(admin.auth)
    .send({ userId: who.userId, role: 'staff', ...scope });
  if (grant.status !== 200) throw new Error(`grant failed: ${grant.status}`);
  return login(app(), who.openid.slice(4));
}

describe('GET /api/news', () => {
  it('lists articles newest first in the contract shape, without the body', async () => {
    const older = await buildNews({ title: '旧文章', category: 'notice', publishedAt: new Date('2025-01-01T02:00:00Z') });
    const newer = await buildNews({ title: '新文章', category: 'plan', publishedAt: new Date('2025-03-01T02:00:00Z') });
    const res = await request(app()).get('/api/news');
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
    const p2 = await request(app()).get('/api/news?page=2&pageSize=2');
    expect(p2.body.items.map((a: { publishedAt: string }) => a.publishedAt.slice(0, 10))).toEqual(['2025-01-03', '2025-01-02']);
    expect(p2.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    const past = await request(app()).get('/api/news?page=9&pageSize=2');
    expect(past.status).toBe(200);
    expect(past.body).toMatchObject({ items: [], total: 5, page: 9 });
  });

  it('filters by category, and an unknown category is 400 naming query.category', async () => {
    await buildNews({ category: 'policy', title: '政策文章' });
    await buildNews({ category: 'notice' });
    const res = await request(app()).get('/api/news?category=policy');
    expect(res.body.items.map((a: { title: string }) => a.title)).toEqual(['政策文章']);
    const bad = await request(app()).get('/api/news?category=sports');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ 'query.category': '没有这个栏目' });
  });

  it('refuses a 10 KB search string with 400 naming query.q, and operator objects with 400', async () => {
    const res = await request(app())
      .get('/api/news')
      .query({ q: 'x'.repeat(10 * 1024) });
    expect(res.status).toBe(400);
    expect(res.body.error.fields['query.q']).toBe('搜索词最多 50 个字');
    const op = await request(app()).get('/api/news?q[$ne]=1');
    expect(op.status).toBe(400);
    expect(Object.keys(op.body.error.fields)).toEqual([expect.stringMatching(/^query\.q/)]);
  });

  it('does not list hidden articles', async () => {
    await buildNews({ title: '已下线', hidden: true });
    const res = await request(app()).get('/api/news');
    expect(res.body.total).toBe(0);
  });

  it('answers with an ETag and a short Cache-Control, and 304 when the client has it', async () => {
    await buildNews({ title: '缓存' });
    const first = await request(app()).get('/api/news');
    expect(first.headers['cache-control']).toBe('public, max-age=30');
    expect(first.headers.etag).toMatch(/^W\/"/);
    const again = await request(app()).get('/api/news').set('If-None-Match', first.headers.etag!);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('sends the cached answer gzipped to clients that accept it, and plain to others', async () => {
    await buildNews({ title: '压缩' });
    const gz = await request(app()).get('/api/news').set('Accept-Encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toContain('Accept-Encoding');
    expect(gz.body.items[0].title).toBe('压缩');
    const plain = await request(app()).get('/api/news').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.items[0].title).toBe('压缩');
    expect(plain.headers.etag).toBe(gz.headers.etag);
  });

  it('shows a change at once: the cache is cleared by the change, not by time', async () => {
    await buildNews({ title: '第一篇' });
    const before = await request(app()).get('/api/news');
    expect(before.body.total).toBe(1);
    await buildNews({ title: '第二篇' });
    const after = await request(app()).get('/api/news').set('If-None-Match', before.headers.etag!);
    expect(after.status).toBe(200);
    expect(after.body.total).toBe(2);
  });
});

describe('GET /api/news/latest', () => {
  it('gives the newest article of each category that has one, in the tab order', async () => {
    await buildNews({ category: 'notice', title: '旧通知', publishedAt: new Date('2025-01-01T00:00:00Z') });
    await buildNews({ category: 'notice', title: '新通知', publishedAt: new Date('2025-02-01T00:00:00Z') });
    await buildNews({ category: 'plan', title: '规划', publishedAt: new Date('2025-01-15T00:00:00Z') });
    const res = await request(app()).get('/api/news/latest');
    expect(res.body.items.map((i: { category: string; article: { title: string } }) => [i.category, i.article.title])).toEqual([
      ['plan', '规划'],
      ['notice', '新通知'],
    ]);
    expect(res.body.pinned).toEqual([]);
  });

  it('puts what staff pinned above, newest first, and drops it when unpinned', async () => {
    const staff = await asRole('staff');
    const old = await buildNews({ title: '年度规划', category: 'plan', publishedAt: new Date('2025-01-22T02:00:00Z') });
    await buildNews({ title: '新闻', publishedAt: new Date('2026-01-01T00:00:00Z') });
    const pin = await request(app()).patch(`/api/staff/news/${old.id}`).set(staff.auth).send({ pinned: true });
    expect(pin.body.pinned).toBe(true);
    const latest = await request(app()).get('/api/news/latest');
    expect(latest.body.pinned.map((a: { title: string }) => a.title)).toEqual(['年度规划']);
    await request(app()).patch(`/api/staff/news/${old.id}`).set(staff.auth).send({ pinned: false });
    expect((await request(app()).get('/api/news/latest')).body.pinned).toEqual([]);
  });
});

describe('GET /api/news/:id', () => {
  it('returns one article: sanitised HTML, rich-text blocks split at images, and reading time', async () => {
    const a = await buildNews({
      title: '全文',
      html: `<section><p style="color:red" onclick="steal()">${'字'.repeat(1200)}</p><img data-src="/api/media/0123456789abcdef0123456789abcdef.png" data-ratio="0.5"><script>alert(1)</script><p>尾</p></section>`,
    });
    const res = await request(app()).get(`/api/news/${a.id}`);
    expect(res.status).toBe(200);
    const img = '/api/media/0123456789abcdef0123456789abcdef.png';
    expect(res.body).toMatchObject({
      id: a.id,
      title: '全文',
      readingMinutes: 3,
      source: '测试',
      images: [img],
      blocks: [
        { type: 'html', html: `<section><p style="color:red">${'字'.repeat(1200)}</p></section>` },
        { type: 'image', src: img, ratio: 0.5 },
        { type: 'html', html: '<section><p>尾</p></section>' },
      ],
    });
    expect(res.body.contentHtml).not.toMatch(/script|onclick|data-src/);
    expect(res.headers.etag).toBeTruthy();
  });

  it('is 404 for an unknown or hidden id and 400 for a malformed one', async () => {
    const hidden = await buildNews({ hidden: true });
    expect((await request(app()).get('/api/news/0123456789abcdef01234567')).status).toBe(404);
    expect((await request(app()).get(`/api/news/${hidden.id}`)).status).toBe(404);
    const bad = await request(app()).get('/api/news/not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ 'params.id': '编号格式不正确' });
  });
});

describe('staff: category override, take-down, notices and pasted links', () => {
  it('a staff member moves an article to another category and takes one down; citizens see it at once', async () => {
    const staff = await asRole('staff');
    const a = await buildNews({ title: '关于停水的通知', category: 'news' });
    const moved = await request(app())
      .patch(`/api/staff/news/${a.id}`)
      .set('Authorization', `Bearer ${staff.token}`)
      .send({ category: 'notice' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ category: 'notice', categoryOverride: 'notice' });
    expect((await request(app()).get('/api/news?category=notice')).body.total).toBe(1);
    const down = await request(app()).patch(`/api/staff/news/${a.id}`).set('Authorization', `Bearer ${staff.token}`).send({ hidden: true });
    expect(down.body).toMatchObject({ hidden: true, hiddenBy: 'staff' });
    expect((await request(app()).get(`/api/news/${a.id}`)).status).toBe(404);
  });

  it('citizens may not edit news (403) and an empty patch is 400', async () => {
    const citizen = await login(app());
    const staff = await asRole('staff');
    const a = await buildNews();
    const res = await request(app())
      .patch(`/api/staff/news/${a.id}`)
      .set('Authorization', `Bearer ${citizen.token}`)
      .send({ hidden: true });
    expect(res.status).toBe(403);
    const empty = await request(app()).patch(`/api/staff/news/${a.id}`).set('Authorization', `Bearer ${staff.token}`).send({});
    expect(empty.status).toBe(400);
  });

  it('a staff member writes a notice: it is stored escaped, searchable and in its category', async () => {
    const staff = await asRole('staff');
    const res = await request(app())
      .post('/api/staff/news')
      .set('Authorization', `Bearer ${staff.token}`)
      .send({ title: '元旦假期政务大厅安排', category: 'notice', text: '元旦假期政务大厅暂停对外办公。\n\n<b>急事</b>请拨打12345。' });
    expect(res.status).toBe(201);
    const article = await request(app()).get(`/api/news/${res.body.id}`);
    expect(article.body.contentHtml).toContain('&lt;b&gt;急事&lt;/b&gt;');
    const found = await request(app()).get('/api/news').query({ q: '政务大厅', category: 'notice' });
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.id]);
  });

  it('a pasted official-account link is read from the article page and stored once', async () => {
    const staff = await asRole('staff');
    const link = 'https://mp.weixin.qq.com/s/live-childcare';
    const send = () => request(app()).post('/api/staff/news/import').set('Authorization', `Bearer ${staff.token}`).send({ url: link });
    const first = await send();
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ title: '“15分钟托育圈”来了：智慧托育服务可在小程序预约', origin: 'link', category: 'livelihood' });
    expect(first.body.coverUrl).toMatch(/^\/api\/media\/[0-9a-f]{32}\.png$/);
    const second = await send();
    expect(second.body.id).toBe(first.body.id);
    expect(await NewsModel.countDocuments({})).toBe(1);
    const other = await request(app())
      .post('/api/staff/news/import')
      .set('Authorization', `Bearer ${staff.token}`)
      .send({ url: 'https://example.com/s/x' });
    expect(other.status).toBe(400);
    expect(Object.keys(other.body.error.fields)).toEqual(['url']);
    const gone = await request(app())
      .post('/api/staff/news/import')
      .set('Authorization', `Bearer ${staff.token}`)
      .send({ url: 'https://mp.weixin.qq.com/s/no-such-article' });
    expect(gone.status).toBe(400);
    expect(gone.body.error.fields.url).toBe('没有读到文章内容，文章可能已被删除');
  });
});

describe('staff: the 资讯管理 scope', () => {
  it('staff of a service without 资讯管理 get 403 FORBIDDEN on every staff news read and write, and nothing changes', async () => {
    const staff = await asRole('serviceStaff');
    const a = await buildNews({ title: '关于停水的通知' });
    const forbidden = { error: { code: 'FORBIDDEN', message: '您没有资讯管理权限，请联系管理员开通' } };
    const tries = [
      request(app()).get('/api/staff/news').set(staff.auth),
      request(app()).patch(`/api/staff/news/${a.id}`).set(staff.auth).send({ pinned: true }),
      request(app()).patch(`/api/staff/news/${a.id}`).set(staff.auth).send({ hidden: true }),
      request(app()).post('/api/staff/news').set(staff.auth).send({ title: '假通知', category: 'notice', text: '不该发出去的通知内容。' }),
      request(app()).post('/api/staff/news/import').set(staff.auth).send({ url: 'https://mp.weixin.qq.com/s/live-childcare' }),
    ];
    for (const res of await Promise.all(tries)) {
      expect(res.status).toBe(403);
      expect(res.body).toEqual(forbidden);
    }
    expect(await NewsModel.countDocuments({})).toBe(1);
    expect(await NewsModel.findById(a.id).lean()).toMatchObject({ hidden: false, pinned: false });
  });

  it('an admin grants 资讯管理 to staff of a service, who may then pin; revoking the scope alone takes it back and keeps the service', async () => {
    const admin = await login(app(), 'editor');
    const staff = await asRole('serviceStaff');
    const a = await buildNews();
    const pin = () => request(app()).patch(`/api/staff/news/${a.id}`).set(staff.auth).send({ pinned: true });
    expect((await pin()).status).toBe(403);

    const granted = await request(app()).post('/api/admin/roles').set(admin.auth).send({ userId: staff.userId, role: 'staff', news: true });
    expect(granted.body.staffScopes).toMatchObject({ news: true, serviceIds: [expect.any(String)] });
    Object.assign(staff, await login(app(), staff.openid.slice(4)));
    expect((await pin()).body).toMatchObject({ pinned: true });

    const revoked = await request(app())
      .post('/api/admin/roles/revoke')
      .set(admin.auth)
      .send({ userId: staff.userId, role: 'staff', scope: 'news' });
    expect(revoked.body).toMatchObject({ roles: ['citizen', 'staff'], staffScopes: { news: false, serviceIds: [expect.any(String)] } });
    Object.assign(staff, await login(app(), staff.openid.slice(4)));
    expect((await pin()).status).toBe(403);
  });
});

describe('admin: category rules', () => {
  it('new rules re-file every article without a staff override', async () => {
    const admin = await asRole('admin');
    const ruled = await buildNews({ title: '夜市美食节开幕' });
    await request(app()).patch(`/api/staff/news/${ruled.id}`).set('Authorization', `Bearer ${admin.token}`).send({ category: null });
    const kept = await buildNews({ title: '美食节交通管制', category: 'notice' });
    const res = await request(app())
      .put('/api/admin/news/rules')
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ rules: [{ category: 'livelihood', keywords: ['美食节'] }] });
    expect(res.status).toBe(200);
    expect(res.body.reclassified).toBe(2);
    expect((await request(app()).get(`/api/news/${ruled.id}`)).body.category).toBe('livelihood');
    expect((await request(app()).get(`/api/news/${kept.id}`)).body.category).toBe('notice');
    const rules = await request(app()).get('/api/admin/news/rules').set('Authorization', `Bearer ${admin.token}`);
    expect(rules.body.rules).toEqual([{ category: 'livelihood', keywords: ['美食节'] }]);
    const bad = await request(app())
      .put('/api/admin/news/rules')
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ rules: [{ category: 'sports', keywords: [] }] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['rules.0.category']);
  });
});

describe('GET /api/media/:name', () => {
  it('serves nothing but our own content-hash names', async () => {
    expect((await request(app()).get('/api/media/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    expect((await request(app()).get('/api/media/0123456789abcdef0123456789abcdef.png')).status).toBe(404);
  });
});
