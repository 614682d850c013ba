import path from 'node:path';
import pino from 'pino';
import mongoose from 'mongoose';
import type Koa from 'koa';
import request from 'supertest';
import { startStandinFor, type RunningStandin } from '../../src/wechat/standin/server';
import type { StandinOptions } from '../../src/wechat/standin/app';
import type { Deps } from '../../src/deps';
import { createApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { connectDb, syncIndexes } from '../../src/db';
import type { Logger } from '../../src/logger';
import { addDays, toDateString } from '../../src/lib/time';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function runInstant(pinned = process.env.TEST_NOW): number {
  if (!pinned) return Date.now();
  const t = Date.parse(pinned);
  if (!ISO_INSTANT.test(pinned) || Number.isNaN(t)) {
    throw new Error(`TEST_NOW must be an ISO instant with its offset, e.g. 2027-12-31T10:00:00+08:00 (got ${JSON.stringify(pinned)})`);
  }
  return t;
}

const RUN_NOW = runInstant();

/**
 * The run's clock, which `testApp()` hands the app as `deps.now`. `TEST_NOW` pins it to a date
 * (scripts/test.sh runs the date-sensitive files on 31 Dec, 29 Feb, the eve of 国庆 and at 23:59);
 * unset, it is the real time when this test file started. It stands still, so "today" in a test is
 * the app's today even across midnight; a test that needs time to pass builds its own clock.
 */
export const testNow = (): Date => new Date(RUN_NOW);

/** Today in Asia/Shanghai on the run's clock, `YYYY-MM-DD`. */
export const testToday = (): string => toDateString(testNow());

/** `n` days from `testToday()` (1 = tomorrow). */
export const testDay = (n: number): string => addDays(testToday(), n);

/** The test configuration: the contract's defaults, as tests see them. */
export function testConfig(overrides: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides });
}

/** A production configuration with every secret it requires set (test values only). */
export const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  MONGODB_URI: 'mongodb://db/jk?replicaSet=rs0',
  WECHAT_APPID: 'wx123',
  WECHAT_SECRET: 's',
  AUTH_TOKEN_SECRET: 'x'.repeat(40),
  DATA_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  DATA_HASH_KEY: Buffer.alloc(32, 9).toString('base64'),
  TICKET_SIGNING_KEYS: `t1:${Buffer.alloc(32, 5).toString('base64')}`,
} as const;

/** A logger that keeps its lines in memory, so tests can assert what is (not) logged. */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
  return { logger, lines };
}

/** The app on the test configuration and, unless `deps.now` says otherwise, the run's clock. */
export function testApp(overrides: NodeJS.ProcessEnv = {}, logger: Logger = pino({ level: 'silent' }), deps: Partial<Deps> = {}) {
  return createApp({ config: testConfig(overrides), logger, deps: { now: testNow, ...deps } });
}

/**
 * Connects this test file to a database of its own on the run's FerretDB, with every index built,
 * and drops it afterwards.
 */
export function useTestDb(file: string): void {
  const name = `t_${path.basename(file).replace(/\W+/g, '_').slice(0, 30)}_${process.pid}`;
  beforeAll(async () => {
    const uri = process.env.TEST_MONGODB_URI;
    if (!uri) throw new Error('TEST_MONGODB_URI is not set: the server jest project starts FerretDB in its globalSetup');
    await connectDb(uri, name);
    await mongoose.connection.dropDatabase();
    await syncIndexes();
  });
  afterAll(async () => {
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
  });
}

/** Empties every collection but keeps the indexes. */
export async function clearDb(): Promise<void> {
  const db = mongoose.connection.db!;
  for (const c of await db.listCollections().toArray()) await db.collection(c.name).deleteMany({});
}

/** A local WeChat stand-in for this test file, on a free port. */
export function useStandin(extra: Partial<StandinOptions> = {}): { current: RunningStandin } {
  const ref = {} as { current: RunningStandin };
  beforeAll(async () => {
    ref.current = await startStandinFor(testConfig(), extra);
  });
  afterAll(async () => {
    await ref.current?.stop();
  });
  return ref;
}

let loginSeq = 0;

/**
 * Logs in as a person through the stand-in: each call is a fresh wx.login code (`who~N`) of the same
 * openid `dev_<who>`; without `who`, a new person.
 */
export async function login(app: ReturnType<Koa['callback']>, who = `p${Math.random().toString(36).slice(2)}`) {
  const res = await request(app)
    .post('/api/auth/login')
    .send({ code: `${who}~${++loginSeq}` });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    token: res.body.token as string,
    userId: res.body.user.id as string,
    openid: `dev_${who}`,
    auth: { Authorization: `Bearer ${res.body.token}` },
  };
}

/**
 * A staff member of 诉求办理 for these units, granted by the bootstrap admin (`dev_admin`) and logged
 * in again after the grant.
 */
export async function requestStaffOf(
  app: ReturnType<Koa['callback']>,
  units: string[],
  who = `s${Math.random().toString(36).slice(2, 8)}`,
) {
  const admin = await login(app, 'admin');
  const u = await login(app, who);
  const granted = await request(app)
    .post('/api/admin/roles')
    .set(admin.auth)
    .send({ userId: u.userId, role: 'staff', requestUnits: units });
  if (granted.status !== 200 || JSON.stringify(granted.body.staffScopes?.requestUnits) !== JSON.stringify(units))
    throw new Error(`grant failed: ${granted.status} ${JSON.stringify(granted.body)}`);
  return login(app, who);
}
