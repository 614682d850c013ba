import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { UserModel } from '../src/modules/users/model';
import { FamilyModel } from '../src/modules/family/model';
import { buildEvent, buildService, buildSlot } from './factories';
import { RegistrationModel } from '../src/modules/events/model';
import { RequestModel } from '../src/modules/requests/model';
import { idNumber } from './factories/ids';
import { Vault } from '../src/lib/crypto';
import { clearDb, login, testApp, testConfig, testDay, testNow, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();
let app: ReturnType<ReturnType<typeof testApp>['callback']>;
beforeAll(() => {
  app = testApp({
    WECHAT_API_BASE: standin.current.url,
    BOOTSTRAP_ADMIN_OPENIDS: 'dev_meadmin',
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'jk-me-')),
  }).callback();
});
beforeEach(clearDb);

const FATHER = {
  name: '李建国',
  relation: 'parent',
  idNumber: idNumber('1956-03-08'),
  phone: '13947500001',
  address: '通辽市开发区辽河镇辽河村 3 组 12 号',
  consent: true,
};

describe('profile and phone', () => {
  it('binds a phone through getuserphonenumber: encrypted in the database, masked in the answer', async () => {
    const { auth, openid } = await login(app);
    const res = await request(app).post('/api/me/phone').set(auth).send({ code: 'phone_13900000001' });
    expect(res.status).toBe(200);
    expect(res.body.phone).toBe('139****0001');
    const raw = await UserModel.collection.findOne({ openid });
    expect(JSON.stringify(raw)).not.toContain('13900000001');
    expect(raw!.phoneEnc).toMatch(/^v1\.dev\./);
    expect((await request(app).get('/api/me').set(auth)).body.phone).toBe('139****0001');
  });

  it('answers an invalid phone code with 400 naming the code', async () => {
    const { auth } = await login(app);
    const res = await request(app).post('/api/me/phone').set(auth).send({ code: 'bad-code' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ code: '手机号凭证无效，请重新获取' });
  });

  it('saves a nickname after the content check, and refuses one the check finds risky', async () => {
    const { auth } = await login(app);
    const ok = await request(app).patch('/api/me').set(auth).send({ nickname: '草原上的风' });
    expect(ok.body.nickname).toBe('草原上的风');
    const risky = await request(app).patch('/api/me').set(auth).send({ nickname: '赌博高手' });
    expect(risky.status).toBe(400);
    expect(Object.keys(risky.body.error.fields)).toEqual(['nickname']);
    const sneaky = await request(app)
      .patch('/api/me')
      .set(auth)
      .send({ roles: ['admin'] });
    expect(sneaky.status).toBe(400);
    expect(sneaky.body.error.fields).toEqual({ roles: '不支持这个字段' });
  });
});

describe('family members (家人)', () => {
  it('keeps a parent with consent: encrypted at rest, masked in every answer', async () => {
    const { auth, userId } = await login(app);
    const res = await request(app).post('/api/me/family').set(auth).send(FATHER);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: '李建国',
      relation: 'parent',
      idNumber: `150502********${FATHER.idNumber.slice(-4)}`,
      phone: '139****0001',
      address: '通辽市开发区辽河镇辽****',
      isChild: false,
      ageYears: expect.any(Number),
      consentAt: expect.stringMatching(/\+08:00$/),
    });
    const raw = await FamilyModel.collection.findOne({ ownerId: new (await import('mongoose')).Types.ObjectId(userId) });
    const text = JSON.stringify(raw);
    for (const plain of [FATHER.name, FATHER.idNumber, FATHER.phone, '辽河村']) expect(text).not.toContain(plain);
    const list = await request(app).get('/api/me/family').set(auth);
    expect(list.body.items).toEqual([res.body]);
  });

  it('refuses an ID number failing the GB 11643 checksum, naming idNumber', async () => {
    const { auth } = await login(app);
    const wrong = FATHER.idNumber.slice(0, 17) + (FATHER.idNumber.endsWith('1') ? '2' : '1');
    const res = await request(app)
      .post('/api/me/family')
      .set(auth)
      .send({ ...FATHER, idNumber: wrong });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ idNumber: '身份证号不正确，请检查' });
    const phone = await request(app)
      .post('/api/me/family')
      .set(auth)
      .send({ ...FATHER, phone: '1234' });
    expect(phone.body.error.fields).toEqual({ phone: '手机号格式不正确' });
    const noConsent = await request(app)
      .post('/api/me/family')
      .set(auth)
      .send({ ...FATHER, consent: false });
    expect(Object.keys(noConsent.body.error.fields)).toEqual(['consent']);
  });

  it('needs the guardian for a child under 14, shows the child to its guardian and hides it from anyone else', async () => {
    const { auth } = await login(app);
    // Born 400 days ago: one year old on any date, 29 Feb and 31 Dec included.
    const child = { name: '陈小宝', relation: 'child', idNumber: idNumber(testDay(-400)), consent: true };
    const refused = await request(app).post('/api/me/family').set(auth).send(child);
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error.fields)).toEqual(['guardian']);
    const ok = await request(app)
      .post('/api/me/family')
      .set(auth)
      .send({ ...child, guardian: true });
    expect(ok.status).toBe(201);
    // The guardian knows the name (issue 12: 陈*宝 on one's own child was a fault); the ID number stays masked.
    expect(ok.body).toMatchObject({ name: '陈小宝', isChild: true, ageYears: 1 });
    expect(JSON.stringify(ok.body)).not.toContain(child.idNumber);
    const listed = await request(app).get('/api/me/family').set(auth);
    expect(listed.body.items.map((m: { name: string }) => m.name)).toContain('陈小宝');
    const stranger = await login(app);
    expect((await request(app).get(`/api/me/family/${ok.body.id}`).set(stranger.auth)).status).toBe(404);
    expect(JSON.stringify((await request(app).get('/api/me/family').set(stranger.auth)).body)).not.toContain('陈小宝');
  });

  it('refuses the same person twice with 409, and hides another person’s member behind 404', async () => {
    const a = await login(app);
    const b = await login(app);
    const added = await request(app).post('/api/me/family').set(a.auth).send(FATHER);
    const dup = await request(app).post('/api/me/family').set(a.auth).send(FATHER);
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE_FAMILY_MEMBER');
    expect((await request(app).get(`/api/me/family/${added.body.id}`).set(b.auth)).status).toBe(404);
    expect((await request(app).delete(`/api/me/family/${added.body.id}`).set(b.auth)).status).toBe(404);
    expect((await request(app).get(`/api/me/family/${added.body.id}`).set(a.auth)).status).toBe(200);
    // The same father may be kept by his other child too.
    expect((await request(app).post('/api/me/family').set(b.auth).send(FATHER)).status).toBe(201);
  });
});

describe('export and delete (导出我的数据 / 注销账号)', () => {
  it('exports everything held about me, masked', async () => {
    const { auth } = await login(app);
    await request(app).post('/api/me/phone').set(auth).send({ code: 'phone_13900000002' });
    await request(app).post('/api/me/family').set(auth).send(FATHER);
    const res = await request(app).get('/api/me/export').set(auth);
    expect(res.status).toBe(200);
    expect(res.body.account.phone).toBe('139****0002');
    expect(res.body.familyMembers).toHaveLength(1);
    expect(JSON.stringify(res.body)).not.toContain(FATHER.idNumber);
    expect(JSON.stringify(res.body)).not.toContain('13900000002');
  });

  it('exports my bookings, cancelled ones included, masked exactly as 我的预约 shows them, and no one else’s', async () => {
    const me = await login(app);
    const other = await login(app);
    const { serviceId, siteId } = await buildService({
      form: [
        { name: 'name', label: '姓名', type: 'text', required: true },
        { name: 'phone', label: '手机号', type: 'phone', required: true },
        { name: 'idNumber', label: '身份证号', type: 'idNumber', required: true },
      ] as never,
    });
    const day = testDay(2);
    const slots = [
      await buildSlot(serviceId, siteId, { date: day, from: '09:00', to: '10:00' }),
      await buildSlot(serviceId, siteId, { date: testDay(3), from: '09:00', to: '10:00' }),
    ];
    const form = { name: '李建国', phone: '13947500001', idNumber: FATHER.idNumber };
    const booked = [];
    for (const slotId of slots) {
      const res = await request(app).post('/api/bookings').set(me.auth).send({ slotId, form });
      expect(res.status).toBe(201);
      booked.push(res.body.id as string);
    }
    expect((await request(app).post(`/api/bookings/${booked[0]}/cancel`).set(me.auth).send({})).status).toBe(200);
    const theirs = await request(app)
      .post('/api/bookings')
      .set(other.auth)
      .send({ slotId: slots[0], form: { ...form, name: '张三', idNumber: idNumber('1980-01-01') } });
    expect(theirs.status).toBe(201);

    const res = await request(app).get('/api/me/export').set(me.auth);
    expect(res.status).toBe(200);
    const mine = await request(app).get('/api/me/bookings').set(me.auth);
    expect(res.body.bookings).toEqual(mine.body.items);
    expect(res.body.bookings.map((b: { id: string; status: string }) => [b.id, b.status])).toEqual([
      [booked[1], 'confirmed'],
      [booked[0], 'cancelled'],
    ]);
    expect(res.body.bookings[0].form).toMatchObject({ name: '李建国', phone: '139****0001' });
    expect(res.body.registrations).toEqual([]);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(FATHER.idNumber);
    expect(text).not.toContain('13947500001');
    expect(text).not.toContain(theirs.body.id);
  });

  it('exports my event registrations and 诉求 masked as my pages show them; deleting gives up my places and forgets what I wrote', async () => {
    const start = new Date(testNow().getTime() + 10 * 86_400_000);
    const eventId = await buildEvent({ maxAttendees: 2 }, [{ startAt: start, endAt: new Date(start.getTime() + 3600_000), capacity: 2 }]);
    const sessionId = (await request(app).get(`/api/events/${eventId}`)).body.sessions[0].id as string;
    const me = await login(app);
    const cousin = { name: '其其格', idNumber: idNumber('1999-02-02', '812'), phone: '13900000009' };
    const mine = await request(app)
      .post(`/api/events/${eventId}/registrations`)
      .set(me.auth)
      .send({ sessionId, attendees: [{ name: '阿斯楞', idNumber: idNumber('1998-08-18', '811') }, cousin], form: {} });
    expect(mine.body.status).toBe('confirmed');
    const waiter = await login(app);
    const waiting = await request(app)
      .post(`/api/events/${eventId}/registrations`)
      .set(waiter.auth)
      .send({ sessionId, attendees: [{ name: '巴图', idNumber: idNumber('1990-01-01', '813') }], form: {} });
    expect(waiting.body.status).toBe('waitlisted');
    const filed = await request(app)
      .post('/api/requests')
      .set(me.auth)
      .send({ category: 'services', text: '我住在河西社区3号楼，今天的午餐送晚了一个小时。', contact: 'phone' });
    expect(filed.status).toBe(201);

    const exported = (await request(app).get('/api/me/export').set(me.auth)).body;
    expect(exported.registrations.map((r: { id: string }) => r.id)).toEqual([mine.body.id]);
    expect(exported.requests.map((r: { trackingNo: string }) => r.trackingNo)).toEqual([filed.body.trackingNo]);
    expect(JSON.stringify(exported)).not.toContain(cousin.idNumber);
    expect(JSON.stringify(exported)).not.toContain(cousin.phone);

    const gone = await request(app).delete('/api/me').set(me.auth);
    expect(gone.body).toMatchObject({ cancelled: { registrations: 1 }, anonymised: { registrations: 1, requests: 1 } });
    // The places went back and the line moved; nothing of what I typed is left.
    expect((await request(app).get(`/api/registrations/${waiting.body.id}`).set(waiter.auth)).body.status).toBe('confirmed');
    const reg = (await RegistrationModel.findById(mine.body.id).lean())!;
    expect([reg.userId, reg.status]).toEqual([null, 'cancelled']);
    expect(reg.attendees.map((a) => new Vault(testConfig().dataKeys).decrypt(a.idNumberEnc))).toEqual(['', '']);
    const req = (await RequestModel.findById(filed.body.id).lean())!;
    expect([req.userId, req.text, req.photos]).toEqual([null, '（市民已注销账号，内容已删除）', []]);
    // Staff go on handling it: each step stands, and with nobody to tell no notice goes.
    const staff = await login(app, 'meadmin');
    for (const to of ['accepted', 'replied']) {
      const step = await request(app)
        .post(`/api/staff/requests/${filed.body.id}/transition`)
        .set(staff.auth)
        .send(to === 'replied' ? { to, reply: '已核实，送餐时间已调整。' } : { to });
      expect([to, step.status]).toEqual([to, 200]);
    }
  });

  it('deletes my account and family members; my token stops working', async () => {
    const { auth, userId } = await login(app);
    await request(app).post('/api/me/family').set(auth).send(FATHER);
    const res = await request(app).delete('/api/me').set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      deleted: { familyMembers: 1, messages: 0 },
      cancelled: { bookings: 0, registrations: 0 },
      anonymised: { bookings: 0, registrations: 0, requests: 0 },
    });
    expect(await UserModel.findById(userId).lean()).toBeNull();
    expect(await FamilyModel.countDocuments()).toBe(0);
    expect((await request(app).get('/api/me').set(auth)).status).toBe(401);
  });
});

describe('avatar (WeChat chooseAvatar, uploaded as bytes)', () => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

  it('stores the image by its content hash and serves it back', async () => {
    const { auth } = await login(app);
    const res = await request(app).post('/api/me/avatar').set(auth).set('Content-Type', 'image/png').send(png);
    expect(res.status).toBe(200);
    expect(res.body.avatarUrl).toMatch(/^\/api\/avatars\/[0-9a-f]{32}\.png$/);
    const img = await request(app).get(res.body.avatarUrl).buffer(true);
    expect(img.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(img.body as Buffer, png)).toBe(0);
  });

  it('refuses what is not an image (400) and what is too large (413)', async () => {
    const { auth } = await login(app);
    const text = await request(app)
      .post('/api/me/avatar')
      .set(auth)
      .set('Content-Type', 'image/png')
      .send(Buffer.from('<script>alert(1)</script>'));
    expect(text.status).toBe(400);
    expect(text.body.error.fields).toEqual({ body: '请上传 PNG、JPG 或 WebP 图片' });
    const big = await request(app)
      .post('/api/me/avatar')
      .set(auth)
      .set('Content-Type', 'image/png')
      .send(Buffer.concat([png, Buffer.alloc(600 * 1024)]));
    expect(big.status).toBe(413);
    expect((await request(app).get('/api/avatars/../../etc/passwd')).status).toBe(404);
    expect((await request(app).post('/api/me/avatar').set('Content-Type', 'image/png').send(png)).status).toBe(401);
  });

  it('takes an avatar address only from our own store: internal hosts, other sites and scripts are 400 naming avatarUrl', async () => {
    const { auth, openid } = await login(app);
    const uploaded = (await request(app).post('/api/me/avatar').set(auth).set('Content-Type', 'image/png').send(png)).body.avatarUrl;
    const refused = [
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
      'http://127.0.0.1:6379/',
      'javascript:alert(document.cookie)',
      'https://example.com/a.png',
      `http://127.0.0.1:3000${uploaded}`,
      '//169.254.169.254/api/avatars/0123456789abcdef0123456789abcdef.png',
      `${uploaded}?x=http://127.0.0.1:6379/`,
      '/api/avatars/../../etc/passwd',
      '/api/media/0123456789abcdef0123456789abcdef.png',
    ];
    for (const avatarUrl of refused) {
      const res = await request(app).patch('/api/me').set(auth).send({ avatarUrl });
      expect([avatarUrl, res.status, res.body.error]).toEqual([
        avatarUrl,
        400,
        { code: 'VALIDATION_FAILED', message: expect.any(String), fields: { avatarUrl: '头像只能使用上传到本站的图片' } },
      ]);
    }
    // Our path shape, but no such upload: also refused.
    const made = await request(app).patch('/api/me').set(auth).send({ avatarUrl: '/api/avatars/0123456789abcdef0123456789abcdef.png' });
    expect(made.status).toBe(400);
    expect(made.body.error.fields).toEqual({ avatarUrl: '没有找到这张头像，请重新上传' });
    expect((await UserModel.findOne({ openid }).lean())!.avatarUrl).toBe(uploaded);

    const good = await request(app).patch('/api/me').set(auth).send({ avatarUrl: uploaded });
    expect(good.status).toBe(200);
    expect(good.body.avatarUrl).toBe(uploaded);
  });

  it('never hands out an avatar address stored before the check', async () => {
    const { auth, openid } = await login(app);
    await UserModel.updateOne({ openid }, { $set: { avatarUrl: 'http://169.254.169.254/latest/meta-data/' } });
    expect((await request(app).get('/api/me').set(auth)).body.avatarUrl).toBeNull();
  });
});
