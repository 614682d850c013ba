import request from 'supertest';
import { buildService } from './factories';
import { SignJWT } from 'jose';
import mongoose from 'mongoose';
import { TokenFloorModel, UserKeyModel, UserModel } from '../src/modules/users/model';
import { TokenService } from '../src/lib/token';
import { Vault } from '../src/lib/crypto';
import { WechatClient } from '../src/wechat/client';
import { clearDb, login, memoryLogger, testApp, testConfig, testNow, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();
const env = () => ({ WECHAT_API_BASE: standin.current.url });

beforeEach(clearDb);

describe('POST /api/auth/login', () => {
  it('exchanges a code for our own token and a citizen user, found again on the next login', async () => {
    const app = testApp(env()).callback();
    const res = await request(app).post('/api/auth/login').send({ code: 'abc' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      token: expect.any(String),
      expiresAt: expect.stringMatching(/\+08:00$/),
      user: { id: expect.any(String), roles: ['citizen'] },
    });
    const again = await request(app).post('/api/auth/login').send({ code: 'abc~2' });
    expect(again.body.user.id).toBe(res.body.user.id);
    const other = await request(app).post('/api/auth/login').send({ code: 'abd' });
    expect(other.body.user.id).not.toBe(res.body.user.id);
    expect(await UserModel.findOne({ openid: 'dev_abc' }).lean()).toBeTruthy();
    const me = await request(app).get('/api/me').set('Authorization', `Bearer ${res.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(res.body.user.id);
  });

  it('finds a returning account by _id only (FerretDB v1 scans any other filter), through a key row mended when missing or stale', async () => {
    const app = testApp(env()).callback();
    // Every read and write of users and user_keys names an _id (an insert names none).
    const filters: Record<string, unknown>[] = [];
    const asked = async <T>(fn: () => Promise<T>): Promise<T> => {
      filters.length = 0;
      mongoose.set('debug', (collection: string, method: string, query: unknown) => {
        if ((collection === 'users' || collection === 'user_keys') && method !== 'insertOne')
          filters.push(query as Record<string, unknown>);
      });
      try {
        return await fn();
      } finally {
        mongoose.set('debug', false);
      }
    };
    const first = await asked(() => login(app, 'keyed'));
    for (const f of filters) expect(Object.keys(f)).toEqual(['_id']);
    expect(await UserKeyModel.findById('dev_keyed').lean()).toEqual({
      _id: 'dev_keyed',
      userId: new mongoose.Types.ObjectId(first.userId),
    });
    expect((await asked(() => login(app, 'keyed'))).userId).toBe(first.userId);
    expect(filters.length).toBeGreaterThan(0);
    for (const f of filters) expect(Object.keys(f)).toEqual(['_id']);

    // An account from before the key rows: found by its openid once, and keyed from then on.
    await UserKeyModel.deleteMany({});
    expect((await login(app, 'keyed')).userId).toBe(first.userId);
    expect((await UserKeyModel.findById('dev_keyed').lean())?.userId.toString()).toBe(first.userId);

    // A deleted account takes its key with it; a key left behind (a crash between the two deletes)
    // is mended: the next login is a new account, never the deleted one.
    expect((await request(app).delete('/api/me').set(first.auth)).status).toBe(200);
    expect(await UserKeyModel.findById('dev_keyed').lean()).toBeNull();
    const second = await login(app, 'keyed');
    expect(second.userId).not.toBe(first.userId);
    await UserModel.deleteOne({ _id: second.userId });
    const third = await login(app, 'keyed');
    expect(third.userId).not.toBe(second.userId);
    expect((await UserKeyModel.findById('dev_keyed').lean())?.userId.toString()).toBe(third.userId);
    expect(await UserModel.countDocuments({ openid: 'dev_keyed' })).toBe(1);
  });

  it('first logins of one openid at once make one account: the unique openid index decides (control: without it, two)', async () => {
    const app = testApp(env()).callback();
    const rush = async (who: string) => {
      const ids = await Promise.all(Array.from({ length: 8 }, () => login(app, who).then((l) => l.userId)));
      return { ids: new Set(ids).size, rows: await UserModel.countDocuments({ openid: `dev_${who}` }) };
    };
    for (let i = 0; i < 3; i++) expect(await rush(`same${i}`)).toEqual({ ids: 1, rows: 1 });

    await UserModel.collection.dropIndex('openid_1');
    try {
      let doubled = false;
      for (let i = 0; i < 20 && !doubled; i++) doubled = (await rush(`control${i}`)).rows > 1;
      expect(doubled).toBe(true);
    } finally {
      await UserModel.deleteMany({ openid: /^dev_control/ });
      await UserModel.syncIndexes();
    }
  });

  it('answers a reused code with 401 INVALID_LOGIN_CODE, and an empty or missing one with 400', async () => {
    const app = testApp(env()).callback();
    expect((await request(app).post('/api/auth/login').send({ code: 'once' })).status).toBe(200);
    const reused = await request(app).post('/api/auth/login').send({ code: 'once' });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('INVALID_LOGIN_CODE');
    const empty = await request(app).post('/api/auth/login').send({ code: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual({ code: '缺少登录凭证' });
    const missing = await request(app).post('/api/auth/login').send({});
    // The schema's own words, not a bare 必填.
    expect(missing.body.error.fields).toEqual({ code: '缺少登录凭证' });
    const typed = await request(app)
      .post('/api/auth/login')
      .send({ code: { $ne: null } });
    expect(typed.status).toBe(400);
  });

  it('refuses roles or userId smuggled into the login body', async () => {
    const res = await request(testApp(env()).callback())
      .post('/api/auth/login')
      .send({ code: 'x1', roles: ['admin'], userId: 'a' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ roles: '不支持这个字段', userId: '不支持这个字段' });
  });

  it('makes BOOTSTRAP_ADMIN_OPENIDS admins at login', async () => {
    const app = testApp({ ...env(), BOOTSTRAP_ADMIN_OPENIDS: 'dev_boss' }).callback();
    const res = await request(app).post('/api/auth/login').send({ code: 'boss' });
    expect(res.body.user.roles).toEqual(['citizen', 'admin']);
  });

  it('answers 503 WECHAT_UNAVAILABLE when code2Session stalls or fails', async () => {
    const c = testConfig(env());
    const wechat = new WechatClient({ baseUrl: standin.current.url, appid: c.wechat.appid, secret: c.wechat.secret, timeoutMs: 300 });
    const app = testApp(env(), undefined, { wechat }).callback();
    await request(standin.current.url).post('/__standin/fault').send({ path: '/sns/jscode2session', stallMs: 1000 });
    const stalled = await request(app).post('/api/auth/login').send({ code: 'slow' });
    expect(stalled.status).toBe(503);
    expect(stalled.body.error.code).toBe('WECHAT_UNAVAILABLE');
    await request(standin.current.url).post('/__standin/fault').send({ path: '/sns/jscode2session', errcode: -1 });
    expect((await request(app).post('/api/auth/login').send({ code: 'busy' })).status).toBe(503);
  });

  it('keeps session_key on the server: encrypted in the database, in no response and no log line', async () => {
    const { logger, lines } = memoryLogger();
    const app = testApp({ ...env(), LOG_LEVEL: 'debug' }, logger).callback();
    const res = await request(app).post('/api/auth/login').send({ code: 'secretive' });
    const raw = await UserModel.collection.findOne({ openid: 'dev_secretive' });
    const sessionKey = new Vault(testConfig().dataKeys).decrypt(raw!.sessionKeyEnc as string);
    expect(sessionKey.length).toBeGreaterThan(10);
    expect(JSON.stringify(raw)).not.toContain(sessionKey);
    const me = await request(app).get('/api/me').set('Authorization', `Bearer ${res.body.token}`);
    const exp = await request(app).get('/api/me/export').set('Authorization', `Bearer ${res.body.token}`);
    for (const body of [res.body, me.body, exp.body]) {
      expect(JSON.stringify(body)).not.toContain(sessionKey);
      expect(JSON.stringify(body)).not.toMatch(/session_?key/i);
    }
    const [, payload] = res.body.token.split('.');
    expect(Buffer.from(payload, 'base64url').toString()).not.toContain(sessionKey);
    expect(lines.join('\n')).not.toContain(sessionKey);
    expect(lines.length).toBeGreaterThan(0);
  });
});

describe('tokens', () => {
  const c = testConfig();

  it('refuses tampered, expired, alg:none, foreign-key and malformed tokens with 401', async () => {
    const app = testApp(env()).callback();
    const { token, userId } = await login(app);
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: '0123456789abcdef01234567' })).toString('base64url')}.${s}`;
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    const past = new TokenService(c.authTokenSecret, 1, () => new Date(testNow().getTime() - 3600_000));
    const expired = (await past.sign({ sub: userId, ver: 1, citizen: true })).token;
    const foreign = await new SignJWT({ ver: 1 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer('jingkai-api')
      .setAudience('jingkai-miniapp')
      .setExpirationTime('1h')
      .sign(Buffer.from('another-secret-another-secret-another'));
    for (const bad of [tampered, none, expired, foreign, 'not-a-token', `${token}x`]) {
      const res = await request(app).get('/api/me').set('Authorization', `Bearer ${bad}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    expect((await request(app).get('/api/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    expect((await request(app).get('/api/me').set('Authorization', token)).status).toBe(401);
    expect((await request(app).get('/api/me')).status).toBe(401);
  });

  it('a revocation written by another instance refuses a citizen token within two seconds', async () => {
    const app = testApp(env()).callback();
    const { token, userId } = await login(app);
    const auth = { Authorization: `Bearer ${token}` };
    expect((await request(app).get('/api/me/bookings').set(auth)).status).toBe(200);
    // Another API instance deleted the account: it raised the floor in the shared collection only.
    await TokenFloorModel.create({ userId, ver: 2 ** 31, at: testNow() });
    await new Promise((r) => setTimeout(r, 2100));
    const res = await request(app).get('/api/me/bookings').set(auth);
    expect(res.status).toBe(401);
  });

  it('a citizen token carries no roles: a staff grant revokes it, and the next login reads the new roles', async () => {
    const app = testApp({ ...env(), BOOTSTRAP_ADMIN_OPENIDS: 'dev_granter' }).callback();
    const admin = await login(app, 'granter');
    const zhao = await login(app, 'zhao');
    const { serviceId } = await buildService();
    await request(app)
      .post('/api/admin/roles')
      .set(admin.auth)
      .send({ userId: zhao.userId, role: 'staff', serviceIds: [serviceId], news: true });
    expect((await request(app).get('/api/staff/news').set(zhao.auth)).status).toBe(401);
    const again = await login(app, 'zhao');
    expect((await request(app).get('/api/staff/news').set(again.auth)).status).toBe(200);
  });
});
