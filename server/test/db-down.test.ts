import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { connectDb, disconnectDb } from '../src/db';
import { freePort, startFerretDb, type EmbeddedFerretDb } from '../src/db/ferretdb';
import { testApp, testConfig } from './setup/harness';

/** This file runs its own FerretDB so it can stop and restart it. */
describe('when the database goes away and comes back', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jk-dbdown-'));
  const bin = testConfig().ferretdbBin;
  let port: number;
  let fdb: EmbeddedFerretDb;
  const app = testApp().callback();

  beforeAll(async () => {
    port = await freePort();
    fdb = await startFerretDb({ bin, dataDir, port });
    await connectDb(fdb.uri, 'dbdown');
  });
  afterAll(async () => {
    await disconnectDb();
    await fdb.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 on health and DB_UNAVAILABLE elsewhere, then recovers by itself', async () => {
    expect((await request(app).get('/api/health')).status).toBe(200);
    expect((await request(app).get('/api/news')).status).toBe(200);

    await fdb.stop();
    const health = await request(app).get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ ok: false, db: 'down' });
    const news = await request(app).get('/api/news');
    expect(news.status).toBe(503);
    expect(news.body).toEqual({ error: { code: 'DB_UNAVAILABLE', message: '系统正在维护，请稍后再试' } });

    fdb = await startFerretDb({ bin, dataDir, port });
    const deadline = Date.now() + 20_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await request(app).get('/api/news')).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    expect((await request(app).get('/api/health')).body).toEqual({ ok: true, db: 'up' });
  });
});
