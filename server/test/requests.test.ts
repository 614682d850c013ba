import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { claimExit, setTransitionGuardForTests } from '../src/modules/transitions';
import { repairRequestSteps } from '../src/modules/requests';
import { OutboxModel } from '../src/modules/outbox/model';
import { AuditModel } from '../src/modules/audit/model';
import { RequestModel, RequestNumberModel } from '../src/modules/requests/model';
import { TransitionModel } from '../src/modules/transitions/model';
import { WechatClient } from '../src/wechat/client';
import { TokenService } from '../src/lib/token';
import { clearDb, login, requestStaffOf, testApp, testConfig, useStandin, useTestDb } from './setup/harness';
import { binary, rows } from './setup/workbook';

useTestDb(__filename);
const standin = useStandin();
beforeEach(clearDb);

/** 2026-09-30 (Wednesday) 10:00, the eve of 国庆: Oct 1–7 off, Saturday Oct 10 a working day. */
let clock = new Date('2026-09-30T10:00:00+08:00');
const env = () => ({
  WECHAT_API_BASE: standin.current.url,
  BOOTSTRAP_ADMIN_OPENIDS: 'dev_admin',
  WRITE_LIMIT_PER_MINUTE: '100000',
  // Every staff grant logs the admin in again.
  LOGIN_LIMIT_PER_MINUTE: '100000',
  DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'jk-req-')),
});
/** Tokens live on the wall clock, so moving the app's clock by days does not log anyone out. */
const wallTokens = () => {
  const cfg = testConfig(env());
  return new TokenService(cfg.authTokenSecret, cfg.authTokenTtlMinutes, () => new Date());
};
let app: ReturnType<ReturnType<typeof testApp>['callback']>;
beforeAll(() => {
  app = testApp(env(), undefined, { now: () => clock, tokens: wallTokens() }).callback();
});
beforeEach(() => {
  clock = new Date('2026-09-30T10:00:00+08:00');
});

const LATE_MEAL = '今天中午的老年助餐送到时已经凉了，比约定时间晚了一个小时。';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const staffOf = (units: string[], who?: string) => requestStaffOf(app, units, who);

const file = (auth: Record<string, string>, body: Record<string, unknown> = {}) =>
  request(app)
    .post('/api/requests')
    .set(auth)
    .send({ category: 'services', text: LATE_MEAL, contact: 'phone', ...body });

const step = (auth: Record<string, string>, id: string, body: Record<string, unknown>) =>
  request(app).post(`/api/staff/requests/${id}/transition`).set(auth).send(body);

describe('filing a 诉求', () => {
  it('a citizen files about a late meal: 201 with a readable tracking number and the reply deadline in working days', async () => {
    const c = await login(app);
    const res = await file(c.auth);
    expect(res.status).toBe(201);
    // Received Wed 30 Sep: 5 working days are Oct 8, 9, 10 (the working Saturday), 12, 13.
    expect(res.body).toEqual({
      id: expect.any(String),
      trackingNo: 'JK2609300001',
      status: 'received',
      dueAt: '2026-10-13T23:59:59+08:00',
    });
    const second = await file(c.auth);
    expect(second.body.trackingNo).toBe('JK2609300002');
    const mine = await request(app).get('/api/me/requests').set(c.auth);
    expect(mine.body.items.map((i: { trackingNo: string }) => i.trackingNo)).toEqual(['JK2609300002', 'JK2609300001']);
    expect(mine.body.items[0]).toMatchObject({ category: 'services', status: 'received', overdue: false });
  });

  it('a retry with the same Idempotency-Key gets the first answer, not a second request', async () => {
    const c = await login(app);
    const send = () => file(c.auth).set('Idempotency-Key', 'req-retry-0001');
    const [a, b] = await Promise.all([send(), send()]);
    const c3 = await send();
    expect([a.status, b.status, c3.status]).toEqual([201, 201, 201]);
    expect(new Set([a.body.id, b.body.id, c3.body.id]).size).toBe(1);
    expect(await RequestModel.countDocuments({})).toBe(1);
  });

  it('twenty citizens filing at once get twenty different numbers (the unique index hands them out)', async () => {
    const people = await Promise.all(Array.from({ length: 20 }, () => login(app)));
    const answers = await Promise.all(people.map((p) => file(p.auth)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const numbers = new Set(answers.map((a) => a.body.trackingNo));
    expect(numbers.size).toBe(20);
    expect([...numbers].every((n) => /^JK260930\d{4}$/.test(n))).toBe(true);
  });

  it('numbers come from the day’s counter by _id; a counter behind the numbers (lost, or older than them) catches up', async () => {
    const first = await file((await login(app)).auth);
    expect(first.body.trackingNo).toBe('JK2609300001');
    expect(await RequestNumberModel.findById('JK260930').lean()).toEqual({ _id: 'JK260930', n: 1 });
    await file((await login(app)).auth);
    await RequestNumberModel.deleteMany({});
    const after = await Promise.all(Array.from({ length: 5 }, async () => file((await login(app)).auth)));
    expect(after.map((a) => a.status)).toEqual(Array(5).fill(201));
    expect(after.map((a) => a.body.trackingNo).sort()).toEqual([
      'JK2609300003',
      'JK2609300004',
      'JK2609300005',
      'JK2609300006',
      'JK2609300007',
    ]);
  });

  it('risky text is refused with 400 CONTENT_RISKY; review text is held for a person', async () => {
    const c = await login(app);
    const risky = await file(c.auth, { text: '这里有人聚众赌博，影响邻居休息，请处理' });
    expect(risky.status).toBe(400);
    expect(risky.body.error).toEqual({ code: 'CONTENT_RISKY', message: '内容含有不合适的词语，请修改后再提交' });
    const review = await file(c.auth, { text: '待审核的内容：小区门口的路灯坏了很久了' });
    expect(review.status).toBe(201);
    expect(review.body.status).toBe('held');
    expect(await RequestModel.countDocuments({})).toBe(1);
  });

  it('when the content check fails (an HTTP error, or a stall past the timeout) the request is held, never lost', async () => {
    const c = await login(app);
    await request(standin.current.url).post('/__standin/fault').send({ path: '/wxa/msg_sec_check', status: 500, times: 1 });
    const down = await file(c.auth);
    expect(down.status).toBe(201);
    expect(down.body.status).toBe('held');
    const cfg = testConfig(env());
    const slow = testApp(env(), undefined, {
      now: () => clock,
      tokens: wallTokens(),
      wechat: new WechatClient({ baseUrl: standin.current.url, appid: cfg.wechat.appid, secret: cfg.wechat.secret, timeoutMs: 300 }),
    }).callback();
    await request(standin.current.url).post('/__standin/fault').send({ path: '/wxa/msg_sec_check', stallMs: 1000, times: 1 });
    const stalled = await request(slow).post('/api/requests').set(c.auth).send({ category: 'other', text: LATE_MEAL, contact: 'message' });
    expect(stalled.status).toBe(201);
    expect(stalled.body.status).toBe('held');
    const staff = await staffOf(['general']);
    const held = await request(app).get('/api/staff/requests?status=held').set(staff.auth);
    expect(held.body.items.map((i: { heldReason: string }) => i.heldReason)).toEqual(['unreachable', 'unreachable']);
    // A person looks at it and accepts it: 受理 is the release (the contract has no other step out of held).
    const released = await step(staff.auth, down.body.id, { to: 'accepted', note: '已人工审核' });
    expect(released.body.status).toBe('accepted');
    expect(released.body.timeline.map((e: { status: string; by: string }) => `${e.status}:${e.by}`)).toEqual([
      'held:citizen',
      'accepted:staff',
    ]);
    expect(await AuditModel.findOne({ targetId: down.body.id, action: 'request.accepted' }).lean()).toMatchObject({
      detail: { from: 'held' },
    });
    const stillHeld = await request(app).get('/api/staff/requests?status=held').set(staff.auth);
    expect(stillHeld.body.items.map((i: { id: string }) => i.id)).toEqual([stalled.body.id]);
    expect(await OutboxModel.countDocuments({ kind: 'request.accepted' })).toBe(1);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const c = await login(app);
    const cases: [Record<string, unknown>, string][] = [
      [{ text: '太短了' }, 'text'],
      [{ text: '长'.repeat(501) }, 'text'],
      [{ text: '' }, 'text'],
      [{ photos: Array(4).fill('/api/request-photos/0123456789abcdef0123456789abcdef.png') }, 'photos'],
      [{ photos: ['https://evil.example/x.png'] }, 'photos.0'],
      [{ photos: ['/api/request-photos/0123456789abcdef0123456789abcdef.png'] }, 'photos.0'],
      [{ category: 'weather' }, 'category'],
      [{ contact: 'fax' }, 'contact'],
      [{ text: { $ne: null } }, 'text'],
      [{ userId: 'x' }, 'userId'],
    ];
    for (const [body, field] of cases) {
      const res = await file(c.auth, body);
      expect([JSON.stringify(body).slice(0, 40), res.status, Object.keys(res.body.error.fields ?? {})]).toEqual([
        JSON.stringify(body).slice(0, 40),
        400,
        [field],
      ]);
    }
  });

  it('takes up to three photos uploaded first (by content hash); not an image or over 2 MB is a 400', async () => {
    const c = await login(app);
    const up = await request(app).post('/api/requests/photos').set(c.auth).set('Content-Type', 'image/png').send(PNG);
    expect(up.status).toBe(201);
    expect(up.body.url).toMatch(/^\/api\/request-photos\/[0-9a-f]{32}\.png$/);
    const img = await request(app).get(up.body.url);
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    const notImage = await request(app)
      .post('/api/requests/photos')
      .set(c.auth)
      .set('Content-Type', 'image/png')
      .send(Buffer.from('<svg/>'));
    expect([notImage.status, Object.keys(notImage.body.error.fields)]).toEqual([400, ['body']]);
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    const tooBig = await request(app).post('/api/requests/photos').set(c.auth).set('Content-Type', 'image/png').send(big);
    expect([tooBig.status, tooBig.body.error.fields]).toEqual([400, { body: '照片不能超过 2MB，请压缩后再上传' }]);
    const filed = await file(c.auth, { photos: [up.body.url], location: { lat: 43.6, lng: 122.2, address: '辽河镇' } });
    expect(filed.status).toBe(201);
    const detail = await request(app).get(`/api/requests/${filed.body.id}`).set(c.auth);
    expect(detail.body.photos).toEqual([up.body.url]);
    expect(detail.body.location).toEqual({ lat: 43.6, lng: 122.2, address: '辽河镇' });
  });
});

describe('the loop 受理 → 转办 → 回复 → 评价 → 关闭', () => {
  it('a late meal: staff accept, assign to 养老, reply; the citizen gives a 差评 and the follow-up appears, due in 15 working days', async () => {
    const c = await login(app, 'wangxiulan');
    const dispatcher = await staffOf(['general']);
    const elderly = await staffOf(['elderly']);
    const { id } = (await file(c.auth)).body;
    // Out of order: nothing before accepted.
    const early = await step(dispatcher.auth, id, { to: 'replied', reply: '已联系助餐点，今后准时送达。' });
    expect([early.status, early.body.error.code]).toEqual([409, 'INVALID_TRANSITION']);
    // The 养老 unit does not see a request not yet theirs... it sees unassigned ones, so it may accept.
    clock = new Date('2026-10-08T09:00:00+08:00');
    const accepted = await step(dispatcher.auth, id, { to: 'accepted', note: '已受理' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', overdue: false });
    const assigned = await step(dispatcher.auth, id, { to: 'assigned', unit: 'elderly' });
    expect(assigned.body).toMatchObject({ status: 'assigned', unit: 'elderly' });
    const noClose = await step(elderly.auth, id, { to: 'closed' });
    expect([noClose.status, noClose.body.error.code]).toEqual([409, 'INVALID_TRANSITION']);
    const tooSoon = await request(app).post(`/api/requests/${id}/rating`).set(c.auth).send({ level: 1 });
    expect([tooSoon.status, tooSoon.body.error.code]).toEqual([409, 'NOT_RATEABLE']);
    clock = new Date('2026-10-09T15:00:00+08:00');
    const replied = await step(elderly.auth, id, { to: 'replied', reply: '已约谈助餐点，今后11:30前送达。' });
    expect(replied.body).toMatchObject({ status: 'replied', reply: '已约谈助餐点，今后11:30前送达。' });

    const view = await request(app).get(`/api/requests/${id}`).set(c.auth);
    expect(view.body.timeline).toEqual([
      { status: 'received', at: '2026-09-30T10:00:00+08:00', by: 'citizen' },
      { status: 'accepted', at: '2026-10-08T09:00:00+08:00', by: 'staff', note: '已受理' },
      { status: 'assigned', at: '2026-10-08T09:00:00+08:00', by: 'staff', unit: 'elderly' },
      { status: 'replied', at: '2026-10-09T15:00:00+08:00', by: 'staff' },
    ]);
    expect(view.body.rateable).toBe(true);

    const bad = await request(app).post(`/api/requests/${id}/rating`).set(c.auth).send({ level: 1.5 });
    expect([bad.status, Object.keys(bad.body.error.fields)]).toEqual([400, ['level']]);
    const out = await request(app).post(`/api/requests/${id}/rating`).set(c.auth).send({ level: 6 });
    expect(out.status).toBe(400);
    const poor = await request(app).post(`/api/requests/${id}/rating`).set(c.auth).send({ level: 2, comment: '饭还是凉的' });
    expect(poor.status).toBe(201);
    expect(poor.body).toMatchObject({ level: 2, comment: '饭还是凉的', followUpId: expect.any(String) });
    const twice = await request(app).post(`/api/requests/${id}/rating`).set(c.auth).send({ level: 5 });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'NOT_RATEABLE']);

    const mine = await request(app).get('/api/me/requests').set(c.auth);
    const followUp = mine.body.items.find((i: { followUpOf: string | null }) => i.followUpOf === id);
    // Rated Fri 9 Oct: 15 working days are Oct 10, 12–16, 19–23, 26–29.
    expect(followUp).toMatchObject({ id: poor.body.followUpId, status: 'received', dueAt: '2026-10-29T23:59:59+08:00' });
    const fdetail = await request(app).get(`/api/requests/${followUp.id}`).set(c.auth);
    expect(fdetail.body).toMatchObject({ unit: 'elderly', acceptDueAt: '2026-10-10T23:59:59+08:00' });
    expect(fdetail.body.text).toContain('不满意');
    const ratedView = (await request(app).get(`/api/requests/${id}`).set(c.auth)).body;
    expect(ratedView).toMatchObject({ status: 'rated', followUps: [{ id: followUp.id, trackingNo: followUp.trackingNo }] });
    // The 评价 is a step of the timeline, the citizen's own.
    expect(ratedView.timeline.slice(-2)).toEqual([
      { status: 'replied', at: '2026-10-09T15:00:00+08:00', by: 'staff' },
      { status: 'rated', at: '2026-10-09T15:00:00+08:00', by: 'citizen' },
    ]);

    const closed = await step(dispatcher.auth, id, { to: 'closed', note: '已回访' });
    expect(closed.body.status).toBe('closed');
    const closedAgain = await step(dispatcher.auth, id, { to: 'closed' });
    expect(closedAgain.status).toBe(409);

    // Audit and notices: every staff step is audited; the citizen hears of acceptance, reply, follow-up.
    const actions = (await AuditModel.find({ targetId: id }).sort({ at: 1 }).lean()).map((a) => a.action);
    expect(actions).toEqual(['request.accepted', 'request.assigned', 'request.replied', 'request.closed']);
    const notices = await OutboxModel.find({ openid: 'dev_wangxiulan' }).lean();
    expect(notices.map((n) => n.kind).sort()).toEqual(['request.accepted', 'request.followup', 'request.replied']);
    expect(JSON.stringify(notices)).not.toContain('凉了');
  });

  it('the follow-up may be rated once more, and its 差评 opens no further follow-up', async () => {
    const c = await login(app);
    const staff = await staffOf(['general']);
    const { id } = (await file(c.auth)).body;
    await step(staff.auth, id, { to: 'accepted' });
    await step(staff.auth, id, { to: 'replied', reply: '已处理，谢谢反映。' });
    const first = await request(app).post(`/api/requests/${id}/rating`).set(c.auth).send({ level: 1 });
    const fid = first.body.followUpId;
    await step(staff.auth, fid, { to: 'accepted' });
    await step(staff.auth, fid, { to: 'replied', reply: '已回访并整改完毕。' });
    const again = await request(app).post(`/api/requests/${fid}/rating`).set(c.auth).send({ level: 2 });
    expect(again.status).toBe(201);
    expect(again.body.followUpId).toBeNull();
    expect(await RequestModel.countDocuments({})).toBe(2);
  });

  it('overdue items are flagged for staff and the citizen, and the overdue filter finds them', async () => {
    const c = await login(app);
    const staff = await staffOf(['general']);
    const late = (await file(c.auth)).body.id;
    const onTime = (await file(c.auth)).body.id;
    await step(staff.auth, onTime, { to: 'accepted' });
    clock = new Date('2026-10-09T09:00:00+08:00'); // acceptance was due by the end of Oct 8
    const overdue = await request(app).get('/api/staff/requests?overdue=true').set(staff.auth);
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toEqual([late]);
    const fine = await request(app).get('/api/staff/requests?overdue=false').set(staff.auth);
    expect(fine.body.items.map((i: { id: string }) => i.id)).toEqual([onTime]);
    expect((await request(app).get(`/api/requests/${late}`).set(c.auth)).body.overdue).toBe(true);
    const bad = await request(app).get('/api/staff/requests?overdue=yes').set(staff.auth);
    expect([bad.status, Object.keys(bad.body.error.fields)]).toEqual([400, ['query.overdue']]);
  });

  it('the citizen adds information while it is open, not after the reply', async () => {
    const c = await login(app);
    const staff = await staffOf(['general']);
    const { id } = (await file(c.auth)).body;
    const added = await request(app).post(`/api/requests/${id}/additions`).set(c.auth).send({ text: '补充：送餐员说车坏了' });
    expect(added.status).toBe(201);
    expect(added.body.additions).toEqual([{ text: '补充：送餐员说车坏了', at: '2026-09-30T10:00:00+08:00', held: false }]);
    await step(staff.auth, id, { to: 'accepted' });
    await step(staff.auth, id, { to: 'replied', reply: '已处理，谢谢反映。' });
    const late = await request(app).post(`/api/requests/${id}/additions`).set(c.auth).send({ text: '再补充一点' });
    expect(late.status).toBe(409);
  });
});

describe('评价 before 关闭', () => {
  async function replied() {
    const c = await login(app);
    const staff = await staffOf(['general']);
    const { id } = (await file(c.auth)).body;
    await step(staff.auth, id, { to: 'accepted' });
    await step(staff.auth, id, { to: 'replied', reply: '已处理，谢谢反映。' });
    return { c, staff, id };
  }

  it('a request closed without a rating stays unrated: no rating after 关闭 (409 NOT_RATEABLE), no 评价 step', async () => {
    const { c, staff, id } = await replied();
    clock = new Date('2026-10-09T10:00:00+08:00');
    expect((await step(staff.auth, id, { to: 'closed', note: '电话回访，市民无意见' })).body.status).toBe('closed');
    const late = await request(app).post(`/api/requests/${id}/rating`).set(c.auth).send({ level: 5 });
    expect([late.status, late.body.error]).toEqual([409, { code: 'NOT_RATEABLE', message: '这条诉求已经关闭，不能再评价了' }]);
    const view = (await request(app).get(`/api/requests/${id}`).set(c.auth)).body;
    expect(view).toMatchObject({ status: 'closed', rating: null, rateable: false });
    expect(view.timeline.map((e: { status: string }) => e.status)).toEqual(['received', 'accepted', 'replied', 'closed']);
  });

  it('a rated request is closed after its 评价, which stays on the timeline', async () => {
    const { c, staff, id } = await replied();
    expect((await request(app).post(`/api/requests/${id}/rating`).set(c.auth).send({ level: 4 })).status).toBe(201);
    expect((await step(staff.auth, id, { to: 'closed' })).body).toMatchObject({ status: 'closed', rating: { level: 4 } });
    const view = (await request(app).get(`/api/requests/${id}`).set(c.auth)).body;
    expect(view.timeline.map((e: { status: string }) => e.status)).toEqual(['received', 'accepted', 'replied', 'rated', 'closed']);
  });

  async function raceRateAndClose() {
    const { c, staff, id } = await replied();
    const [rated, closed] = await Promise.all([
      request(app).post(`/api/requests/${id}/rating`).set(c.auth).send({ level: 5 }),
      step(staff.auth, id, { to: 'closed' }),
    ]);
    return { c, id, codes: [rated.status, closed.status] };
  }

  it('the citizen rating while staff close: one of them wins the exit from 已回复, never both', async () => {
    for (let i = 0; i < 3; i++) {
      const { c, id, codes } = await raceRateAndClose();
      expect(codes.filter((s) => s < 300)).toHaveLength(1);
      const view = (await request(app).get(`/api/requests/${id}`).set(c.auth)).body;
      expect(view.status === 'rated').toBe(view.rating !== null);
    }
  });

  it('negative control: without the transition rows, the rating and the closing both win', async () => {
    setTransitionGuardForTests(false);
    try {
      const { codes } = await raceRateAndClose();
      expect(codes.filter((s) => s < 300)).toHaveLength(2);
    } finally {
      setTransitionGuardForTests(true);
    }
  });
});

describe('a step whose winner died', () => {
  it('a 评价 claimed but never applied: the sweeper writes the rating and the status once', async () => {
    const c = await login(app);
    const staff = await staffOf(['general']);
    const { id } = (await file(c.auth)).body;
    await step(staff.auth, id, { to: 'accepted' });
    await step(staff.auth, id, { to: 'replied', reply: '已处理，谢谢反映。' });
    const at = new Date('2026-09-30T11:00:00+08:00');
    const row = { key: `request:${id}`, kind: 'request', subjectId: id, userId: c.userId, level: 4, comment: null, commentHeld: null };
    const rating = { ...row, serviceId: null, siteId: null, eventId: null, followUpId: null, at };
    expect(
      await claimExit({
        subject: `request:${id}`,
        from: 'replied',
        to: 'rated',
        by: 'citizen',
        at,
        patch: { set: { status: 'rated' }, rating },
      }),
    ).toBe(true);
    const late = await request(app).post(`/api/requests/${id}/rating`).set(c.auth).send({ level: 1 });
    expect([late.status, late.body.error.code]).toEqual([409, 'NOT_RATEABLE']);
    expect(await repairRequestSteps(new Date('2026-09-30T12:00:00+08:00'))).toBe(1);
    expect(await repairRequestSteps(new Date('2026-09-30T12:00:00+08:00'))).toBe(0);
    const view = (await request(app).get(`/api/requests/${id}`).set(c.auth)).body;
    expect(view).toMatchObject({ status: 'rated', rating: { level: 4, at: '2026-09-30T11:00:00+08:00' }, rateable: false });
    expect(view.timeline.at(-1)).toEqual({ status: 'rated', at: '2026-09-30T11:00:00+08:00', by: 'citizen' });
  });

  it('the 评价 step keeps no citizen text: the comment is on the rating only', async () => {
    const c = await login(app);
    const staff = await staffOf(['general']);
    const { id } = (await file(c.auth)).body;
    await step(staff.auth, id, { to: 'accepted' });
    await step(staff.auth, id, { to: 'replied', reply: '已处理，谢谢反映。' });
    const res = await request(app).post(`/api/requests/${id}/rating`).set(c.auth).send({ level: 5, comment: '处理得很快，谢谢' });
    expect(res.body).toMatchObject({ level: 5, comment: '处理得很快，谢谢' });
    const exit = await TransitionModel.findOne({ subject: `request:${id}`, from: 'replied' }).lean();
    expect(exit?.to).toBe('rated');
    expect(JSON.stringify(exit)).not.toContain('处理得很快');
  });

  it('the sweeper applies a claimed but unapplied step once; a second sweep changes nothing', async () => {
    const c = await login(app);
    const { id } = (await file(c.auth)).body;
    const at = new Date('2026-09-30T11:00:00+08:00');
    const exit = {
      subject: `request:${id}`,
      from: 'received',
      to: 'accepted',
      by: 'staff',
      at,
      patch: { set: { status: 'accepted', acceptedAt: at } },
    };
    expect(await claimExit(exit)).toBe(true);
    expect((await request(app).get(`/api/requests/${id}`).set(c.auth)).body.status).toBe('received');
    expect(await repairRequestSteps(new Date('2026-09-30T12:00:00+08:00'))).toBe(1);
    expect(await repairRequestSteps(new Date('2026-09-30T12:00:00+08:00'))).toBe(0);
    const after = await request(app).get(`/api/requests/${id}`).set(c.auth);
    expect(after.body.status).toBe('accepted');
    expect(after.body.timeline.map((e: { status: string }) => e.status)).toEqual(['received', 'accepted']);
    expect((await RequestModel.findById(id).lean())!.acceptedAt).toEqual(at);
  });
});

describe('who sees a request', () => {
  it('another citizen gets 404; a citizen on a staff route 403; staff of another unit 404 once it is assigned away', async () => {
    const c = await login(app);
    const other = await login(app);
    const dispatcher = await staffOf(['general']);
    const childcare = await staffOf(['childcare']);
    const { id } = (await file(c.auth)).body;
    expect((await request(app).get(`/api/requests/${id}`).set(other.auth)).status).toBe(404);
    expect((await request(app).post(`/api/requests/${id}/rating`).set(other.auth).send({ level: 5 })).status).toBe(404);
    expect((await request(app).get('/api/staff/requests').set(c.auth)).status).toBe(403);
    expect((await step(c.auth, id, { to: 'accepted' })).status).toBe(403);
    expect((await request(app).get(`/api/requests/${id}`).set(childcare.auth)).status).toBe(200);
    await step(dispatcher.auth, id, { to: 'accepted' });
    await step(dispatcher.auth, id, { to: 'assigned', unit: 'elderly' });
    expect((await request(app).get(`/api/requests/${id}`).set(childcare.auth)).status).toBe(404);
    expect((await step(childcare.auth, id, { to: 'replied', reply: '不是我们的' })).status).toBe(404);
    const queue = await request(app).get('/api/staff/requests').set(childcare.auth);
    expect(queue.body.items).toEqual([]);
    const admin = await login(app, 'admin');
    expect((await request(app).get(`/api/requests/${id}`).set(admin.auth)).status).toBe(200);
  });
});

describe('personal numbers typed into the text', () => {
  const TEXT = '送餐晚了，请回电13900000001，身份证150502195001011234，或打１３９ ００００ ０００２。';

  it('are masked in the staff list and the queue export, and shown in full on the request page for its handlers', async () => {
    const c = await login(app);
    const dispatcher = await staffOf(['general']);
    const elderly = await staffOf(['elderly']);
    const { id } = (await file(c.auth, { text: TEXT })).body;
    await request(app).post(`/api/requests/${id}/additions`).set(c.auth).send({ text: '补充：也可以打13900000003' });
    const list = await request(app).get('/api/staff/requests').set(dispatcher.auth);
    expect(list.body.items[0].excerpt).toBe('送餐晚了，请回电139****0001，身份证150502********1234，或打139****0002。');
    const xlsx = await request(app).get('/api/staff/requests/export').set(dispatcher.auth).buffer(true).parse(binary);
    const sheet = JSON.stringify(await rows(xlsx.body as Buffer));
    expect(sheet).toContain('139****0001');
    for (const full of ['13900000001', '150502195001011234', '１３９ ００００ ０００２']) expect(sheet).not.toContain(full);
    // The request's own page: in full for its handlers (the unit it was assigned to) and the citizen.
    await step(dispatcher.auth, id, { to: 'accepted' });
    await step(dispatcher.auth, id, { to: 'assigned', unit: 'elderly' });
    for (const who of [elderly, c]) {
      const page = (await request(app).get(`/api/requests/${id}`).set(who.auth)).body;
      expect([page.text, page.additions[0].text]).toEqual([TEXT, '补充：也可以打13900000003']);
    }
    expect((await request(app).get('/api/staff/requests').set(elderly.auth)).body.items[0].excerpt).not.toContain('13900000001');
  });

  it('leave other numbers alone: tracking numbers, amounts, longer codes', async () => {
    const { maskNumbersInText } = await import('@jingkai/shared');
    expect(maskNumbersInText('编号JK2609300001，金额100元，订单12345678901234567890')).toBe(
      '编号JK2609300001，金额100元，订单12345678901234567890',
    );
    expect(maskNumbersInText('旧证150502500101123；新证15050219500101123x')).toBe('旧证150502*****1123；新证150502********123X');
    expect(maskNumbersInText('2026-12-03 10:30 在 3 号楼')).toBe('2026-12-03 10:30 在 3 号楼');
  });

  it('catch numbers as people type them: a country code, dots, dashes, a space between every digit', async () => {
    const { maskNumbersInText } = await import('@jingkai/shared');
    const typed: [string, string][] = [
      ['请回电+8613800138000', '请回电138****8000'],
      ['8613800138000', '138****8000'],
      ['0086 138 0013 8000', '138****8000'],
      ['138.0013.8000', '138****8000'],
      ['1 3 8 0 0 1 3 8 0 0 0', '138****8000'],
      ['身份证150102 19900101 1234', '身份证150102********1234'],
      ['150102-19900101-1234', '150102********1234'],
    ];
    for (const [text, masked] of typed) expect([text, maskNumbersInText(text)]).toEqual([text, masked]);
  });
});

describe('each step is exclusive under races', () => {
  async function raceAccept() {
    const c = await login(app);
    const staff = await Promise.all([staffOf(['general']), staffOf(['general'])]);
    const { id } = (await file(c.auth)).body;
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => step(staff[i % 2]!.auth, id, { to: 'accepted' })));
    return { id, wins: answers.filter((a) => a.status === 200).length, codes: answers.map((a) => a.status) };
  }

  it('twelve staff accepting at once: one wins, the others get 409 INVALID_TRANSITION, one audit entry', async () => {
    const { id, wins, codes } = await raceAccept();
    expect(wins).toBe(1);
    expect(codes.filter((s) => s === 409)).toHaveLength(11);
    expect(await AuditModel.countDocuments({ targetId: id, action: 'request.accepted' })).toBe(1);
    expect(await OutboxModel.countDocuments({ kind: 'request.accepted' })).toBe(1);
  });

  it('negative control: without the transition rows, the same race has several winners (within 10 tries)', async () => {
    setTransitionGuardForTests(false);
    try {
      // The race is real but timing-bound: on a busy machine one try can happen to line up.
      let wins = 0;
      for (let i = 0; i < 10 && wins <= 1; i++) wins = (await raceAccept()).wins;
      expect(wins).toBeGreaterThan(1);
    } finally {
      setTransitionGuardForTests(true);
    }
  });
});
