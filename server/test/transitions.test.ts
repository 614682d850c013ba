import request from 'supertest';
import { BookingModel } from '../src/modules/bookings/model';
import { setClosedSlotRecheckForTests } from '../src/modules/bookings/create';
import { SlotModel } from '../src/modules/services/model';
import { SeatModel } from '../src/modules/capacity/model';
import { OutboxModel } from '../src/modules/outbox/model';
import { TransitionModel } from '../src/modules/transitions/model';
import { claimExit, exitOf, exitsOf, markApplied, setTransitionGuardForTests } from '../src/modules/transitions';
import { Types } from 'mongoose';
import { sweepBookings } from '../src/modules/bookings';
import { createDeps } from '../src/deps';
import { addDays, at } from '../src/lib/time';
import { buildService, buildSlot } from './factories';
import { clearDb, login, testApp, testConfig, testDay, useStandin, useTestDb } from './setup/harness';
import pino from 'pino';

useTestDb(__filename);
const standin = useStandin();
beforeEach(clearDb);
afterEach(() => setTransitionGuardForTests(true));

const FORM = [{ name: 'name', label: '姓名', type: 'text', required: true }] as never;
const env = () => ({
  WECHAT_API_BASE: standin.current.url,
  BOOTSTRAP_ADMIN_OPENIDS: 'dev_admin',
  WRITE_LIMIT_PER_MINUTE: '100000',
  LOGIN_LIMIT_PER_MINUTE: '100000',
});

/**
 * A movable clock: bookings are made the day before, the race happens ten minutes into the slot,
 * when cancel (staff), 核验 and 未到场 are all allowed.
 */
function world() {
  const day = testDay(2);
  let now = at(addDays(day, -1), '10:00');
  const app = testApp(env(), undefined, { now: () => now }).callback();
  return { app, day, moveTo: (d: Date) => void (now = d) };
}

async function bookOne(app: ReturnType<typeof world>['app'], slotId: string) {
  const citizen = await login(app);
  const res = await request(app)
    .post('/api/bookings')
    .set(citizen.auth)
    .send({ slotId, form: { name: '王秀兰' } });
  expect(res.status).toBe(201);
  return { citizen, booking: res.body as { id: string; code: string } };
}

/** 20 requests at once on one booking: staff cancel, 核验 and 未到场 in turn. Returns the 200s per kind. */
async function race(app: ReturnType<typeof world>['app'], admin: { auth: Record<string, string> }, b: { id: string; code: string }) {
  const kinds = ['cancel', 'verify', 'no-show'] as const;
  const calls = Array.from({ length: 20 }, (_, i) => {
    const kind = kinds[i % 3]!;
    const req =
      kind === 'cancel'
        ? request(app).post(`/api/bookings/${b.id}/cancel`).set(admin.auth).send({ reason: '临时停电' })
        : kind === 'verify'
          ? request(app).post('/api/staff/bookings/verify').set(admin.auth).send({ code: b.code })
          : request(app).post(`/api/staff/bookings/${b.id}/no-show`).set(admin.auth).send({});
    return req.then((r) => ({ kind, status: r.status, code: r.body?.error?.code as string | undefined }));
  });
  return Promise.all(calls);
}

describe('exclusive status changes (confirmed → served / no_show / cancelled)', () => {
  async function setupRace(rounds: number) {
    const w = world();
    const { serviceId, siteId } = await buildService({ form: FORM });
    const slotId = await buildSlot(serviceId, siteId, { date: w.day, from: '09:00', to: '11:00', capacity: rounds });
    const bookings = [];
    for (let i = 0; i < rounds; i++) bookings.push((await bookOne(w.app, slotId)).booking);
    w.moveTo(at(w.day, '09:10'));
    const admin = await login(w.app, 'admin');
    return { ...w, admin, bookings };
  }

  it('exactly one of 20 racing requests wins, round after round, and the booking ends in its status', async () => {
    const { app, admin, bookings } = await setupRace(8);
    for (const b of bookings) {
      const results = await race(app, admin, b);
      const winners = results.filter((r) => r.status === 200);
      expect(winners).toHaveLength(1);
      // Every loser hears a conflict, never a 500.
      expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409)).toBe(true);
      const doc = await BookingModel.findById(b.id).lean();
      const expected = { cancel: 'cancelled', verify: 'served', 'no-show': 'no_show' }[winners[0]!.kind];
      expect(doc!.status).toBe(expected);
      // The seat is given back once for cancelled and no-show, kept for served.
      expect(await SeatModel.countDocuments({ claimId: b.id, poolId: { $regex: '^slot:' } })).toBe(expected === 'served' ? 1 : 0);
      expect(await TransitionModel.countDocuments({ subject: `booking:${b.id}` })).toBe(1);
    }
  });

  it('negative control: with the exit row switched off (a guarded update), the same race has several winners', async () => {
    const { app, admin, bookings } = await setupRace(8);
    setTransitionGuardForTests(false);
    const winnersPerRound: number[] = [];
    for (const b of bookings) winnersPerRound.push((await race(app, admin, b)).filter((r) => r.status === 200).length);
    expect(Math.max(...winnersPerRound)).toBeGreaterThan(1);
  });

  it('a winner that died before applying is finished by the sweeper', async () => {
    const w = world();
    const { serviceId, siteId } = await buildService({ form: FORM });
    const slotId = await buildSlot(serviceId, siteId, { date: w.day, from: '09:00', to: '11:00', capacity: 2 });
    const { booking } = await bookOne(w.app, slotId);
    // The exit row is written, then the process dies: the booking is still confirmed with its seat.
    const at0 = at(w.day, '08:00');
    await TransitionModel.create({
      key: `booking:${booking.id}#confirmed`,
      subject: `booking:${booking.id}`,
      from: 'confirmed',
      to: 'cancelled',
      by: 'staff',
      patch: JSON.stringify({ cancelReason: '停电', cancelledBy: 'staff' }),
      at: at0,
      applied: false,
    });
    const deps = createDeps(testConfig(env()), pino({ level: 'silent' }), { now: () => at(w.day, '08:05') });
    const swept = await sweepBookings(deps, new Date(at(w.day, '08:05').getTime() - 60_000));
    expect(swept.exits).toBe(1);
    const doc = await BookingModel.findById(booking.id).lean();
    expect(doc).toMatchObject({ status: 'cancelled', cancelReason: '停电', cancelledBy: 'staff' });
    expect(await SeatModel.countDocuments({ claimId: booking.id })).toBe(0);
    expect(await OutboxModel.countDocuments({ kind: 'booking.cancelled' })).toBe(1);
    // Once repaired, it is not repaired again.
    expect((await sweepBookings(deps, new Date(at(w.day, '08:05').getTime()))).exits).toBe(0);
  });
});

describe('the exit rows themselves', () => {
  const exit = (subject: string, from: string, to: string, at0: Date) => ({ subject, from, to, by: 'staff', patch: {}, at: at0 });

  it('are kept under their key as _id (found without reading the others), and marked applied there', async () => {
    const t = new Date('2026-12-05T09:00:00+08:00');
    expect(await claimExit(exit('booking:k1', 'confirmed', 'served', t))).toBe(true);
    expect(await claimExit(exit('booking:k1', 'confirmed', 'cancelled', t))).toBe(false);
    await markApplied('booking:k1', 'confirmed');
    expect(await TransitionModel.findById('booking:k1#confirmed').lean()).toMatchObject({ to: 'served', applied: true });
  });

  it('written before _id was the key (an ObjectId _id), are still found, refuse a second winner and are marked applied', async () => {
    const t = new Date('2026-12-05T09:00:00+08:00');
    const legacy = {
      key: 'booking:old#confirmed',
      subject: 'booking:old',
      from: 'confirmed',
      to: 'served',
      by: 'staff',
      patch: '{}',
      at: t,
      applied: false,
    };
    await TransitionModel.collection.insertOne({ _id: new Types.ObjectId(), ...legacy } as never);
    expect(await claimExit(exit('booking:old', 'confirmed', 'cancelled', t))).toBe(false);
    expect(await exitOf('booking:old', 'confirmed')).toMatchObject({ to: 'served' });
    await markApplied('booking:old', 'confirmed');
    expect(await TransitionModel.findOne({ key: legacy.key }).lean()).toMatchObject({ applied: true });
  });

  it('give a subject’s steps in the order taken, even when they share one instant', async () => {
    const t = new Date('2026-12-05T09:00:00+08:00');
    // Written last step first: neither the key, nor the time, nor the order of writing can tell; the chain of states does.
    for (const [from, to] of [
      ['replied', 'closed'],
      ['accepted', 'replied'],
      ['received', 'accepted'],
    ] as const)
      expect(await claimExit(exit('request:r1', from, to, t))).toBe(true);
    expect((await exitsOf('request:r1')).map((e) => e.to)).toEqual(['accepted', 'replied', 'closed']);
  });
});

describe('staff actions that mean what they say', () => {
  it('closing a slot cancels every booking as staff, also the staff member’s own, with the reason and a notice', async () => {
    const w = world();
    const { serviceId, siteId } = await buildService({ form: FORM });
    const slotId = await buildSlot(serviceId, siteId, { date: w.day, from: '14:00', to: '15:00', capacity: 5 });
    const admin = await login(w.app, 'admin');
    // The admin booked the slot for herself; a citizen booked too.
    const own = await request(w.app)
      .post('/api/bookings')
      .set(admin.auth)
      .send({ slotId, form: { name: '乌云' } });
    expect(own.status).toBe(201);
    const { booking } = await bookOne(w.app, slotId);
    const res = await request(w.app).post(`/api/admin/slots/${slotId}/close`).set(admin.auth).send({ reason: '工作人员培训' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: slotId, closedReason: '工作人员培训', cancelled: 2 });
    const docs = await BookingModel.find({ slotId }).lean();
    expect(docs.map((d) => [d.status, d.cancelReason, d.cancelledBy])).toEqual([
      ['cancelled', '工作人员培训', 'staff'],
      ['cancelled', '工作人员培训', 'staff'],
    ]);
    expect(await SeatModel.countDocuments({ poolId: `slot:${slotId}` })).toBe(0);
    const notices = await OutboxModel.find({ kind: 'booking.cancelled' }).lean();
    expect(notices.map((n) => n.dedupeKey).sort()).toEqual([`booking:${booking.id}:cancelled`, `booking:${own.body.id}:cancelled`].sort());
    // Closed: nobody books it again.
    const again = await request(w.app)
      .post('/api/bookings')
      .set((await login(w.app)).auth)
      .send({ slotId, form: { name: '李明' } });
    expect(again.body.error.code).toBe('SLOT_CLOSED');
  });

  describe('a slot closed by another instance, whose close this instance has not heard of yet', () => {
    async function closedElsewhere() {
      const w = world();
      const { serviceId, siteId } = await buildService({ form: FORM });
      const slotId = await buildSlot(serviceId, siteId, { date: w.day, from: '15:00', to: '16:00', capacity: 5 });
      // This instance has the slot in its cache, open; another instance closes it.
      await bookOne(w.app, slotId);
      await SlotModel.updateOne({ _id: slotId }, { $set: { closedReason: '设备检修' } });
      const late = await login(w.app);
      const res = await request(w.app)
        .post('/api/bookings')
        .set(late.auth)
        .send({ slotId, form: { name: '李明' } });
      const confirmed = await BookingModel.countDocuments({ slotId, userId: late.userId, status: 'confirmed' });
      return { res, confirmed };
    }

    it('the booking checks the slot as stored once it is written, and ends cancelled with the reason', async () => {
      const { res, confirmed } = await closedElsewhere();
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'SLOT_CLOSED', message: '该时段暂停办理：设备检修' });
      expect(confirmed).toBe(0);
      expect(await BookingModel.countDocuments({ status: 'cancelled', cancelReason: '设备检修', cancelledBy: 'system' })).toBe(1);
    });

    it('negative control: without that check, the booking stands on the closed slot', async () => {
      setClosedSlotRecheckForTests(false);
      try {
        const { res, confirmed } = await closedElsewhere();
        expect(res.status).toBe(201);
        expect(confirmed).toBe(1);
      } finally {
        setClosedSlotRecheckForTests(true);
      }
    });
  });

  it('核验 of a booking that is not for today is refused with NOT_TODAY, and nothing changes', async () => {
    const w = world();
    const { serviceId, siteId } = await buildService({ form: FORM });
    const slotId = await buildSlot(serviceId, siteId, { date: w.day, from: '09:00', to: '10:00' });
    const admin = await login(w.app, 'admin');
    const { booking } = await bookOne(w.app, slotId);
    const res = await request(w.app).post('/api/staff/bookings/verify').set(admin.auth).send({ code: booking.code });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('NOT_TODAY');
    expect((await BookingModel.findById(booking.id).lean())!.status).toBe('confirmed');
    expect(await TransitionModel.countDocuments()).toBe(0);
    // The next morning it is today.
    w.moveTo(at(w.day, '08:30'));
    const morning = await login(w.app, 'admin');
    const ok = await request(w.app).post('/api/staff/bookings/verify').set(morning.auth).send({ code: booking.code });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('served');
  });

  it('deleting an account cancels its future bookings (the seats return) and drops its pending messages', async () => {
    const w = world();
    const { serviceId, siteId } = await buildService({ form: FORM });
    const slotId = await buildSlot(serviceId, siteId, { date: w.day, from: '09:00', to: '10:00', capacity: 1 });
    const { citizen, booking } = await bookOne(w.app, slotId);
    expect(await OutboxModel.countDocuments({ openid: citizen.openid, status: 'pending' })).toBe(2);
    const res = await request(w.app).delete('/api/me').set(citizen.auth);
    expect(res.status).toBe(200);
    expect(res.body.cancelled).toEqual({ bookings: 1, registrations: 0 });
    expect(await BookingModel.findById(booking.id).lean()).toMatchObject({ status: 'cancelled', userId: null, anonymised: true });
    expect(await SeatModel.countDocuments({ poolId: `slot:${slotId}` })).toBe(0);
    expect(await OutboxModel.countDocuments({ openid: citizen.openid })).toBe(0);
    // The place is free for the next person.
    expect((await bookOne(w.app, slotId)).booking.id).toBeTruthy();
  });
});

describe('the orphan-seat sweeper', () => {
  it('frees only slot and limit seats over a minute old whose booking was never written, across the whole collection', async () => {
    const w = world();
    const { serviceId, siteId } = await buildService({ form: FORM });
    const slotId = await buildSlot(serviceId, siteId, { date: w.day, from: '09:00', to: '10:00', capacity: 5 });
    const { booking } = await bookOne(w.app, slotId);
    const sweepAt = new Date();
    const old = new Date(sweepAt.getTime() - 5 * 60_000);
    const seat = (poolId: string, seatNo: number, claimId: string, createdAt: Date) => ({
      poolId,
      seatNo,
      holderKey: `h:${poolId}:${seatNo}`,
      claimId,
      createdAt,
      updatedAt: createdAt,
    });
    // More orphans than one read of 5,000 would see.
    const orphans = Array.from({ length: 5200 }, (_, i) => seat(`slot:orphan-${i % 40}`, i, `dead-${i}`, old));
    await SeatModel.collection.insertMany([
      ...orphans,
      seat('limit:svc:2026-01-01:user:x', 1, 'dead-limit', old),
      // An event session's seat is not the bookings' to judge.
      seat('session:abc', 1, 'registration-in-flight', old),
      // Thirty seconds old: its booking may still be on its way.
      seat('slot:fresh', 1, 'in-flight', new Date(sweepAt.getTime() - 30_000)),
    ]);
    await SeatModel.collection.updateMany({ claimId: booking.id }, { $set: { createdAt: old } });
    const deps = createDeps(testConfig(env()), pino({ level: 'silent' }));
    const swept = await sweepBookings(deps, new Date(sweepAt.getTime() - 60_000));
    expect(swept.seats).toBe(5201);
    const left = await SeatModel.find().lean();
    // The booking keeps its three places: the slot's seat, the person's and the account's daily ones.
    expect(left.map((s) => s.claimId).sort()).toEqual([booking.id, booking.id, booking.id, 'in-flight', 'registration-in-flight'].sort());
  });
});

describe('deleting an account while its bookings are in flight', () => {
  it('a booking that lands during the deletion is cancelled by its second pass, and its seat returns', async () => {
    const w = world();
    const { serviceId, siteId } = await buildService({ form: FORM });
    const slotId = await buildSlot(serviceId, siteId, { date: w.day, from: '09:00', to: '10:00', capacity: 3 });
    const { citizen } = await bookOne(w.app, slotId);
    const deleting = request(w.app).delete('/api/me').set(citizen.auth);
    const done = deleting.then((r) => r);
    // A request that passed its token check before the revocation writes its booking now.
    await new Promise((r) => setTimeout(r, 500));
    const late = await BookingModel.create({
      code: 'LATE23',
      userId: citizen.userId,
      serviceId,
      siteId,
      slotId,
      date: w.day,
      start: at(w.day, '09:00'),
      end: at(w.day, '10:00'),
      status: 'confirmed',
      personKey: `user:${citizen.userId}`,
    });
    await SeatModel.create({ poolId: `slot:${slotId}`, seatNo: 3, holderKey: 'late', claimId: String(late._id) });
    const res = await done;
    expect(res.status).toBe(200);
    expect(res.body.cancelled.bookings).toBe(2);
    expect(await BookingModel.findById(late._id).lean()).toMatchObject({ status: 'cancelled', userId: null, anonymised: true });
    expect(await SeatModel.countDocuments({ poolId: `slot:${slotId}` })).toBe(0);
    // And its token stopped working as soon as the deletion began.
    expect((await request(w.app).get('/api/me').set(citizen.auth)).status).toBe(401);
  });
});
