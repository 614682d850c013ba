import request from 'supertest';
import { claim, claimOwn, countsHere, release, remaining, SeatCounts, sessionPool, VERSION_POLL_MS } from '../src/modules/capacity';
import { seatVersion } from '../src/modules/capacity/repo';
import { buildService, buildSlot } from './factories';
import { clearDb, login, testApp, testDay, useStandin, useTestDb } from './setup/harness';

/**
 * `remaining` in the slot list and the event detail comes from each instance's memory. Two apps on
 * one database stand for two API instances: each has its own `SeatCounts`.
 */
useTestDb(__filename);
const standin = useStandin();
const env = () => ({ WECHAT_API_BASE: standin.current.url, WRITE_LIMIT_PER_MINUTE: '1000', LOGIN_LIMIT_PER_MINUTE: '1000' });
beforeEach(clearDb);

const FORM = [
  { name: 'name', label: '姓名', type: 'text', required: true },
  { name: 'phone', label: '手机号', type: 'phone', required: true },
] as const;

type App = ReturnType<ReturnType<typeof testApp>['callback']>;

async function slotSetup() {
  const { serviceId, siteId } = await buildService({ form: FORM as never });
  const slotId = await buildSlot(serviceId, siteId, { date: testDay(1), capacity: 3 });
  return { serviceId, slotId };
}

async function remainingOn(app: App, serviceId: string): Promise<{ remaining: number; asOf: string }> {
  const res = await request(app).get(`/api/services/${serviceId}/slots?from=${testDay(1)}&to=${testDay(1)}`);
  expect(res.status).toBe(200);
  return { remaining: res.body.items[0].remaining, asOf: res.body.asOf };
}

/** Asks until the answer is `want`, for at most `ms`; returns how long it took (or null). */
async function seenWithin(app: App, serviceId: string, want: number, ms: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if ((await remainingOn(app, serviceId)).remaining === want) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 20));
  }
  return null;
}

/** One citizen books the slot through this instance. */
async function bookOn(app: ReturnType<ReturnType<typeof testApp>['callback']>, slotId: string) {
  const { auth } = await login(app);
  const booked = await request(app)
    .post('/api/bookings')
    .set(auth)
    .send({ slotId, form: { name: '市民', phone: '13900000001' } });
  expect(booked.status).toBe(201);
  return { auth, booked };
}

describe('two instances on one database', () => {
  it('a booking and a cancellation on one are counted by the other within 1 s, and at once by the one that made them', async () => {
    const a = testApp(env()).callback();
    const b = testApp(env()).callback();
    const { serviceId, slotId } = await slotSetup();
    expect((await remainingOn(b, serviceId)).remaining).toBe(3);
    const { auth, booked } = await bookOn(a, slotId);
    // The instance that made the change counts it at once.
    expect((await remainingOn(a, serviceId)).remaining).toBe(2);
    expect(await seenWithin(b, serviceId, 2, 1_000)).not.toBeNull();
    const seen = await remainingOn(b, serviceId);
    // asOf is written to the second (toIso), so it may read up to a second older than the check it names.
    expect(Date.parse(seen.asOf)).toBeGreaterThan(Date.now() - 2_000);

    expect((await request(a).post(`/api/bookings/${booked.body.id}/cancel`).set(auth).send({})).status).toBe(200);
    expect((await remainingOn(a, serviceId)).remaining).toBe(3);
    expect(await seenWithin(b, serviceId, 3, 1_000)).not.toBeNull();
  });

  it('negative control: without asking the shared version, the other instance keeps the old count (the test above can fail)', async () => {
    const a = testApp(env()).callback();
    const deaf = new SeatCounts();
    deaf.polling = false;
    const b = testApp(env(), undefined, { seatCounts: deaf }).callback();
    const { serviceId, slotId } = await slotSetup();
    expect((await remainingOn(b, serviceId)).remaining).toBe(3);
    await bookOn(a, slotId);
    expect((await remainingOn(a, serviceId)).remaining).toBe(2);
    expect(await seenWithin(b, serviceId, 2, 1_200)).toBeNull();
  });
});

describe('what a change tells the others', () => {
  it('a place in a listed pool changes the shared seat version and this instance’s counts; one in a person’s daily limit changes neither', async () => {
    const counts = new SeatCounts();
    const before = { version: await seatVersion(), generation: counts.version };
    expect(await claimOwn('limit:svc:2026-12-07:user:1', 2, 'booking-1', 'booking-1')).toBe('ok');
    expect({ version: await seatVersion(), generation: counts.version }).toEqual(before);
    expect(await claim(sessionPool('s1'), 5, 'person-1', 'reg-1')).toBe('ok');
    expect(await seatVersion()).not.toBe(before.version);
    expect(counts.version).toBeGreaterThan(before.generation);
  });
});

describe('memory against a full recount', () => {
  it('after a random mix of claims and releases on two instances, both count what the seat rows say', async () => {
    const instances = [new SeatCounts(), new SeatCounts()];
    const pools = Array.from({ length: 4 }, (_, i) => ({ poolId: sessionPool(`mix-${i}-${Date.now()}`), capacity: 3 }));
    const held: { claimId: string; poolId: string }[] = [];
    // A seeded walk, so a failure can be replayed.
    let seed = 20261202;
    const rnd = (n: number) => (((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n) + n) % n;
    for (const c of instances) await c.available(pools);
    for (let step = 0; step < 80; step++) {
      const here = instances[rnd(2)]!;
      const pool = pools[rnd(pools.length)]!;
      let changed = pool.poolId;
      if (held.length && rnd(3) === 0) {
        const [gone] = held.splice(rnd(held.length), 1);
        await countsHere.run(here, () => release(gone!.claimId));
        changed = gone!.poolId;
      } else {
        const claimId = `mix-${step}`;
        if ((await countsHere.run(here, () => claim(pool.poolId, pool.capacity, `h-${step}`, claimId))) === 'ok')
          held.push({ claimId, poolId: pool.poolId });
      }
      // The instance that made the change counts its pool exactly at once.
      const exact = await remaining(pools);
      expect((await here.available(pools)).left.get(changed)).toBe(exact.get(changed));
    }
    await new Promise((r) => setTimeout(r, VERSION_POLL_MS + 50));
    const exact = await remaining(pools);
    for (const c of instances) expect((await c.available(pools)).left).toEqual(exact);
  });
});
