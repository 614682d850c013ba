import request from 'supertest';
import pino from 'pino';
import { OutboxModel } from '../src/modules/outbox/model';
import { notify, notifyAll, RETRY_DELAYS_MS, sendDue } from '../src/modules/outbox';
import { BATCHES_PER_TICK, TICK_BUDGET_MS } from '../src/modules/outbox/send';
import { createDeps } from '../src/deps';
import { buildService, buildSlot } from './factories';
import { clearDb, login, testApp, testConfig, testDay, testNow, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();
beforeEach(clearDb);

const FORM = [{ name: 'name', label: '姓名', type: 'text', required: true }] as never;
const env = () => ({ WECHAT_API_BASE: standin.current.url, BOOTSTRAP_ADMIN_OPENIDS: 'dev_wuyun' });
const day = testDay;

async function booked() {
  const app = testApp(env()).callback();
  const { serviceId, siteId } = await buildService({ form: FORM });
  const slotId = await buildSlot(serviceId, siteId, { date: day(3), from: '09:00' });
  const citizen = await login(app);
  const b = await request(app)
    .post('/api/bookings')
    .set(citizen.auth)
    .send({ slotId, form: { name: '王秀兰' } });
  return { app, serviceId, siteId, slotId, citizen, booking: b.body };
}

const depsAt = (now: () => Date) => createDeps(testConfig(env()), pino({ level: 'silent' }), { now });

describe('reminders through the outbox', () => {
  it('queues a confirmation now and a reminder for 18:00 the evening before', async () => {
    const { booking, citizen } = await booked();
    const msgs = await OutboxModel.find().sort({ sendAfter: 1 }).lean();
    expect(msgs.map((m) => [m.kind, m.openid, m.status])).toEqual([
      ['booking.confirmed', citizen.openid, 'pending'],
      ['booking.reminder', citizen.openid, 'pending'],
    ]);
    expect(msgs[1]!.sendAfter.toISOString()).toBe(new Date(`${day(2)}T18:00:00+08:00`).toISOString());
    expect((msgs[0]!.data as Record<string, { value: string }>).character_string4!.value).toBe(booking.code);
  });

  it('records 43101 on a message the citizen did not subscribe to, and sends one they did', async () => {
    const { citizen } = await booked();
    const deps = depsAt(testNow);
    const first = await sendDue(deps, 'worker-a');
    expect(first).toEqual({ sent: 0, failed: 1, held: true });
    const refused = await OutboxModel.findOne({ kind: 'booking.confirmed' }).lean();
    expect(refused).toMatchObject({ status: 'failed', attempts: 1, lastError: { errcode: 43101 } });

    await request(standin.current.url)
      .post('/__standin/subscribe')
      .send({ openid: citizen.openid, templateId: testConfig().subscribeTemplates.bookingConfirmed });
    await OutboxModel.updateOne({ kind: 'booking.confirmed' }, { $set: { status: 'pending' } });
    expect(await sendDue(deps, 'worker-a')).toEqual({ sent: 1, failed: 0, held: true });
    expect((await request(standin.current.url).get('/__standin/sent')).body.items).toHaveLength(1);
  });

  it('retries a passing WeChat failure with backoff, keeping every error on the message', async () => {
    const { citizen } = await booked();
    await request(standin.current.url)
      .post('/__standin/subscribe')
      .send({ openid: citizen.openid, templateId: testConfig().subscribeTemplates.bookingConfirmed });
    await request(standin.current.url).post('/__standin/fault').send({ path: '/cgi-bin/message/subscribe/send', errcode: -1, times: 2 });
    let t = testNow().getTime();
    const deps = depsAt(() => new Date(t));
    expect(await sendDue(deps, 'w')).toMatchObject({ failed: 1 });
    let m = await OutboxModel.findOne({ kind: 'booking.confirmed' }).lean();
    expect(m).toMatchObject({ status: 'pending', attempts: 1, lastError: { errcode: -1 } });
    expect(m!.sendAfter.getTime()).toBe(t + RETRY_DELAYS_MS[0]!);
    expect(await sendDue(deps, 'w')).toMatchObject({ sent: 0, failed: 0 }); // not due yet
    t += RETRY_DELAYS_MS[0]!;
    expect(await sendDue(deps, 'w')).toMatchObject({ failed: 1 });
    t += RETRY_DELAYS_MS[1]!;
    expect(await sendDue(deps, 'w')).toMatchObject({ sent: 1 });
    m = await OutboxModel.findOne({ kind: 'booking.confirmed' }).lean();
    expect(m).toMatchObject({ status: 'sent', attempts: 3 });
    expect((m!.attemptErrors as unknown[]).length).toBe(2);
  });

  it('has one sender at a time across instances; a stale lease is taken over', async () => {
    await booked();
    let t = testNow().getTime();
    const deps = depsAt(() => new Date(t));
    const [a, b, c] = await Promise.all([sendDue(deps, 'instance-a'), sendDue(deps, 'instance-b'), sendDue(deps, 'instance-c')]);
    expect([a, b, c].filter((r) => r.held)).toHaveLength(1);
    const holder = [a, b, c].findIndex((r) => r.held);
    const other = ['instance-a', 'instance-b', 'instance-c'][(holder + 1) % 3]!;
    expect((await sendDue(deps, other)).held).toBe(false);
    t += 61_000;
    expect((await sendDue(deps, other)).held).toBe(true);
  });

  it('queues several notices in one write, each once: one queued already does not keep the others out', async () => {
    const deps = depsAt(testNow);
    const notice = (subject: string) => ({ subject, page: '/pages/index/index', fields: { thing1: '预约成功' } });
    await notify(deps, 'booking.confirmed', 'o-1', notice('booking:b1'));
    const both = [
      { kind: 'booking.confirmed' as const, notice: notice('booking:b1') },
      { kind: 'booking.reminder' as const, notice: notice('booking:b1') },
    ];
    await notifyAll(deps, 'o-1', both);
    await notifyAll(deps, 'o-1', both);
    const keys = (await OutboxModel.find().lean()).map((m) => m.dedupeKey).sort();
    expect(keys).toEqual(['booking:b1:confirmed', 'booking:b1:reminder']);
  });

  it('sends a festival’s worth of due notices in one tick, batch after batch, and stops at its cap', async () => {
    // Nobody subscribed: each message is answered 43101 and ends failed, which is as much a message done as a sent one.
    const templateId = testConfig().subscribeTemplates.bookingConfirmed;
    const due = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => ({
        dedupeKey: `crowd:${from + i}`,
        kind: 'booking.confirmed',
        openid: `o-crowd-${from + i}`,
        templateId,
        data: { thing1: { value: '报名成功' } },
        status: 'pending',
        sendAfter: testNow(),
      }));
    await OutboxModel.insertMany(due(120));
    const deps = depsAt(testNow);
    // Three batches of 50: one tick used to send one batch, and 20 000 notices took 100 minutes.
    expect(await sendDue(deps, 'w', 50)).toEqual({ sent: 0, failed: 120, held: true });
    expect(await OutboxModel.countDocuments({ status: 'pending' })).toBe(0);
    // The cap: a tick never runs on without end, the next tick goes on from there.
    await OutboxModel.insertMany(due(BATCHES_PER_TICK * 2 + 1, 1000));
    expect(await sendDue(deps, 'w', 2)).toMatchObject({ failed: BATCHES_PER_TICK * 2 });
    expect(await OutboxModel.countDocuments({ status: 'pending' })).toBe(1);
    // And its time: once a tick has run past its budget it starts no other batch (slow WeChat answers).
    await OutboxModel.insertMany(due(10, 5000));
    let t = testNow().getTime();
    const slow = depsAt(() => new Date((t += TICK_BUDGET_MS / 4)));
    const r = await sendDue(slow, 'w', 2);
    expect(r.failed).toBeLessThan(11);
    expect(await OutboxModel.countDocuments({ status: 'pending' })).toBeGreaterThan(0);
  });

  it('cancels the pending reminder when the booking is cancelled', async () => {
    const { app, booking, citizen } = await booked();
    await request(app).post(`/api/bookings/${booking.id}/cancel`).set(citizen.auth).send({});
    expect((await OutboxModel.findOne({ kind: 'booking.reminder' }).lean())!.status).toBe('cancelled');
  });
});

describe('staff at the 医保服务大厅', () => {
  it('verifies a booking by its code (已完成); a second scan says when it was served', async () => {
    const { app, serviceId, booking } = await booked();
    const admin = await login(app, 'wuyun');
    const zhang = await login(app, 'zhang');
    await request(app)
      .post('/api/admin/roles')
      .set(admin.auth)
      .send({ userId: zhang.userId, role: 'staff', serviceIds: [serviceId] });
    const staff = await login(app, 'zhang');
    // Three days ahead is not today: refused, and nothing changes.
    const early = await request(app).post('/api/staff/bookings/verify').set(staff.auth).send({ code: booking.code });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'NOT_TODAY',
      message: expect.stringMatching(/^这是 \d+月\d+日 09:00 的预约，请在当天核验$/),
    });
    // On the day of the booking, at the hall.
    const onTheDay = testApp(env(), undefined, { now: () => new Date(`${day(3)}T08:50:00+08:00`) }).callback();
    const morning = await login(onTheDay, 'zhang');
    const res = await request(onTheDay).post('/api/staff/bookings/verify').set(morning.auth).send({ code: booking.code.toLowerCase() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: booking.id, status: 'served' });
    const again = await request(onTheDay).post('/api/staff/bookings/verify').set(morning.auth).send({ code: booking.code });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_SERVED');
    expect(again.body.error.message).toMatch(/^该预约已于 \d+月\d+日 \d{2}:\d{2} 完成$/);
    const audit = await request(app).get('/api/admin/audit?action=booking.serve').set(admin.auth);
    expect(audit.body.items[0]).toMatchObject({ actorId: morning.userId, targetId: booking.id });
  });

  it('hides bookings of other services from staff, and refuses citizens', async () => {
    const { app, booking } = await booked();
    const admin = await login(app, 'wuyun');
    const other = await buildService();
    const li = await login(app, 'li');
    await request(app)
      .post('/api/admin/roles')
      .set(admin.auth)
      .send({ userId: li.userId, role: 'staff', serviceIds: [other.serviceId] });
    const staff = await login(app, 'li');
    const res = await request(app).post('/api/staff/bookings/verify').set(staff.auth).send({ code: booking.code });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('UNKNOWN_BOOKING_CODE');
    expect((await request(app).get(`/api/bookings/${booking.id}`).set(staff.auth)).status).toBe(404);
    const citizen = await login(app);
    expect((await request(app).post('/api/staff/bookings/verify').set(citizen.auth).send({ code: booking.code })).status).toBe(403);
    expect((await request(app).post('/api/staff/bookings/verify').set(staff.auth).send({ code: '0O' })).status).toBe(400);
  });
});

describe('POST /api/admin/slots', () => {
  it('lets staff of the service add a one-off slot; others get 403; a clash is 409', async () => {
    const app = testApp(env()).callback();
    const admin = await login(app, 'wuyun');
    const { serviceId, siteId } = await buildService();
    const other = await buildService();
    const u = await login(app, 'hall');
    await request(app)
      .post('/api/admin/roles')
      .set(admin.auth)
      .send({ userId: u.userId, role: 'staff', serviceIds: [serviceId] });
    const staff = await login(app, 'hall');
    const body = { serviceId, siteId, start: `${day(5)}T14:00:00+08:00`, end: `${day(5)}T14:30:00+08:00`, capacity: 4 };
    const res = await request(app).post('/api/admin/slots').set(staff.auth).send(body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), serviceId, siteId, start: body.start, end: body.end, capacity: 4, remaining: 4 });
    expect((await request(app).post('/api/admin/slots').set(staff.auth).send(body)).body.error.code).toBe('SLOT_EXISTS');
    expect(
      (
        await request(app)
          .post('/api/admin/slots')
          .set(staff.auth)
          .send({ ...body, serviceId: other.serviceId, siteId: other.siteId })
      ).status,
    ).toBe(403);
    const citizen = await login(app);
    expect((await request(app).post('/api/admin/slots').set(citizen.auth).send(body)).status).toBe(403);
    const reversed = await request(app)
      .post('/api/admin/slots')
      .set(staff.auth)
      .send({ ...body, start: body.end, end: body.start });
    expect(reversed.body.error.fields).toEqual({ end: '结束时间应晚于开始时间' });
    const zero = await request(app)
      .post('/api/admin/slots')
      .set(staff.auth)
      .send({ ...body, capacity: 0 });
    expect(zero.body.error.fields).toEqual({ capacity: '名额至少 1 个' });
  });
});
