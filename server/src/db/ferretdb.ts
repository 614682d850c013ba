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
