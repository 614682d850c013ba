import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_RESTART_POLICY, nextRestartDelay } from '../src/db/ferretdb';
import type { RunningServer } from '../src/server';
import { memoryLogger } from './setup/harness';
import { call, healthStatus, loginAt, startTestServer, waitUntil } from './setup/recovery';

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

describe('the restart backoff', () => {
  it('starts at 0.2 s, doubles up to 5 s, and starts afresh after a healthy minute', () => {
    const waits: number[] = [];
    let d = 0;
    for (let i = 0; i < 8; i++) waits.push((d = nextRestartDelay(d, 1_000)));
    expect(waits).toEqual([200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
    expect(nextRestartDelay(5000, 59_999)).toBe(5000);
    expect(nextRestartDelay(5000, DEFAULT_RESTART_POLICY.healthyMs)).toBe(200);
  });
});

describe('the embedded FerretDB, supervised by the server', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jk-supervise-'));
  const { logger, lines } = memoryLogger();
  let server: RunningServer | undefined;

  beforeAll(async () => {
    server = await startTestServer({ DATA_DIR: dataDir, SEED_DEMO: '1' }, logger);
  });
  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('comes back by itself on the same port and files after a SIGKILL, and stays down after a graceful stop', async () => {
    const api = server!.url;
    const fdb = server!.ferretdb!;
    expect(await healthStatus(server!)).toBe(200);
    const services = await call(`${api}/api/services`);
    expect(services.status).toBe(200);
    expect(services.body.items.length).toBeGreaterThanOrEqual(4);
    const first = services.body.items[0];
    const slots = await call(`${api}/api/services/${first.id}/slots`);
    expect(slots.body.items.length).toBeGreaterThan(0);

    const citizen = await loginAt(server!, 'supervise-citizen');

    const pid = fdb.pid!;
    process.kill(pid, 'SIGKILL');
    const down = await waitUntil(
      () => healthStatus(server!),
      (s) => s === 503,
      5_000,
      20,
    );
    expect(down.value).toBe(503);
    expect(await call(`${api}/api/health`)).toEqual({ status: 503, body: { ok: false, db: 'down' } });
    // The services list keeps answering from memory while the database is away.
    expect(await call(`${api}/api/services`)).toEqual(services);

    const up = await waitUntil(
      () => healthStatus(server!),
      (s) => s === 200,
      30_000,
      100,
    );
    expect(up.value).toBe(200);
    expect(fdb.restarts).toBe(1);
    expect(fdb.pid).not.toBe(pid);
    // The same files: what was there is there, read from the database again.
    expect(await call(`${api}/api/services`)).toEqual(services);
    const again = await call(`${api}/api/services/${first.id}/slots`);
    expect(again.body.items.map((s: { id: string }) => s.id)).toEqual(slots.body.items.map((s: { id: string }) => s.id));
    const me = await call(`${api}/api/me`, { headers: citizen.auth });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(citizen.userId);

    const log = lines.map((l) => JSON.parse(l) as { msg: string; component?: string });
    expect(log.filter((l) => l.component === 'ferretdb').map((l) => l.msg)).toEqual([
      'embedded FerretDB exited; restarting it',
      'embedded FerretDB restarted',
    ]);

    // The negative control: a graceful stop is not a crash, so nothing starts it again.
    const port = fdb.port;
    await server!.stop();
    server = undefined;
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await listening(port)).toBe(false);
    expect(fdb.restarts).toBe(1);
    expect(fdb.pid).toBeUndefined();
  });
});
