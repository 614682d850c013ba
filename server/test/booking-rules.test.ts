import request from 'supertest';
import { BookingModel } from '../src/modules/bookings/model';
import { buildService, buildSlot } from './factories';
import { idNumber } from './factories/ids';
import { addDays, at, toIso } from '../src/lib/time';
import { clearDb, login, testApp, testDay, testNow, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();
beforeEach(clearDb);

/**
 * A clock the test moves: every rule is checked against it. Days count from the run's today, so the
 * pinned runs cross a year's end, 29 Feb and a holiday's eve; the hours are set by each test.
 */
let now = testNow();
/** `hhmm` in Shanghai, `n` days from the run's today. */
const on = (n: number, hhmm: string) => at(testDay(n), hhmm);
/** `12月2日`, as the messages write a date. */
const md = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const app = () =>
  testApp(
    {
      WECHAT_API_BASE: standin.current.url,
      WRITE_LIMIT_PER_MINUTE: '1000',
      NO_SHOW_LIMIT: '2',
      NO_SHOW_PAUSE_DAYS: '30',
      BOOTSTRAP_ADMIN_OPENIDS: 'dev_boss',
    },
    undefined,
    { now: () => now },
  ).callback();
const FORM = [{ name: 'name', label: '姓名', type: 'text', required: true }] as never;
const book = (a: ReturnType<typeof app>, auth: Record<string, string>, slotId: string, extra: Record<string, unknown> = {}) =>
  request(a)
    .post('/api/bookings')
    .set(auth)
    .send({ slotId, form: { name: '王秀兰' }, ...extra });

describe('booking window and cut-offs', () => {
  it('is BOOKING_NOT_OPEN before N days ahead and BOOKING_CLOSED M minutes before the start', async () => {
    now = on(0, '10:00');
    const a = app();
    const rules = { opensDaysAhead: 2, closesMinutesBefore: 60, cancelMinutesBefore: 120, maxActivePerDay: 1 };
    const { serviceId, siteId } = await buildService({ form: FORM, rules });
    const far = await buildSlot(serviceId, siteId, { date: testDay(3), from: '09:00' });
    const soon = await buildSlot(serviceId, siteId, { date: testDay(0), from: '10:30' });
    const ok = await buildSlot(serviceId, siteId, { date: testDay(2), from: '09:00' });
    const { auth } = await login(a);
    const listed = await request(a).get(`/api/services/${serviceId}/slots?from=${testDay(0)}&to=${testDay(3)}`);
    expect(listed.body.items.map((s: { id: string; bookable: boolean }) => [s.id, s.bookable])).toEqual([
      [soon, false],
      [ok, true],
      [far, false],
    ]);
    const early = await book(a, auth, far);
    expect(early.status).toBe(409);
    expect(early.body.error).toEqual({ code: 'BOOKING_NOT_OPEN', message: `该时段 ${md(testDay(1))} 00:00 开放预约` });
    const late = await book(a, auth, soon);
    expect(late.body.error.code).toBe('BOOKING_CLOSED');
    expect((await book(a, auth, ok)).status).toBe(201);
  });

  it('on the run’s own clock (23:59 too): the slot list starts today, tomorrow is open, the day after opens at midnight', async () => {
    now = testNow();
    const a = app();
    const rules = { opensDaysAhead: 1, closesMinutesBefore: 0, cancelMinutesBefore: 0, maxActivePerDay: 1 };
    const { serviceId, siteId } = await buildService({ form: FORM, rules });
    const midnight = await buildSlot(serviceId, siteId, { date: testDay(0), from: '00:00', to: '00:30' });
    const tomorrow = await buildSlot(serviceId, siteId, { date: testDay(1), from: '09:00' });
    const later = await buildSlot(serviceId, siteId, { date: testDay(2), from: '09:00' });
    const listed = await request(a).get(`/api/services/${serviceId}/slots`);
    expect(listed.body.items.map((s: { id: string; start: string; bookable: boolean }) => [s.id, s.start, s.bookable])).toEqual([
      [midnight, `${testDay(0)}T00:00:00+08:00`, false],
      [tomorrow, `${testDay(1)}T09:00:00+08:00`, true],
      [later, `${testDay(2)}T09:00:00+08:00`, false],
    ]);
    const { auth } = await login(a);
    expect((await book(a, auth, midnight)).body.error.code).toBe('BOOKING_CLOSED');
    expect((await book(a, auth, later)).body.error).toEqual({
      code: 'BOOKING_NOT_OPEN',
      message: `该时段 ${md(testDay(1))} 00:00 开放预约`,
    });
    expect((await book(a, auth, tomorrow)).status).toBe(201);
  });

  it('closes 助餐 orders at the daily cut-off time', async () => {
    now = on(0, '09:30'); // after the 09:00 cut-off
    const a = app();
    const { serviceId, siteId } = await buildService({
      kind: 'elderly-meal',
      form: FORM,
      rules: { opensDaysAhead: 7, closesMinutesBefore: 30, orderCutoff: '09:00', cancelMinutesBefore: 60, maxActivePerDay: 2 },
    });
    const lunchToday = await buildSlot(serviceId, siteId, { date: testDay(0), from: '11:00', to: '12:30' });
    const lunchTomorrow = await buildSlot(serviceId, siteId, { date: testDay(1), from: '11:00', to: '12:30' });
    const { auth } = await login(a);
    expect((await book(a, auth, lunchToday)).body.error.code).toBe('BOOKING_CLOSED');
    expect((await book(a, auth, lunchTomorrow)).status).toBe(201);
  });

  it('the slot list kept between questions follows the injected clock (the cut-off, midnight) and a slot staff close', async () => {
    const a = app();
    const { serviceId, siteId } = await buildService({
      kind: 'elderly-meal',
      form: FORM,
      rules: { opensDaysAhead: 7, closesMinutesBefore: 30, orderCutoff: '09:00', cancelMinutesBefore: 60, maxActivePerDay: 2 },
    });
    const lunch = await buildSlot(serviceId, siteId, { date: testDay(0), from: '11:00', to: '12:30' });
    const tomorrow = await buildSlot(serviceId, siteId, { date: testDay(1), from: '11:00', to: '12:30' });
    const ask = async () => {
      const res = await request(a).get(`/api/services/${serviceId}/slots?from=${testDay(0)}&to=${testDay(1)}`);
      expect(res.status).toBe(200);
      return res.body.items.map((s: { id: string; bookable: boolean; unavailableReason: string | null }) => [
        s.id,
        s.bookable,
        s.unavailableReason,
      ]);
    };
    now = on(0, '08:59');
    expect(await ask()).toEqual([
      [lunch, true, null],
      [tomorrow, true, null],
    ]);
    now = on(0, '09:00');
    expect(await ask()).toEqual([
      [lunch, false, '今日订餐已于 9:00 截止'],
      [tomorrow, true, null],
    ]);
    now = on(0, '23:59');
    expect((await ask())[0]).toEqual([lunch, false, '今日订餐已于 9:00 截止']);
    now = on(1, '00:00');
    expect((await ask())[0]).toEqual([lunch, false, `${md(testDay(0))}订餐已于 9:00 截止`]);

    const { auth: boss } = await login(a, 'boss');
    const closed = await request(a).post(`/api/admin/slots/${tomorrow}/close`).set(boss).send({ reason: '站点维修' });
    expect(closed.status).toBe(200);
    expect((await ask())[1]).toEqual([tomorrow, false, '已停办：站点维修']);
  });

  it('a booking is made at the injected clock’s time (createdAt, which the success page’s reminder sentence is judged by)', async () => {
    now = on(0, '08:30');
    const a = app();
    const { serviceId, siteId } = await buildService({ form: FORM });
    const slot = await buildSlot(serviceId, siteId, { date: testDay(1), from: '11:00' });
    const { auth } = await login(a);
    const made = await book(a, auth, slot);
    expect(made.status).toBe(201);
    const read = await request(a).get(`/api/bookings/${made.body.id}`).set(auth);
    expect(read.body.createdAt).toBe(toIso(now));
  });

  it('lets the citizen cancel until the cut-off, then answers CANCEL_CLOSED; staff may still cancel with a reason', async () => {
    now = on(0, '10:00');
    const a = app();
    const { serviceId, siteId } = await buildService({
      form: FORM,
      rules: { opensDaysAhead: 7, closesMinutesBefore: 0, cancelMinutesBefore: 120, maxActivePerDay: 1 },
    });
    const slot = await buildSlot(serviceId, siteId, { date: testDay(0), from: '13:00' });
    const citizen = await login(a);
    const b = await book(a, citizen.auth, slot);
    now = on(0, '11:30'); // past the 11:00 cut-off
    const refused = await request(a).post(`/api/bookings/${b.body.id}/cancel`).set(citizen.auth).send({});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CANCEL_CLOSED');
    const admin = await login(a, 'boss');
    const noReason = await request(a).post(`/api/bookings/${b.body.id}/cancel`).set(admin.auth).send({});
    expect(noReason.body.error.fields).toEqual({ reason: '请写明取消原因，市民会看到' });
    const byStaff = await request(a).post(`/api/bookings/${b.body.id}/cancel`).set(admin.auth).send({ reason: '周四下午培训，暂停办理' });
    expect(byStaff.body).toMatchObject({ status: 'cancelled', cancelReason: '周四下午培训，暂停办理' });
    const seen = await request(a).get(`/api/bookings/${b.body.id}`).set(citizen.auth);
    expect(seen.body.cancelReason).toBe('周四下午培训，暂停办理');
  });
});

describe('per-person limits and the no-show pause', () => {
  it('allows one active booking per service per day (BOOKING_LIMIT), and again after a cancellation', async () => {
    now = on(0, '10:00');
    const a = app();
    const { serviceId, siteId } = await buildService({
      form: FORM,
      rules: { opensDaysAhead: 7, closesMinutesBefore: 0, cancelMinutesBefore: 0, maxActivePerDay: 1 },
    });
    const morning = await buildSlot(serviceId, siteId, { date: testDay(1), from: '09:00' });
    const afternoon = await buildSlot(serviceId, siteId, { date: testDay(1), from: '14:00' });
    const { auth } = await login(a);
    const first = await book(a, auth, morning);
    const second = await book(a, auth, afternoon);
    expect(second.status).toBe(409);
    expect(second.body.error).toEqual({ code: 'BOOKING_LIMIT', message: '每人每天最多预约 1 次该服务' });
    await request(a).post(`/api/bookings/${first.body.id}/cancel`).set(auth).send({});
    expect((await book(a, auth, afternoon)).status).toBe(201);
  });

  it('pauses booking after N no-shows in 90 days, saying until when', async () => {
    now = on(0, '10:00');
    const a = app();
    const { serviceId, siteId } = await buildService({
      form: FORM,
      rules: { opensDaysAhead: 30, closesMinutesBefore: 0, cancelMinutesBefore: 0, maxActivePerDay: 1 },
    });
    let auth = (await login(a, 'forgetful')).auth;
    for (const date of [testDay(1), testDay(2)]) {
      const slot = await buildSlot(serviceId, siteId, { date, from: '09:00' });
      const b = await book(a, auth, slot);
      now = at(date, '11:00');
      // Tokens last two hours: everyone logs in again on the new day, as the mini-program does.
      const admin = await login(a, 'boss');
      auth = (await login(a, 'forgetful')).auth;
      const ns = await request(a).post(`/api/staff/bookings/${b.body.id}/no-show`).set(admin.auth);
      expect(ns.body.status).toBe('no_show');
    }
    const next = await buildSlot(serviceId, siteId, { date: testDay(9), from: '09:00' });
    const paused = await book(a, auth, next);
    expect(paused.status).toBe(409);
    expect(paused.body.error).toEqual({ code: 'BOOKING_PAUSED', message: `90 天内 2 次预约未到场，${addDays(testDay(2), 30)} 后可再预约` });
  });
});

describe('booking for a family member', () => {
  it('fills the form from the saved parent; the visiting staff see address and phone, the citizen masked, strangers nothing', async () => {
    now = on(0, '10:00');
    const a = app();
    const form = [
      { name: 'name', label: '姓名', type: 'text', required: true },
      { name: 'phone', label: '手机号', type: 'phone', required: true },
      { name: 'idNumber', label: '身份证号', type: 'idNumber', required: true },
      { name: 'address', label: '上门地址', type: 'textarea', required: true },
      { name: 'whyHome', label: '原因', type: 'text', required: true },
    ] as never;
    const { serviceId, siteId } = await buildService({
      kind: 'insurance-doorstep',
      form,
      rules: { opensDaysAhead: 14, closesMinutesBefore: 0, cancelMinutesBefore: 0, maxActivePerDay: 1 },
    });
    const slot = await buildSlot(serviceId, siteId, { date: testDay(7), from: '09:00', to: '12:00' });
    const son = await login(a);
    const father = await request(a)
      .post('/api/me/family')
      .set(son.auth)
      .send({
        name: '李建国',
        relation: 'parent',
        idNumber: idNumber('1956-03-08'),
        phone: '13947500001',
        address: '通辽市开发区辽河镇辽河村 3 组 12 号',
        consent: true,
      });
    const b = await request(a)
      .post('/api/bookings')
      .set(son.auth)
      .send({ slotId: slot, familyMemberId: father.body.id, form: { whyHome: '行动不便' } });
    expect(b.status).toBe(201);
    const mine = await request(a).get(`/api/bookings/${b.body.id}`).set(son.auth);
    expect(mine.body).toMatchObject({
      forFamilyMember: true,
      form: { name: '李建国', phone: '139****0001', address: '通辽市开发区辽河镇辽****', whyHome: '行动不便' },
    });
    const staffApp = testApp({ WECHAT_API_BASE: standin.current.url, BOOTSTRAP_ADMIN_OPENIDS: 'dev_team' }, undefined, {
      now: () => now,
    }).callback();
    const team = await login(staffApp, 'team');
    const day = await request(staffApp)
      .get(`/api/staff/bookings?serviceId=${serviceId}&date=${testDay(7)}`)
      .set(team.auth);
    expect(day.body.slots[0]).toMatchObject({ siteName: expect.any(String), capacity: 3, confirmed: 1 });
    expect(day.body.items[0].form).toMatchObject({
      phone: '13947500001',
      address: '通辽市开发区辽河镇辽河村 3 组 12 号',
      idNumber: expect.stringContaining('********'),
    });
    const stranger = await login(a);
    expect((await request(a).get(`/api/bookings/${b.body.id}`).set(stranger.auth)).status).toBe(404);
    expect((await request(a).post(`/api/bookings/${b.body.id}/cancel`).set(stranger.auth).send({})).status).toBe(404);
    const otherMember = await request(a)
      .post('/api/bookings')
      .set(stranger.auth)
      .send({ slotId: slot, familyMemberId: father.body.id, form: { whyHome: 'x' } });
    expect(otherMember.status).toBe(404);
    expect(await BookingModel.countDocuments()).toBe(1);
  });
});
