import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface EmbeddedFerretDb {
  uri: string;
  port: number;
  /** Stops the child process; resolves once it has exited. */
  stop(): Promise<void>;
  readonly process: ChildProcess;
}

export interface StartOptions {
  bin: string;
  dataDir: string;
  /** 0 or unset: a free loopback port. */
  port?: number;
  /** Receives FerretDB's own log lines (already JSON). */
  onLog?: (line: string) => void;
  timeoutMs?: number;
}

/** Asks the kernel for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

/**
 * Starts FerretDB v1 on SQLite as a child process on a loopback port, its files under
 * `<dataDir>/ferretdb`, telemetry and the debug HTTP listener off (so several stacks can run
 * side by side). Resolves when the port accepts connections.
 */
export async function startFerretDb(opts: StartOptions): Promise<EmbeddedFerretDb> {
  if (!fs.existsSync(opts.bin)) {
    throw new Error(`FerretDB is not installed at ${opts.bin}. Run "npm run ferretdb:install" (needs Go), or set MONGODB_URI.`);
  }
  const dir = path.join(opts.dataDir, 'ferretdb');
  fs.mkdirSync(path.join(dir, 'sqlite'), { recursive: true });
  const port = opts.port || (await freePort());
  const child = spawn(
    opts.bin,
    [
      '--handler=sqlite',
      // WAL is FerretDB's default; synchronous=NORMAL drops an fsync per commit (still safe under WAL
      // against a process crash). This is the development and test database; production is MongoDB.
      `--sqlite-url=file:${path.join(dir, 'sqlite')}/?_pragma=synchronous(normal)`,
      `--state-dir=${dir}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=error',
      '--log-format=json',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let exited: number | null | undefined;
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );
  const forward = (buf: Buffer) => {
    for (const line of buf.toString('utf8').split('\n')) if (line.trim()) opts.onLog?.(line);
  };
  // A parent that dies must not leave the database running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);

  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  while (!(await canConnect(port))) {
    if (exited !== undefined) throw new Error(`FerretDB exited with code ${exited} before accepting connections`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`FerretDB did not listen on 127.0.0.1:${port} in time`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    process: child,
    async stop() {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}

/** How a supervised FerretDB is restarted: 0.2 s, doubling up to 5 s, from 0.2 s again after a healthy minute. */
export interface RestartPolicy {
  initialMs: number;
  maxMs: number;
  /** A child that stayed up this long counts as healthy: its next restart starts the backoff afresh. */
  healthyMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialMs: 200, maxMs: 5_000, healthyMs: 60_000 };

/** The wait before the next start, from the previous wait (0 for none yet) and how long the child ran. */
export function nextRestartDelay(previousMs: number, uptimeMs: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY): number {
  if (previousMs <= 0 || uptimeMs >= policy.healthyMs) return policy.initialMs;
  return Math.min(previousMs * 2, policy.maxMs);
}

export interface SupervisedFerretDb {
  uri: string;
  port: number;
  /** The running child's pid; undefined while it is away. */
  readonly pid: number | undefined;
  /** How many times it has been started again. */
  readonly restarts: number;
  /** Stops supervising and the child; no restart follows. */
  stop(): Promise<void>;
}

export interface SuperviseOptions extends StartOptions {
  policy?: Partial<RestartPolicy>;
  /** A monotonic clock in ms, for the uptime that resets the backoff. */
  now?: () => number;
  onExit?: (e: { code: number | null; signal: NodeJS.Signals | null; uptimeMs: number; nextDelayMs: number }) => void;
  onRestart?: (e: { restarts: number; delayMs: number }) => void;
  onRestartFailed?: (e: { error: string; delayMs: number; nextDelayMs: number }) => void;
}

/**
 * Starts FerretDB and keeps it running: an unexpected exit starts it again, with backoff, on the same
 * port and files, so the driver (which retries the same address) reconnects by itself. Only `stop()`
 * ends it for good.
 */
export async function superviseFerretDb(opts: SuperviseOptions): Promise<SupervisedFerretDb> {
  const policy = { ...DEFAULT_RESTART_POLICY, ...opts.policy };
  const now = opts.now ?? (() => performance.now());
  const port = opts.port || (await freePort());
  const startOpts: StartOptions = { bin: opts.bin, dataDir: opts.dataDir, port, onLog: opts.onLog, timeoutMs: opts.timeoutMs };
  let current: EmbeddedFerretDb | undefined;
  let startedAt = 0;
  let delay = 0;
  let restarts = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let starting: Promise<void> | undefined;

  const adopt = (db: EmbeddedFerretDb) => {
    current = db;
    startedAt = now();
    db.process.once('exit', (code, signal) => {
      if (current !== db) return;
      current = undefined;
      if (stopping) return;
      const uptimeMs = now() - startedAt;
      delay = nextRestartDelay(delay, uptimeMs, policy);
      opts.onExit?.({ code, signal, uptimeMs, nextDelayMs: delay });
      schedule();
    });
  };
  const schedule = () => {
    timer = setTimeout(() => {
      timer = undefined;
      starting = restart().finally(() => (starting = undefined));
    }, delay);
    timer.unref();
  };
  const restart = async () => {
    try {
      const db = await startFerretDb(startOpts);
      if (stopping) return void (await db.stop());
      restarts++;
      adopt(db);
      opts.onRestart?.({ restarts, delayMs: delay });
    } catch (e) {
      if (stopping) return;
      const failedDelay = delay;
      delay = nextRestartDelay(delay, 0, policy);
      opts.onRestartFailed?.({ error: (e as Error).message, delayMs: failedDelay, nextDelayMs: delay });
      schedule();
    }
  };

  adopt(await startFerretDb(startOpts));
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    get pid() {
      return current?.process.pid;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await starting;
      await current?.stop();
    },
  };
}
