import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startFerretDb, type EmbeddedFerretDb } from '../src/db/ferretdb';
import type { RunningServer } from '../src/server';
import { addDays, toDateString } from '../src/lib/time';
import { buildNews, buildService, buildSlot } from './factories';
import { memoryLogger, testConfig } from './setup/harness';
import { call, healthStatus, loginAt, startTestServer, waitUntil } from './setup/recovery';

const DOWN = { error: { code: 'DB_UNAVAILABLE', message: '系统正在维护，请稍后再试' } };

/**
 * With MONGODB_URI the server does not own the database: recovery rests on the driver reconnecting
 * to the same address. This file runs its own FerretDB so it can stop it and start it again.
 */
describe('with MONGODB_URI, when the database goes away and comes back', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jk-dbdown-'));
  const bin = testConfig().ferretdbBin;
  const { logger } = memoryLogger();
  let port: number;
  let fdb: EmbeddedFerretDb | undefined;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    port = await freePort();
    fdb = await startFerretDb({ bin, dataDir, port });
    server = await startTestServer({ MONGODB_URI: `${fdb.uri}dbdown`, DATA_DIR: dataDir }, logger);
  });
  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    await fdb?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers health 503 and cached reads from memory meanwhile, then reconnects by itself and writes work', async () => {
    const api = server!.url;
    const article = await buildNews({ title: '开发区政务服务大厅延时服务', publishedAt: new Date() });
    const { serviceId, siteId } = await buildService();
    const slotId = await buildSlot(serviceId, siteId, { date: addDays(toDateString(new Date()), 1), capacity: 5 });

    expect(await call(`${api}/api/health`)).toEqual({ status: 200, body: { ok: true, db: 'up' } });
    const news = await call(`${api}/api/news`);
    expect(news.status).toBe(200);
    expect(news.body.items.map((i: { id: string }) => i.id)).toContain(article.id);
    const read = await call(`${api}/api/news/${article.id}`);
    expect(read.status).toBe(200);
    const services = await call(`${api}/api/services`);
    const detail = await call(`${api}/api/services/${serviceId}`);
    expect([services.status, detail.status]).toEqual([200, 200]);

    await fdb!.stop();
    expect(await call(`${api}/api/health`)).toEqual({ status: 503, body: { ok: false, db: 'down' } });
    // What this instance holds in memory keeps answering, the same bytes as before.
    expect(await call(`${api}/api/news`)).toEqual(news);
    expect(await call(`${api}/api/news/${article.id}`)).toEqual(read);
    expect(await call(`${api}/api/services`)).toEqual(services);
    expect(await call(`${api}/api/services/${serviceId}`)).toEqual(detail);
    // A miss is a 503, never a 500: these were never read, or always need the database.
    expect(await call(`${api}/api/news/latest`)).toEqual({ status: 503, body: DOWN });
    expect(await call(`${api}/api/news?category=policy`)).toEqual({ status: 503, body: DOWN });
    expect(await call(`${api}/api/news/${'a'.repeat(24)}`)).toEqual({ status: 503, body: DOWN });
    expect(await call(`${api}/api/services/${'b'.repeat(24)}`)).toEqual({ status: 503, body: DOWN });
    expect(await call(`${api}/api/services/${serviceId}/slots`)).toEqual({ status: 503, body: DOWN });
    expect(await call(`${api}/api/events`)).toEqual({ status: 503, body: DOWN });
    expect(await call(`${api}/api/bookings`, { method: 'POST', body: { slotId, form: { name: '市民' } } })).toEqual({
      status: 503,
      body: DOWN,
    });

    fdb = await startFerretDb({ bin, dataDir, port });
    const back = await waitUntil(
      () => healthStatus(server!),
      (s) => s === 200,
      10_000,
    );
    expect(back.ok).toBe(true);
    expect(back.ms).toBeLessThan(6_000);

    const citizen = await loginAt(server!, 'dbdown-citizen');
    const booked = await call(`${api}/api/bookings`, { method: 'POST', headers: citizen.auth, body: { slotId, form: { name: '市民' } } });
    expect(booked.status).toBe(201);
    const slots = await call(`${api}/api/services/${serviceId}/slots?from=${addDays(toDateString(new Date()), 1)}`);
    expect(slots.body.items[0]).toMatchObject({ id: slotId, capacity: 5, remaining: 4 });
    expect((await call(`${api}/api/news/latest`)).status).toBe(200);
  });
});
