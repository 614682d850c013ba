import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import request from 'supertest';
import { BookingModel } from '../src/modules/bookings/model';
import { LeaseModel } from '../src/modules/lease/model';
import { OutboxModel } from '../src/modules/outbox/model';
import { OUTBOX_LEASE } from '../src/modules/outbox/send';
import { addDays, toDateString } from '../src/lib/time';
import { buildService, buildSlot } from './factories';
import { clearDb, testConfig, useStandin, useTestDb } from './setup/harness';

/**
 * Two API processes on one database, as production runs several instances on one replica set: each
 * is the compiled bundle, given the test database's MONGODB_URI. What one instance does, the other
 * must see, and what only one may do happens once. These processes run on the wall clock (it cannot
 * be injected into another process), so every date here counts from today's real date.
 */
const ROOT = path.resolve(__dirname, '../..');
const DIST_RUN = path.join(ROOT, 'server/dist/jingkai-api');

useTestDb(__filename);
const standin = useStandin();
beforeEach(clearDb);

interface Instance {
  url: string;
  child: ChildProcess;
}
const running: Instance[] = [];

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build-server.ts'], {
    cwd: ROOT,
    stdio: 'pipe',
  });
});
afterEach(async () => {
  await Promise.all(running.splice(0).map(stop));
});

async function start(extra: NodeJS.ProcessEnv = {}): Promise<Instance> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jk-two-'));
  const child = spawn(DIST_RUN, [], {
    cwd: os.tmpdir(),
    env: {
      ...process.env,
      NODE: process.execPath,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MONGODB_URI: `${process.env.TEST_MONGODB_URI}${mongoose.connection.name}`,
      SEED_DEMO: '0',
      WECHAT_API_BASE: standin.current.url,
      OUTBOX_INTERVAL_SECONDS: '1',
      NEWS_SYNC_MINUTES: '0',
      BOOTSTRAP_ADMIN_OPENIDS: 'dev_boss',
      WRITE_LIMIT_PER_MINUTE: '10000',
      LOGIN_LIMIT_PER_MINUTE: '10000',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = /API and H5 preview on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
    if (m) {
      const instance = { url: m[1]!, child };
      running.push(instance);
      return instance;
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the API did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stop(i: Instance): Promise<void> {
  if (i.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    i.child.once('exit', () => resolve());
    i.child.kill('SIGTERM');
  });
}

let codes = 0;
async function login(i: Instance, who: string): Promise<{ auth: { Authorization: string }; openid: string }> {
  const res = await request(i.url)
    .post('/api/auth/login')
    .send({ code: `${who}~${++codes}` });
  expect(res.status).toBe(200);
  return { auth: { Authorization: `Bearer ${res.body.token}` }, openid: `dev_${who}` };
}

const day = addDays(toDateString(new Date()), 2);
const FORM = [{ name: 'name', label: '姓名', type: 'text', required: true }] as never;
const remainingOn = async (i: Instance, serviceId: string) =>
  (await request(i.url).get(`/api/services/${serviceId}/slots?from=${day}&to=${day}`)).body.items[0].remaining as number;

/** 40 citizens, alternately on each instance, press 预约 at once for a slot of 10: how many got one. */
async function rush(a: Instance, b: Instance): Promise<{ booked: number; full: number; rows: number; serviceId: string }> {
  const { serviceId, siteId } = await buildService({ form: FORM });
  const slotId = await buildSlot(serviceId, siteId, { date: day, capacity: 10 });
  const via = (n: number) => (n % 2 ? b : a);
  const citizens = await Promise.all(Array.from({ length: 40 }, (_, n) => login(via(n), `rush${n}`)));
  const statuses = await Promise.all(
    citizens.map((c, n) =>
      request(via(n).url)
        .post('/api/bookings')
        .set(c.auth)
        .send({ slotId, form: { name: '市民' } })
        .then((r) => r.status),
    ),
  );
  return {
    booked: statuses.filter((s) => s === 201).length,
    full: statuses.filter((s) => s === 409).length,
    rows: await BookingModel.countDocuments({ slotId, status: 'confirmed' }),
    serviceId,
  };
}

describe('two API processes on one database', () => {
  it('a rush split across both is exact, and both slot lists say none left (control: the naive claim oversells)', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const exact = await rush(a, b);
    expect(exact).toMatchObject({ booked: 10, full: 30, rows: 10 });
    await new Promise((r) => setTimeout(r, 1000));
    expect([await remainingOn(a, exact.serviceId), await remainingOn(b, exact.serviceId)]).toEqual([0, 0]);
    await Promise.all(running.splice(0).map(stop));

    // The same rush on two processes that count and then write: the test sees the oversell.
    const [c, d] = await Promise.all([start({ TEST_UNGUARDED_CAPACITY: '1' }), start({ TEST_UNGUARDED_CAPACITY: '1' })]);
    let oversold = false;
    for (let i = 0; i < 5 && !oversold; i++) oversold = (await rush(c, d)).rows > 10;
    expect(oversold).toBe(true);
  });

  it('a cancellation on one shows on the other within 1 s; a notice published on one is listed by the other within 2 s', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const { serviceId, siteId } = await buildService({ form: FORM });
    const slotId = await buildSlot(serviceId, siteId, { date: day, capacity: 3 });
    expect(await remainingOn(b, serviceId)).toBe(3);
    const citizen = await login(a, 'canceller');
    const booked = await request(a.url)
      .post('/api/bookings')
      .set(citizen.auth)
      .send({ slotId, form: { name: '市民' } });
    expect(booked.status).toBe(201);
    expect(await remainingOn(a, serviceId)).toBe(2);
    await seenWithin(1000, async () => (await remainingOn(b, serviceId)) === 2);
    expect((await request(a.url).post(`/api/bookings/${booked.body.id}/cancel`).set(citizen.auth).send({})).status).toBe(200);
    expect(await remainingOn(a, serviceId)).toBe(3);
    await seenWithin(1000, async () => (await remainingOn(b, serviceId)) === 3);

    const boss = await login(a, 'boss');
    const title = '两个实例之间的通知';
    const notice = await request(a.url)
      .post('/api/staff/news')
      .set(boss.auth)
      .send({ title, category: 'livelihood', text: '这是一条在一个实例上发布、在另一个实例上列出的通知。' });
    expect(notice.status).toBe(201);
    await seenWithin(2000, async () => {
      const list = await request(b.url).get('/api/news?pageSize=50');
      return list.body.items.some((n: { title: string }) => n.title === title);
    });
  });

  it('the outbox runs on one instance at a time, by its lease: every message sent once', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const { serviceId, siteId } = await buildService({ form: FORM });
    const slotId = await buildSlot(serviceId, siteId, { date: day, capacity: 20 });
    const template = testConfig().subscribeTemplates.bookingConfirmed;
    for (let n = 0; n < 12; n++) {
      const via = n % 2 ? b : a;
      const c = await login(via, `notified${n}`);
      await request(standin.current.url).post('/__standin/subscribe').send({ openid: c.openid, templateId: template });
      expect(
        (
          await request(via.url)
            .post('/api/bookings')
            .set(c.auth)
            .send({ slotId, form: { name: '市民' } })
        ).status,
      ).toBe(201);
    }
    const confirmations = () => standin.current.state.sent.filter((m) => m.template_id === template && m.touser.startsWith('dev_notified'));
    await seenWithin(15_000, async () => confirmations().length >= 12);
    // Both instances tick every second: a few more ticks, and nothing is sent twice.
    await new Promise((r) => setTimeout(r, 3000));
    const perCitizen = new Map<string, number>();
    for (const m of confirmations()) perCitizen.set(m.touser, (perCitizen.get(m.touser) ?? 0) + 1);
    expect(perCitizen.size).toBe(12);
    expect([...perCitizen.values()].every((n) => n === 1)).toBe(true);
    expect(await OutboxModel.countDocuments({ kind: 'booking.confirmed', status: 'sent' })).toBe(12);
    expect(await LeaseModel.countDocuments({ name: OUTBOX_LEASE })).toBeLessThanOrEqual(1);
  });
});

/** Asks `check` until it holds; fails when it does not within `ms`. */
async function seenWithin(ms: number, check: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not seen within ${ms} ms`);
}
