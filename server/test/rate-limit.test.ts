import request from 'supertest';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from '../src/lib/rate-limit';
import { clearDb, login, testApp, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();
beforeEach(clearDb);

/** Redis runs on this kind of machine (127.0.0.1:6379); CI uses the same one. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('per-person limits', () => {
  it('limits writes per person with 429 and Retry-After, without touching another person', async () => {
    const app = testApp({ WECHAT_API_BASE: standin.current.url, WRITE_LIMIT_PER_MINUTE: '3' }).callback();
    const a = await login(app);
    const b = await login(app);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await request(app).patch('/api/me').set(a.auth).send({})).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await request(app).patch('/api/me').set(a.auth).send({});
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await request(app).get('/api/me').set(a.auth)).status).toBe(200);
    expect((await request(app).patch('/api/me').set(b.auth).send({})).status).toBe(200);
  });

  it('limits logins per person', async () => {
    const app = testApp({ WECHAT_API_BASE: standin.current.url, LOGIN_LIMIT_PER_MINUTE: '2' }).callback();
    await login(app, 'eager');
    await login(app, 'eager');
    const res = await request(app).post('/api/auth/login').send({ code: 'eager~x' });
    expect(res.status).toBe(429);
    await expect(login(app, 'calm')).resolves.toBeTruthy();
  });
});

describe.each([
  ['in-process', () => new MemoryRateLimiter()],
  ['Redis', () => new RedisRateLimiter(REDIS_URL, `jk:test:${process.pid}:${Date.now()}:`)],
] as [string, () => RateLimiter][])('the %s limiter', (_name, make) => {
  it('allows the limit within a window and refuses the next', async () => {
    const l = make();
    try {
      const results = [];
      for (let i = 0; i < 4; i++) results.push((await l.hit('k', 3, 60_000)).allowed);
      expect(results).toEqual([true, true, true, false]);
      expect((await l.hit('other', 3, 60_000)).allowed).toBe(true);
    } finally {
      await l.close();
    }
  });
});

describe('several API instances', () => {
  it('share one count through Redis, so two instances together allow only the limit', async () => {
    const prefix = `jk:test:shared:${process.pid}:${Date.now()}:`;
    const one = new RedisRateLimiter(REDIS_URL, prefix);
    const two = new RedisRateLimiter(REDIS_URL, prefix);
    const env = { WECHAT_API_BASE: standin.current.url, WRITE_LIMIT_PER_MINUTE: '4' };
    const appOne = testApp(env, undefined, { limiter: one }).callback();
    const appTwo = testApp(env, undefined, { limiter: two }).callback();
    try {
      const a = await login(appOne);
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (
            await request(i % 2 ? appTwo : appOne)
              .patch('/api/me')
              .set(a.auth)
              .send({})
          ).status,
        );
      expect(statuses.filter((s) => s === 200)).toHaveLength(4);
      expect(statuses.slice(4)).toEqual([429, 429]);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('would each allow the limit with in-process counters (why Redis is needed)', async () => {
    const env = { WECHAT_API_BASE: standin.current.url, WRITE_LIMIT_PER_MINUTE: '4' };
    const appOne = testApp(env).callback();
    const appTwo = testApp(env).callback();
    const a = await login(appOne);
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await request(i % 2 ? appTwo : appOne)
            .patch('/api/me')
            .set(a.auth)
            .send({})
        ).status,
      );
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});
