import { Types } from 'mongoose';
import request from 'supertest';
import {
  fingerprintOf,
  IdempotencyModel,
  idempotent,
  setIdempotencyGuardForTests,
  sweepExpiredKeys,
  type IdempotentCall,
} from '../src/http/idempotency';
import { BookingModel } from '../src/modules/bookings/model';
import { SeatModel } from '../src/modules/capacity/model';
import { addDays, at } from '../src/lib/time';
import { buildService, buildSlot } from './factories';
import { clearDb, login, testApp, testDay, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();
beforeEach(clearDb);
afterEach(() => setIdempotencyGuardForTests(true));

const FORM = [{ name: 'name', label: '姓名', type: 'text', required: true }] as never;
const day = testDay(3);

function world() {
  let now = at(addDays(day, -1), '10:00');
  const app = testApp(
    { WECHAT_API_BASE: standin.current.url, WRITE_LIMIT_PER_MINUTE: '10000', IDEMPOTENCY_LEASE_SECONDS: '15' },
    undefined,
    { now: () => now },
  ).callback();
  return { app, now: () => now, advance: (ms: number) => void (now = new Date(now.getTime() + ms)) };
}

/** What a request that died in flight leaves behind: a pending attempt, maybe the seats it took. */
async function diedInFlight(userId: string, key: string, body: unknown, leaseUntil: Date, opId = String(new Types.ObjectId())) {
  const fingerprint = fingerprintOf('POST /api/bookings', body);
  await IdempotencyModel.create({
    userId,
    key,
    attempt: 0,
    fingerprint,
    opId,
    state: 'pending',
    leaseUntil,
    expiresAt: new Date(leaseUntil.getTime() + 86_400_000),
  });
  return opId;
}

describe('Idempotency-Key that recovers', () => {
  async function slot(capacity = 3) {
    const { serviceId, siteId } = await buildService({ form: FORM });
    return buildSlot(serviceId, siteId, { date: day, from: '09:00', capacity });
  }

  it('a retry after the lease has passed takes over a key whose request died, and books once', async () => {
    const w = world();
    const slotId = await slot();
    const me = await login(w.app);
    const body = { slotId, form: { name: '王秀兰' } };
    await diedInFlight(me.userId, 'tap-0001-abcd', body, new Date(w.now().getTime() - 1000));
    const res = await request(w.app).post('/api/bookings').set(me.auth).set('Idempotency-Key', 'tap-0001-abcd').send(body);
    expect(res.status).toBe(201);
    expect(await BookingModel.countDocuments()).toBe(1);
    // The next retry gets the same answer, not a second booking.
    const again = await request(w.app).post('/api/bookings').set(me.auth).set('Idempotency-Key', 'tap-0001-abcd').send(body);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(res.body.id);
    expect(await IdempotencyModel.countDocuments()).toBe(2);
  });

  it('a retry waiting on a live lease takes the key over as soon as the lease passes', async () => {
    const w = world();
    const slotId = await slot();
    const me = await login(w.app);
    const body = { slotId, form: { name: '王秀兰' } };
    await diedInFlight(me.userId, 'tap-0002-abcd', body, new Date(w.now().getTime() + 15_000));
    const pending = request(w.app).post('/api/bookings').set(me.auth).set('Idempotency-Key', 'tap-0002-abcd').send(body);
    const answered = pending.then((r) => r);
    await new Promise((r) => setTimeout(r, 300));
    expect(await BookingModel.countDocuments()).toBe(0);
    w.advance(16_000);
    const res = await answered;
    expect(res.status).toBe(201);
  });

  it('finishes the dead attempt’s work: its seat counts as its own, so the retry is not a duplicate', async () => {
    const w = world();
    const slotId = await slot(1);
    const me = await login(w.app);
    const body = { slotId, form: { name: '王秀兰' } };
    const opId = await diedInFlight(me.userId, 'tap-0003-abcd', body, new Date(w.now().getTime() - 1000));
    // The dead attempt had taken the only seat (and the daily-limit place) but not written the booking.
    await SeatModel.create({ poolId: `slot:${slotId}`, seatNo: 1, holderKey: `user:${me.userId}`, claimId: opId });
    const res = await request(w.app).post('/api/bookings').set(me.auth).set('Idempotency-Key', 'tap-0003-abcd').send(body);
    expect(res.status).toBe(201);
    expect(res.body.id).toBe(opId);
    expect(await SeatModel.countDocuments({ poolId: `slot:${slotId}` })).toBe(1);
  });

  it('the same key with another body is refused with 422 IDEMPOTENCY_KEY_REUSED, and nothing is written', async () => {
    const w = world();
    const slotId = await slot();
    const me = await login(w.app);
    const first = await request(w.app)
      .post('/api/bookings')
      .set(me.auth)
      .set('Idempotency-Key', 'tap-0004-abcd')
      .send({ slotId, form: { name: '王秀兰' } });
    expect(first.status).toBe(201);
    const other = await request(w.app)
      .post('/api/bookings')
      .set(me.auth)
      .set('Idempotency-Key', 'tap-0004-abcd')
      .send({ slotId, form: { name: '李明' } });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await BookingModel.countDocuments()).toBe(1);
  });

  it('a conflict is not remembered: after the citizen follows the message, the same key books', async () => {
    const w = world();
    const slotId = await slot(1);
    const other = await login(w.app);
    expect(
      (
        await request(w.app)
          .post('/api/bookings')
          .set(other.auth)
          .send({ slotId, form: { name: '李明' } })
      ).status,
    ).toBe(201);
    const me = await login(w.app);
    const body = { slotId, form: { name: '王秀兰' } };
    const full = await request(w.app).post('/api/bookings').set(me.auth).set('Idempotency-Key', 'tap-0009-abcd').send(body);
    expect(full.body.error.code).toBe('SLOT_FULL');
    // The other citizen cancels; the same tap again is a booking, not the old 约满.
    const mine = await request(w.app).get('/api/me/bookings').set(other.auth);
    await request(w.app).post(`/api/bookings/${mine.body.items[0].id}/cancel`).set(other.auth).send({});
    const again = await request(w.app).post('/api/bookings').set(me.auth).set('Idempotency-Key', 'tap-0009-abcd').send(body);
    expect(again.status).toBe(201);
  });

  it('the same body with its keys in another order is the same request', () => {
    expect(fingerprintOf('POST /x', { a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(
      fingerprintOf('POST /x', { b: { c: [1, { e: 3, d: 2 }] }, a: 1 }),
    );
    expect(fingerprintOf('POST /x', { a: 1 })).not.toBe(fingerprintOf('POST /x', { a: 2 }));
  });

  it('a 5xx is not remembered: the retry after a failure runs again', async () => {
    const now = () => new Date();
    const call: IdempotentCall = { userId: 'u1', key: 'k-5xx-0001', route: 'POST /x', request: { a: 1 }, now, leaseMs: 15_000 };
    await expect(idempotent(call, async () => Promise.reject(new Error('db went away')))).rejects.toThrow('db went away');
    const ran = await idempotent(call, async () => ({ status: 201, body: { ok: 1 } }));
    expect(ran).toEqual({ status: 201, body: { ok: 1 } });
  });

  describe('many retries racing to take over one expired key', () => {
    async function raceTakeover() {
      const now = () => new Date();
      const call: IdempotentCall = { userId: 'u2', key: `k-race-${Math.random()}`, route: 'POST /x', request: {}, now, leaseMs: 15_000 };
      await IdempotencyModel.create({
        userId: call.userId,
        key: call.key,
        attempt: 0,
        fingerprint: fingerprintOf('POST /x', {}),
        opId: 'op',
        state: 'pending',
        leaseUntil: new Date(Date.now() - 1000),
        expiresAt: new Date(Date.now() + 86_400_000),
      });
      let runs = 0;
      const op = async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 100));
        return { status: 201, body: { runs } };
      };
      const answers = await Promise.all(Array.from({ length: 10 }, () => idempotent(call, op)));
      return { runs, answers };
    }

    it('exactly one runs the operation; the others get its answer', async () => {
      const { runs, answers } = await raceTakeover();
      expect(runs).toBe(1);
      expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify({ status: 201, body: { runs: 1 } })]));
    });

    it('negative control: without the unique attempt row, several take over and the operation runs more than once', async () => {
      setIdempotencyGuardForTests(false);
      const { runs } = await raceTakeover();
      expect(runs).toBeGreaterThan(1);
    });
  });

  it('sweeps keys past their time and keeps the others', async () => {
    const now = new Date();
    const base = { fingerprint: 'f', opId: 'o', state: 'done', leaseUntil: now };
    await IdempotencyModel.create([
      { ...base, userId: 'a', key: 'old-1', attempt: 0, expiresAt: new Date(now.getTime() - 1) },
      { ...base, userId: 'a', key: 'old-2', attempt: 0, expiresAt: new Date(now.getTime() - 86_400_000) },
      { ...base, userId: 'a', key: 'live', attempt: 0, expiresAt: new Date(now.getTime() + 3600_000) },
    ]);
    expect(await sweepExpiredKeys(now, 1)).toBe(2);
    expect((await IdempotencyModel.find().lean()).map((d) => d.key)).toEqual(['live']);
  });

  it('the OpenAPI document lists the header on the booking route', async () => {
    const w = world();
    const doc = await request(w.app).get('/api/openapi.json');
    const params = doc.body.paths['/api/bookings'].post.parameters as { name: string; in: string }[];
    expect(params).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]));
    expect(doc.body.paths['/api/bookings'].post.responses['422']).toBeDefined();
  });
});
