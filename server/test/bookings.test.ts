import request from 'supertest';
import { setCapacityGuardForTests, setClaimLineForTests } from '../src/modules/capacity';
import { SeatModel } from '../src/modules/capacity/model';
import { BookingModel } from '../src/modules/bookings/model';
import { buildService, buildSlot } from './factories';
import { idNumber } from './factories/ids';
import { clearDb, login, testApp, testDay, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();
let app: ReturnType<ReturnType<typeof testApp>['callback']>;
const env = () => ({ WECHAT_API_BASE: standin.current.url, WRITE_LIMIT_PER_MINUTE: '1000', LOGIN_LIMIT_PER_MINUTE: '1000' });
beforeAll(() => {
  app = testApp(env()).callback();
});
beforeEach(clearDb);

const tomorrow = () => testDay(1);
const FORM = [
  { name: 'name', label: '姓名', type: 'text', required: true },
  { name: 'phone', label: '手机号', type: 'phone', required: true },
  { name: 'idNumber', label: '身份证号', type: 'idNumber', required: false },
] as const;
const form = (i = 1) => ({ name: `市民${i}`, phone: `139${String(i).padStart(8, '0')}` });

async function setup(capacity: number, overrides: Record<string, unknown> = {}) {
  const { serviceId, siteId } = await buildService({ form: FORM as never, ...overrides });
  const slotId = await buildSlot(serviceId, siteId, { date: tomorrow(), from: '09:00', to: '10:00', capacity });
  return { serviceId, siteId, slotId };
}

const book = (auth: Record<string, string>, slotId: string, f: Record<string, unknown> = form(), headers: Record<string, string> = {}) =>
  request(app).post('/api/bookings').set(auth).set(headers).send({ slotId, form: f });

describe('POST /api/bookings', () => {
  it('books a slot: 201 with a short code, the seat counted, personal data masked when read back', async () => {
    const { serviceId, slotId } = await setup(3);
    const { auth } = await login(app);
    const res = await book(auth, slotId, { name: '王秀兰', phone: '13900000001', idNumber: idNumber('1954-02-11') });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      code: expect.stringMatching(/^[A-HJ-NP-Z2-9]{6}$/),
      status: 'confirmed',
      slotId,
    });
    const slots = await request(app).get(`/api/services/${serviceId}/slots?from=${tomorrow()}&to=${tomorrow()}`);
    expect(slots.body.items[0]).toMatchObject({ capacity: 3, remaining: 2 });
    const got = await request(app).get(`/api/bookings/${res.body.id}`).set(auth);
    expect(got.body.form).toEqual({ name: '王秀兰', phone: '139****0001', idNumber: expect.stringMatching(/^150502\*{8}\d{3}[\dX]$/) });
    const raw = JSON.stringify(await BookingModel.collection.findOne({}));
    expect(raw).not.toContain('13900000001');
    const mine = await request(app).get('/api/me/bookings').set(auth);
    expect(mine.body.items[0]).toMatchObject({
      id: res.body.id,
      code: res.body.code,
      status: 'confirmed',
      slotId,
      serviceId,
      start: `${tomorrow()}T09:00:00+08:00`,
    });
  });

  it('answers bad input with 400 naming the field, and an unknown slot with 404', async () => {
    const { slotId } = await setup(3);
    const { auth } = await login(app);
    const bad = await book(auth, slotId, { name: '王秀兰', phone: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ 'form.phone': '手机号格式不正确' });
    const extra = await book(auth, slotId, { ...form(), status: 'served' });
    expect(extra.body.error.fields).toEqual({ 'form.status': '不支持这个字段' });
    expect((await request(app).post('/api/bookings').set(auth).send({ slotId: 'abc', form: form() })).body.error.fields).toEqual({
      slotId: '编号格式不正确',
    });
    expect((await request(app).post('/api/bookings').set(auth).send({ slotId, form: form(), userId: 'x' })).status).toBe(400);
    expect((await book(auth, '0123456789abcdef01234567')).status).toBe(404);
    expect((await request(app).post('/api/bookings').send({ slotId, form: form() })).status).toBe(401);
  });

  it('refuses the same person twice in one slot with 409 DUPLICATE_BOOKING, until cancelled', async () => {
    const { slotId } = await setup(5, {
      rules: { opensDaysAhead: 30, closesMinutesBefore: 0, cancelMinutesBefore: 0, maxActivePerDay: 5 },
    });
    const { auth } = await login(app);
    const first = await book(auth, slotId);
    const again = await book(auth, slotId);
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({ code: 'DUPLICATE_BOOKING', message: '已预约过这个时段' });
    await request(app).post(`/api/bookings/${first.body.id}/cancel`).set(auth).send({});
    expect((await book(auth, slotId)).status).toBe(201);
  });
});

describe('capacity under a rush', () => {
  const rush = async (capacity: number, people: number) => {
    const { serviceId, slotId } = await setup(capacity);
    const citizens = await Promise.all(Array.from({ length: people }, () => login(app)));
    const results = await Promise.all(citizens.map((c, i) => book(c.auth, slotId, form(i))));
    const count = (s: number) => results.filter((r) => r.status === s).length;
    const slots = await request(app).get(`/api/services/${serviceId}/slots?from=${tomorrow()}&to=${tomorrow()}`);
    return {
      ok: count(201),
      full: results.filter((r) => r.body?.error?.code === 'SLOT_FULL').length,
      remaining: slots.body.items[0].remaining,
      bookings: await BookingModel.countDocuments({ status: 'confirmed' }),
    };
  };

  it('lets exactly the capacity through and tells everyone else SLOT_FULL', async () => {
    const r = await rush(5, 40);
    expect(r).toEqual({ ok: 5, full: 35, remaining: 0, bookings: 5 });
  });

  it('holds on the unique indexes alone, as across several API instances (no in-process claim line)', async () => {
    setClaimLineForTests(false);
    try {
      const r = await rush(5, 40);
      expect(r).toEqual({ ok: 5, full: 35, remaining: 0, bookings: 5 });
    } finally {
      setClaimLineForTests(true);
    }
  });

  it('negative control: with the unique-seat guard switched off the same race oversells', async () => {
    setCapacityGuardForTests(false);
    setClaimLineForTests(false);
    try {
      const r = await rush(5, 40);
      expect(r.ok).toBeGreaterThan(5);
    } finally {
      setCapacityGuardForTests(true);
      setClaimLineForTests(true);
    }
  });

  it('same person pressing 预约 ten times at once gets one booking', async () => {
    const { slotId } = await setup(5);
    const { auth } = await login(app);
    const results = await Promise.all(Array.from({ length: 10 }, () => book(auth, slotId)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => ['DUPLICATE_BOOKING', 'BOOKING_LIMIT'].includes(r.body.error.code))).toBe(
      true,
    );
    expect(await BookingModel.countDocuments()).toBe(1);
  });

  it('a cancelled seat returns at once, and exactly one of the racers gets it', async () => {
    const { slotId } = await setup(1);
    const owner = await login(app);
    const first = await book(owner.auth, slotId, form(100));
    const racers = await Promise.all(Array.from({ length: 10 }, () => login(app)));
    const [cancel, ...results] = await Promise.all([
      request(app).post(`/api/bookings/${first.body.id}/cancel`).set(owner.auth).send({}),
      ...racers.map((c, i) => book(c.auth, slotId, form(i))),
    ]);
    expect(cancel!.status).toBe(200);
    const late = await Promise.all(racers.map((c, i) => book(c.auth, slotId, form(i))));
    const wins = [...results, ...late].filter((r) => r.status === 201).length;
    expect(wins).toBe(1);
    expect(await SeatModel.countDocuments({ poolId: `slot:${slotId}` })).toBe(1);
  });
});

describe('Idempotency-Key', () => {
  it('returns the first answer to a repeated key, also for parallel retries', async () => {
    const { slotId } = await setup(5);
    const { auth } = await login(app);
    const headers = { 'Idempotency-Key': 'retry-key-0001' };
    const results = await Promise.all(Array.from({ length: 8 }, () => book(auth, slotId, form(), headers)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const later = await book(auth, slotId, form(), headers);
    expect(later.body.id).toBe(results[0]!.body.id);
    expect(await BookingModel.countDocuments()).toBe(1);
  });

  it('keeps keys per person, and refuses a malformed key', async () => {
    const { slotId } = await setup(5);
    const a = await login(app);
    const b = await login(app);
    const ra = await book(a.auth, slotId, form(1), { 'Idempotency-Key': 'shared-key-01' });
    const rb = await book(b.auth, slotId, form(2), { 'Idempotency-Key': 'shared-key-01' });
    expect(ra.body.id).not.toBe(rb.body.id);
    const bad = await book(a.auth, slotId, form(3), { 'Idempotency-Key': 'x' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['headers.idempotency-key']);
  });
});
