import request from 'supertest';
import { BookingModel } from '../src/modules/bookings/model';
import { CheckinModel, TicketModel } from '../src/modules/events/model';
import { RatingModel } from '../src/modules/ratings/model';
import { RequestModel } from '../src/modules/requests/model';
import pino from 'pino';
import { createDeps } from '../src/deps';
import { repairFollowUps } from '../src/modules/requests';
import { buildEvent, buildService, buildSlot } from './factories';
import { idNumber } from './factories/ids';
import { clearDb, login, testApp, testConfig, testDay, testNow, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();
beforeEach(clearDb);

let app: ReturnType<ReturnType<typeof testApp>['callback']>;
beforeAll(() => {
  app = testApp({ WECHAT_API_BASE: standin.current.url, WRITE_LIMIT_PER_MINUTE: '100000' }).callback();
});

/** A booking of 王秀兰's at a site of the 老年助餐 service, marked served or left confirmed. */
async function booking(served: boolean) {
  const { serviceId, siteId } = await buildService({ kind: 'elderly-meal', name: '老年助餐' }, { name: '辽河镇助餐点' });
  const slotId = await buildSlot(serviceId, siteId, { date: testDay(1) });
  const c = await login(app);
  const b = await request(app)
    .post('/api/bookings')
    .set(c.auth)
    .send({ slotId, form: { name: '王秀兰' } });
  expect(b.status).toBe(201);
  if (served) await BookingModel.updateOne({ _id: b.body.id }, { $set: { status: 'served', servedAt: testNow() } });
  return { c, id: b.body.id as string, serviceId, siteId };
}

async function visit(checkedIn: boolean) {
  const eventId = await buildEvent({ title: '818哲里木赛马节' });
  const sessionId = (await request(app).get(`/api/events/${eventId}`)).body.sessions[0].id;
  const c = await login(app);
  const r = await request(app)
    .post(`/api/events/${eventId}/registrations`)
    .set(c.auth)
    .send({
      sessionId,
      attendees: [{ name: '阿斯楞', idNumber: idNumber('1990-01-01', String(100 + Math.floor(Math.random() * 800))) }],
      form: {},
    });
  expect(r.status).toBe(201);
  if (checkedIn) {
    const ticket = await TicketModel.findOne({ registrationId: r.body.id }).lean();
    await CheckinModel.create({ ticketId: ticket!._id, eventId, sessionId, at: testNow(), gate: '东门', by: 'test', source: 'online' });
  }
  return { c, id: r.body.id as string, eventId };
}

describe('好差评 of a booking', () => {
  it('a served booking gets a five-face rating, once; it carries the service and site', async () => {
    const { c, id, serviceId, siteId } = await booking(true);
    const risky = await request(app).post(`/api/bookings/${id}/rating`).set(c.auth).send({ level: 5, comment: '门口有人赌博' });
    expect([risky.status, risky.body.error.code]).toEqual([400, 'CONTENT_RISKY']);
    const res = await request(app).post(`/api/bookings/${id}/rating`).set(c.auth).send({ level: 5, comment: '送餐很准时' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), level: 5, comment: '送餐很准时', at: expect.any(String), followUpId: null });
    expect(await RatingModel.findOne({ key: `booking:${id}` }).lean()).toMatchObject({ serviceId, siteId, kind: 'booking' });
    const twice = await request(app).post(`/api/bookings/${id}/rating`).set(c.auth).send({ level: 4 });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'NOT_RATEABLE']);
    expect(await RequestModel.countDocuments({})).toBe(0);
  });

  it('the booking’s answers say it was rated (its detail and 我的预约), so another phone shows it rated too', async () => {
    const { c, id } = await booking(true);
    expect((await request(app).get(`/api/bookings/${id}`).set(c.auth)).body.rating).toBeNull();
    const res = await request(app).post(`/api/bookings/${id}/rating`).set(c.auth).send({ level: 4 });
    const rated = { level: 4, at: res.body.at };
    expect((await request(app).get(`/api/bookings/${id}`).set(c.auth)).body.rating).toEqual(rated);
    const mine = await request(app).get('/api/me/bookings').set(c.auth);
    expect(mine.body.items.find((b: { id: string }) => b.id === id).rating).toEqual(rated);
  });

  it('eight 差评 sent at once: one is recorded and opens one follow-up, the others get 409', async () => {
    const { c, id } = await booking(true);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => request(app).post(`/api/bookings/${id}/rating`).set(c.auth).send({ level: 1 })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(await RatingModel.countDocuments({})).toBe(1);
    expect(await RequestModel.countDocuments({})).toBe(1);
  });

  it('before it was served: 409 NOT_RATEABLE; another person’s: 404; a bad level: 400', async () => {
    const { c, id } = await booking(false);
    const early = await request(app).post(`/api/bookings/${id}/rating`).set(c.auth).send({ level: 5 });
    expect([early.status, early.body.error.code]).toEqual([409, 'NOT_RATEABLE']);
    const other = await login(app);
    expect((await request(app).post(`/api/bookings/${id}/rating`).set(other.auth).send({ level: 5 })).status).toBe(404);
    for (const level of [0, 6, 2.5, '5', null]) {
      const bad = await request(app).post(`/api/bookings/${id}/rating`).set(c.auth).send({ level });
      expect([level, bad.status, Object.keys(bad.body.error.fields)]).toEqual([level, 400, ['level']]);
    }
  });

  it('a 差评 opens a follow-up request for 养老, due in 15 working days, about that site', async () => {
    const { c, id, serviceId, siteId } = await booking(true);
    const res = await request(app).post(`/api/bookings/${id}/rating`).set(c.auth).send({ level: 1, comment: '饭菜凉了' });
    expect(res.status).toBe(201);
    const detail = await request(app).get(`/api/requests/${res.body.followUpId}`).set(c.auth);
    expect(detail.body).toMatchObject({
      status: 'received',
      category: 'services',
      unit: 'elderly',
      about: { kind: 'booking', id, serviceId, siteId, eventId: null },
    });
    expect(detail.body.text).toBe('对「老年助餐 · 辽河镇助餐点」服务的评价为「非常不满意」：饭菜凉了');
    expect((await request(app).get('/api/me/requests').set(c.auth)).body.items).toHaveLength(1);
  });
});

describe('有问题？反映一下 from a booking or a registration', () => {
  const LATE = '今天中午的老年助餐送到时已经凉了，比约定时间晚了一个小时。';
  const fileAbout = (auth: Record<string, string>, about: unknown, category = 'services') =>
    request(app).post('/api/requests').set(auth).send({ category, text: LATE, contact: 'phone', about });

  it('a request filed from her booking is about it: the service and site for staff, a title to read, filed by her', async () => {
    const { c, id, serviceId, siteId } = await booking(false);
    const res = await fileAbout(c.auth, { kind: 'booking', id });
    expect(res.status).toBe(201);
    const detail = await request(app).get(`/api/requests/${res.body.id}`).set(c.auth);
    expect(detail.body.about).toEqual({
      kind: 'booking',
      id,
      title: expect.stringMatching(/^老年助餐 · 辽河镇助餐点 · \d+月\d+日 \d\d:\d\d 的预约$/),
      serviceId,
      siteId,
      eventId: null,
    });
    expect(detail.body.timeline[0]).toMatchObject({ status: 'received', by: 'citizen' });
    expect(await RequestModel.findById(res.body.id).lean()).toMatchObject({ aboutKind: 'booking', aboutId: id, serviceId, siteId });
  });

  it('a request filed from her ticket is about the event', async () => {
    const { c, id, eventId } = await visit(false);
    const res = await fileAbout(c.auth, { kind: 'registration', id }, 'events');
    expect(res.status).toBe(201);
    const detail = await request(app).get(`/api/requests/${res.body.id}`).set(c.auth);
    expect(detail.body.about).toEqual({
      kind: 'registration',
      id,
      title: '活动「818哲里木赛马节」的报名',
      serviceId: null,
      siteId: null,
      eventId,
    });
  });

  it('another person’s booking, an unknown one or a bad kind: 400 naming the field, nothing filed', async () => {
    const { id } = await booking(false);
    const other = await login(app);
    const theirs = await fileAbout(other.auth, { kind: 'booking', id });
    expect([theirs.status, theirs.body.error.fields]).toEqual([400, { 'about.id': '没有找到这个预约' }]);
    const unknown = await fileAbout(other.auth, { kind: 'registration', id: '0123456789abcdef01234567' });
    expect([unknown.status, unknown.body.error.fields]).toEqual([400, { 'about.id': '没有找到这个报名' }]);
    const kind = await fileAbout(other.auth, { kind: 'request', id });
    expect([kind.status, Object.keys(kind.body.error.fields)]).toEqual([400, ['about.kind']]);
    expect(await RequestModel.countDocuments({})).toBe(0);
  });

  it('a request without `about` is about nothing, as before', async () => {
    const c = await login(app);
    const res = await request(app).post('/api/requests').set(c.auth).send({ category: 'other', text: LATE, contact: 'phone' });
    expect((await request(app).get(`/api/requests/${res.body.id}`).set(c.auth)).body.about).toBeNull();
  });
});

describe('a comment the content check does not clear', () => {
  it('holds the follow-up of a 差评 for a person, when the check asks for review and when it is away', async () => {
    const review = await booking(true);
    const held = await request(app)
      .post(`/api/bookings/${review.id}/rating`)
      .set(review.c.auth)
      .send({ level: 2, comment: '待审核的内容：饭菜凉了' });
    expect(held.status).toBe(201);
    const a = (await request(app).get(`/api/requests/${held.body.followUpId}`).set(review.c.auth)).body;
    expect([a.status, a.heldReason ?? (await RequestModel.findById(held.body.followUpId).lean())!.heldReason]).toEqual(['held', 'review']);

    const away = await booking(true);
    await request(standin.current.url).post('/__standin/fault').send({ path: '/wxa/msg_sec_check', status: 500, times: 1 });
    const stillHeld = await request(app).post(`/api/bookings/${away.id}/rating`).set(away.c.auth).send({ level: 1, comment: '饭菜凉了' });
    expect(stillHeld.status).toBe(201);
    expect((await RequestModel.findById(stillHeld.body.followUpId).lean())!.status).toBe('held');
    // A comment it clears opens the follow-up as received.
    const fine = await booking(true);
    const plain = await request(app).post(`/api/bookings/${fine.id}/rating`).set(fine.c.auth).send({ level: 1, comment: '饭菜凉了' });
    expect((await RequestModel.findById(plain.body.followUpId).lean())!.status).toBe('received');
  });

  it('marks an addition it does not clear as held on the request, for staff to review', async () => {
    const c = await login(app);
    const filed = await request(app)
      .post('/api/requests')
      .set(c.auth)
      .send({ category: 'services', text: '小区门口的路灯坏了很久了，请尽快修理。', contact: 'phone' });
    await request(app).post(`/api/requests/${filed.body.id}/additions`).set(c.auth).send({ text: '待审核的内容：补充一下位置' });
    await request(app).post(`/api/requests/${filed.body.id}/additions`).set(c.auth).send({ text: '就在东门旁边的路口' });
    const detail = (await request(app).get(`/api/requests/${filed.body.id}`).set(c.auth)).body;
    expect(detail.additions.map((x: { held: boolean }) => x.held)).toEqual([true, false]);
  });
});

describe('a crash between the 差评 and its follow-up', () => {
  it('the sweeper opens the missing follow-up once, however often it runs, also beside a live opening', async () => {
    const { c, id } = await booking(true);
    // What a crash leaves: the rating row, no follow-up.
    await RatingModel.create({ key: `booking:${id}`, kind: 'booking', subjectId: id, userId: c.userId, level: 1, at: testNow() });
    const deps = createDeps(testConfig(), pino({ level: 'silent' }), { now: () => new Date(testNow().getTime() + 120_000) });
    const early = createDeps(testConfig(), pino({ level: 'silent' }), { now: testNow });
    expect(await repairFollowUps(early, testNow())).toBe(0);
    const runs = await Promise.all([
      repairFollowUps(deps, new Date(testNow().getTime() + 60_000)),
      repairFollowUps(deps, new Date(testNow().getTime() + 60_000)),
    ]);
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(await repairFollowUps(deps, new Date(testNow().getTime() + 60_000))).toBe(0);
    expect(await RequestModel.countDocuments({})).toBe(1);
    const g = await RatingModel.findOne({ key: `booking:${id}` }).lean();
    expect(g!.followUpId).toBe(String((await RequestModel.findOne({}).lean())!._id));
  });
});

describe('好差评 of an event visit', () => {
  it('after a ticket was checked in: rated once, with the event; a 差评 opens a follow-up for 活动', async () => {
    const { c, id, eventId } = await visit(true);
    const res = await request(app).post(`/api/registrations/${id}/rating`).set(c.auth).send({ level: 2 });
    expect(res.status).toBe(201);
    expect(await RatingModel.findOne({ key: `registration:${id}` }).lean()).toMatchObject({ eventId, kind: 'registration' });
    const f = await request(app).get(`/api/requests/${res.body.followUpId}`).set(c.auth);
    expect(f.body).toMatchObject({ category: 'events', unit: 'events', about: { kind: 'registration', eventId } });
    const twice = await request(app).post(`/api/registrations/${id}/rating`).set(c.auth).send({ level: 5 });
    expect(twice.status).toBe(409);
    const detail = await request(app).get(`/api/registrations/${id}`).set(c.auth);
    expect(detail.body.rating).toEqual({ level: 2, at: res.body.at });
    const mine = await request(app).get('/api/me/registrations').set(c.auth);
    expect(mine.body.items.find((r: { id: string }) => r.id === id).rating).toEqual({ level: 2, at: res.body.at });
  });

  it('before anyone of it got in: 409 NOT_RATEABLE; another person’s: 404', async () => {
    const { c, id } = await visit(false);
    const early = await request(app).post(`/api/registrations/${id}/rating`).set(c.auth).send({ level: 5 });
    expect([early.status, early.body.error.code]).toEqual([409, 'NOT_RATEABLE']);
    const other = await login(app);
    expect((await request(app).post(`/api/registrations/${id}/rating`).set(other.auth).send({ level: 5 })).status).toBe(404);
  });
});
