import pino from 'pino';
import request from 'supertest';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { memoryLogger, PRODUCTION_ENV, testApp, useTestDb } from './setup/harness';

useTestDb(__filename);

describe('the HTTP envelope', () => {
  const app = testApp().callback();

  it('answers an unknown API route with 404 in the error envelope', async () => {
    const res = await request(app).get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: '没有这个接口' } });
  });

  it('answers malformed JSON with 400 VALIDATION_FAILED naming the body', async () => {
    const res = await request(app).post('/api/news').set('Content-Type', 'application/json').send('{"title": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields).toEqual({ body: '不是有效的 JSON' });
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await request(app)
      .post('/api/news')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容太多了' } });
  });

  it('refuses operator objects and unknown query fields with the field that is wrong', async () => {
    const res = await request(app).get('/api/news').query('q[$ne]=1&category=plan');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields).toEqual({ 'query.q[$ne]': '不支持这个字段' });
  });

  it('sends security headers (CSP on pages, nosniff on JSON) and allows the H5 preview from another origin (CORS)', async () => {
    const page = await request(app).get('/');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    // A picture picked in the preview is a blob: URL, shown in an <img> and read with fetch before upload.
    const csp = Object.fromEntries(
      String(page.headers['content-security-policy'])
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(csp['img-src']).toContain('blob:');
    expect(csp['connect-src']).toContain('blob:');
    expect(csp['script-src']).not.toContain('blob:');
    const res = await request(app).get('/api/health').set('Origin', 'http://localhost:10086');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:10086');
    expect(res.headers['access-control-expose-headers']).toContain('x-request-id');
  });

  it('turns an unexpected error into a generic 500 and logs it with the request id', async () => {
    const { logger, lines } = memoryLogger();
    const koa = testApp({}, logger);
    // A route that throws something that is not an AppError, mounted ahead of the others for this test only.
    koa.middleware.splice(3, 0, async (ctx, next) => {
      if (ctx.path === '/api/boom') throw new Error('kaboom');
      await next();
    });
    const res = await request(koa.callback()).get('/api/boom');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL', message: '系统开小差了，请稍后再试' } });
    const line = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'unhandled error');
    expect(line.reqId).toBe(res.headers['x-request-id']);
  });

  it('logs one line per API request with the request id, and never the query string', async () => {
    const { logger, lines } = memoryLogger();
    await request(testApp({}, logger).callback()).get('/api/news?q=13900000001');
    const entries = lines.map((l) => JSON.parse(l));
    const access = entries.find((l) => l.msg === 'request');
    expect(access).toMatchObject({ method: 'GET', path: '/api/news', status: 200 });
    expect(access.reqId).toBeTruthy();
    expect(lines.join('\n')).not.toContain('13900000001');
  });

  it('limits a flood from one address with 429 RATE_LIMITED and Retry-After', async () => {
    const flood = testApp({ RATE_LIMIT_PER_IP_PER_MINUTE: '3' }).callback();
    for (let i = 0; i < 3; i++) expect((await request(flood).get('/api/health')).status).toBe(200);
    const res = await request(flood).get('/api/health');
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('with no trusted proxy, ignores X-Forwarded-For: rotating spoofed addresses still hits 429 after the limit', async () => {
    const flood = testApp({ RATE_LIMIT_PER_IP_PER_MINUTE: '3' }).callback();
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await request(flood).get('/api/health').set('X-Forwarded-For', `203.0.113.${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('behind one trusted proxy, counts the last hop: spoofed entries before it change nothing, another client has its own count', async () => {
    const flood = testApp({ RATE_LIMIT_PER_IP_PER_MINUTE: '3', TRUSTED_PROXIES: '1' }).callback();
    const from = (xff: string) => request(flood).get('/api/health').set('X-Forwarded-For', xff);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await from(`10.0.0.${i}, 198.51.100.7`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await from('198.51.100.8')).status).toBe(200);
    // Negative control: the header is really read, so a fresh last hop each time is never limited.
    const fresh = [];
    for (let i = 0; i < 5; i++) fresh.push((await from(`198.51.100.7, 192.0.2.${i}`)).status);
    expect(fresh).toEqual([200, 200, 200, 200, 200]);
  });
});

describe('CORS', () => {
  const production = { ...PRODUCTION_ENV, LOG_LEVEL: 'silent' };
  const productionApp = (env: NodeJS.ProcessEnv = {}) =>
    createApp({ config: loadConfig({ ...production, ...env }), logger: pino({ level: 'silent' }) }).callback();
  const allowed = async (app: ReturnType<typeof productionApp>, origin: string) =>
    (await request(app).get('/api/health').set('Origin', origin)).headers['access-control-allow-origin'];

  it('in production, allows no browser origin unless configured', async () => {
    const app = productionApp();
    expect(await allowed(app, 'https://evil.example')).toBeUndefined();
    const preflight = await request(app)
      .options('/api/me')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'PATCH');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('in production, allows exactly the configured origins', async () => {
    const app = productionApp({ CORS_ORIGINS: 'https://h5.example.gov.cn, https://preview.example.gov.cn' });
    expect(await allowed(app, 'https://h5.example.gov.cn')).toBe('https://h5.example.gov.cn');
    expect(await allowed(app, 'https://preview.example.gov.cn')).toBe('https://preview.example.gov.cn');
    expect(await allowed(app, 'https://evil.example')).toBeUndefined();
    expect(await allowed(app, 'https://h5.example.gov.cn.evil.example')).toBeUndefined();
  });

  it('outside production, any origin is allowed by default', async () => {
    expect(await allowed(testApp().callback(), 'https://anywhere.example')).toBe('https://anywhere.example');
  });
});
