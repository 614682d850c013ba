import request from 'supertest';
import type { FormField } from '@jingkai/shared';
import { buildService, buildSlot } from './factories';
import { idNumber } from './factories/ids';
import { at } from '../src/lib/time';
import { DEMO_SERVICES } from '../src/seed/demo-data';
import { binary, rows } from './setup/workbook';
import { clearDb, login, testApp, testDay, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();
beforeEach(clearDb);

/** The demo's own 助餐 form and rules: the address asked, and required, only for 送餐上门. */
const demoMeal = DEMO_SERVICES.find((x) => x.key === 'elderly-meal')!;
const MEAL_FORM = demoMeal.form;
const MEAL_RULES = demoMeal.rules;

let now = at(testDay(0), '08:00');
const app = () =>
  testApp({ WECHAT_API_BASE: standin.current.url, BOOTSTRAP_ADMIN_OPENIDS: 'dev_wuyun', WRITE_LIMIT_PER_MINUTE: '1000' }, undefined, {
    now: () => now,
  }).callback();

async function meal() {
  const { serviceId, siteId } = await buildService({ kind: 'elderly-meal', form: MEAL_FORM as never, rules: MEAL_RULES });
  return { serviceId, siteId, slotId: await buildSlot(serviceId, siteId, { date: testDay(1), from: '11:00', to: '12:30', capacity: 5 }) };
}

async function staffOf(a: ReturnType<typeof app>, serviceId: string) {
  const admin = await login(a, 'wuyun');
  const zhang = await login(a, 'zhang');
  await request(a)
    .post('/api/admin/roles')
    .set(admin.auth)
    .send({ userId: zhang.userId, role: 'staff', serviceIds: [serviceId] });
  return login(a, 'zhang');
}

describe('送餐上门 needs an address: one rule in the shared form schema, refused the same by the server', () => {
  it('refuses 送餐上门 with no address, naming the field in the form’s own words', async () => {
    now = at(testDay(0), '08:00');
    const a = app();
    const { slotId } = await meal();
    const { auth } = await login(a);
    for (const address of [undefined, '', '   ']) {
      const res = await request(a)
        .post('/api/bookings')
        .set(auth)
        .send({
          slotId,
          form: { name: '王秀兰', phone: '13900000001', pickup: 'delivery', ...(address === undefined ? {} : { address }) },
        });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'form.address': '请填写送餐地址' } });
    }
  });

  it('asks no address for 到店取餐, and a missing field says what to fill, not 必填', async () => {
    now = at(testDay(0), '08:00');
    const a = app();
    const { slotId } = await meal();
    const { auth } = await login(a);
    const missing = await request(a)
      .post('/api/bookings')
      .set(auth)
      .send({ slotId, form: { pickup: 'store' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toEqual({ 'form.name': '请填写用餐老人姓名', 'form.phone': '请填写联系电话' });
    const store = await request(a)
      .post('/api/bookings')
      .set(auth)
      .send({ slotId, form: { name: '王秀兰', phone: '13900000001', pickup: 'store' } });
    expect(store.status).toBe(201);
  });

  it('fills the address of 送餐上门 from the chosen family member', async () => {
    now = at(testDay(0), '08:00');
    const a = app();
    const { slotId } = await meal();
    const { auth } = await login(a);
    const m = await request(a)
      .post('/api/me/family')
      .set(auth)
      .send({
        name: '王秀兰',
        relation: 'parent',
        idNumber: idNumber('1950-05-01'),
        phone: '13900000002',
        address: '通辽市开发区河西街道幸福小区 3 号楼 2 单元 401',
        consent: true,
      });
    expect(m.status).toBe(201);
    const res = await request(a)
      .post('/api/bookings')
      .set(auth)
      .send({ slotId, familyMemberId: m.body.id, form: { pickup: 'delivery' } });
    expect(res.status).toBe(201);
    expect(res.body.forName).toBe('王秀兰');
    expect(res.body.answers).toEqual([
      { name: 'name', label: '用餐老人姓名', value: '王秀兰' },
      { name: 'phone', label: '联系电话', value: '139****0002' },
      { name: 'pickup', label: '取餐方式', value: '送餐上门' },
      { name: 'address', label: '送餐地址', value: expect.stringMatching(/^通辽市开发区.*\*{4}$/) },
    ]);
  });
});

describe('every option shows as its label: booking, staff day list and 核验', () => {
  it('answers 到店取餐, never `store`, to the citizen and to staff', async () => {
    now = at(testDay(0), '08:00');
    const a = app();
    const { serviceId, slotId } = await meal();
    const { auth } = await login(a);
    const b = await request(a)
      .post('/api/bookings')
      .set(auth)
      .send({ slotId, form: { name: '王秀兰', phone: '13900000001', pickup: 'store' } });
    expect(b.status).toBe(201);
    const pickup = { name: 'pickup', label: '取餐方式', value: '到店取餐' };
    expect(b.body.answers).toContainEqual(pickup);
    expect((await request(a).get(`/api/bookings/${b.body.id}`).set(auth)).body.answers).toContainEqual(pickup);
    const staff = await staffOf(a, serviceId);
    const day = await request(a)
      .get(`/api/staff/bookings?serviceId=${serviceId}&date=${testDay(1)}`)
      .set(staff.auth);
    expect(day.status).toBe(200);
    expect(day.body.items[0].answers).toEqual([
      { name: 'name', label: '用餐老人姓名', value: '王秀兰' },
      { name: 'phone', label: '联系电话', value: '13900000001' },
      pickup,
    ]);
    now = at(testDay(1), '11:05'); // at the counter, on the day (a new session: the old one has run out)
    const counter = await login(a, 'zhang');
    const verified = await request(a).post('/api/staff/bookings/verify').set(counter.auth).send({ code: b.body.code });
    expect(verified.status).toBe(200);
    expect(verified.body.answers).toContainEqual(pickup);
    expect(JSON.stringify(verified.body.answers)).not.toContain('store');

    // The staff's Excel export names the choice the same way.
    const res = await request(a)
      .get(`/api/staff/bookings/export?serviceId=${serviceId}&from=${testDay(1)}&to=${testDay(1)}`)
      .set(counter.auth)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    const sheet = await rows(res.body as Buffer);
    const col = sheet[0]!.indexOf('取餐方式');
    expect(col).toBeGreaterThan(0);
    expect(sheet[1]![col]).toBe('到店取餐');
  });
});

describe('托育: the child’s name', () => {
  it('is shown in full to the guardian who booked, masked to the staff of the service', async () => {
    now = at(testDay(0), '08:00');
    const a = app();
    const form: FormField[] = [
      { name: 'childName', label: '孩子姓名', type: 'text', required: true },
      { name: 'guardianPhone', label: '家长手机号', type: 'phone', required: true },
    ];
    const { serviceId, siteId } = await buildService({ kind: 'childcare', form: form as never });
    const slotId = await buildSlot(serviceId, siteId, { date: testDay(1) });
    const { auth } = await login(a, 'chen');
    const b = await request(a)
      .post('/api/bookings')
      .set(auth)
      .send({ slotId, form: { childName: '陈小宝', guardianPhone: '13900000003' } });
    expect(b.status).toBe(201);
    expect(b.body).toMatchObject({ forName: '陈小宝', form: { childName: '陈小宝' } });
    expect((await request(a).get(`/api/bookings/${b.body.id}`).set(auth)).body.form.childName).toBe('陈小宝');
    expect((await request(a).get('/api/me/bookings').set(auth)).body.items[0]).toMatchObject({ forName: '陈小宝' });
    const staff = await staffOf(a, serviceId);
    const seen = await request(a).get(`/api/bookings/${b.body.id}`).set(staff.auth);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ forName: '陈*宝', form: { childName: '陈*宝' } });
    const day = await request(a)
      .get(`/api/staff/bookings?serviceId=${serviceId}&date=${testDay(1)}`)
      .set(staff.auth);
    expect(day.body.items[0].form.childName).toBe('陈*宝');
  });
});

describe('a slot that cannot be booked says why, on the injected clock', () => {
  it('says 今日订餐已于 9:00 截止 after the cut-off, 已约满 when full, 未开放 before its window', async () => {
    now = at(testDay(0), '09:30');
    const a = app();
    const { serviceId, siteId } = await buildService({ kind: 'elderly-meal', form: MEAL_FORM as never, rules: MEAL_RULES });
    const today = await buildSlot(serviceId, siteId, { date: testDay(0), from: '11:00', to: '12:30' });
    const full = await buildSlot(serviceId, siteId, { date: testDay(1), from: '11:00', to: '12:30', capacity: 1 });
    const open = await buildSlot(serviceId, siteId, { date: testDay(1), from: '17:00', to: '18:00' });
    const later = await buildSlot(serviceId, siteId, { date: testDay(8), from: '11:00', to: '12:30' });
    const { auth } = await login(a);
    const took = await request(a)
      .post('/api/bookings')
      .set(auth)
      .send({ slotId: full, form: { name: '王秀兰', phone: '13900000001', pickup: 'store' } });
    expect(took.status).toBe(201);
    const res = await request(a).get(`/api/services/${serviceId}/slots?from=${testDay(0)}&to=${testDay(8)}`);
    expect(res.status).toBe(200);
    const why = Object.fromEntries(
      res.body.items.map((s: { id: string; unavailableReason: string | null }) => [s.id, s.unavailableReason]),
    );
    expect(why).toEqual({ [today]: '今日订餐已于 9:00 截止', [full]: '已约满', [open]: null, [later]: '未开放' });
    // Before the cut-off the same lunch is open.
    now = at(testDay(0), '08:59');
    const early = await request(app()).get(`/api/services/${serviceId}/slots?from=${testDay(0)}&to=${testDay(0)}`);
    expect(early.body.items[0]).toMatchObject({ id: today, bookable: true, unavailableReason: null });
  });
});
