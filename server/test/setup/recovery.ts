import type { Logger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';
import { testConfig } from './harness';

/** A parsed JSON body, as loosely typed as supertest's `res.body`. */
type Json = ReturnType<typeof JSON.parse>;

/** A JSON answer over real HTTP: these tests talk to a listening server, as a phone would. */
export async function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; body: Json }> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  let body: Json = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: res.status, body };
}

/** Polls `probe` every `stepMs` until `done` holds; returns the last value and how long it took. */
export async function waitUntil<T>(probe: () => Promise<T>, done: (v: T) => boolean, withinMs: number, stepMs = 100) {
  const t0 = Date.now();
  let value = await probe();
  while (!done(value) && Date.now() - t0 < withinMs) {
    await new Promise((r) => setTimeout(r, stepMs));
    value = await probe();
  }
  return { value, ms: Date.now() - t0, ok: done(value) };
}

/** The health status, or 0 when the server does not answer at all. */
export const healthStatus = (server: RunningServer) =>
  call(`${server.url}/api/health`).then(
    (r) => r.status,
    () => 0,
  );

/** The whole stack in this process on free ports, with limits high enough for one test's citizens. */
export function startTestServer(env: NodeJS.ProcessEnv, logger: Logger): Promise<RunningServer> {
  return startServer(
    testConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: '0',
      RATE_LIMIT_PER_IP_PER_MINUTE: '100000',
      LOGIN_LIMIT_PER_MINUTE: '1000',
      WRITE_LIMIT_PER_MINUTE: '1000',
      ...env,
    }),
    logger,
  );
}

/** Logs a new person in through the server's WeChat stand-in and returns their headers. */
export async function loginAt(server: RunningServer, who: string): Promise<{ userId: string; auth: Record<string, string> }> {
  const res = await call(`${server.url}/api/auth/login`, { method: 'POST', body: { code: `${who}~1` } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { userId: res.body.user.id, auth: { Authorization: `Bearer ${res.body.token}` } };
}
