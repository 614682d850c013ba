import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { API_NODE_ENV, API_NODE_FLAGS, buildServer, DIST_MAIN, ROOT } from './build-server';
import type { HeapReport } from './memory-probe';

export type ApiWay = 'compiled' | 'tsx';

export interface ApiChild {
  url: string;
  pid: number;
  node: string;
  /** Heap left after a full garbage collection in the child. */
  heap(): Promise<HeapReport>;
  /** SIGTERM, as a service manager stops it; answers the exit code. */
  stop(): Promise<number | null>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });

/** Node 24 LTS from .tools (what production runs) when setup installed it, else the Node running this. */
export function productionNode(): string {
  const node24 = path.join(ROOT, '.tools/node24/bin/node');
  return fs.existsSync(node24) ? node24 : process.execPath;
}

/**
 * The API as its own process, as production runs it: the fresh bundle (`compiled`) or the sources
 * through tsx, with the bench's memory probe loaded beside it.
 */
export async function startApiChild(way: ApiWay, env: Record<string, string>, node = productionNode()): Promise<ApiChild> {
  if (way === 'compiled') await buildServer();
  const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jk-probe-')), 'memory-probe.js');
  buildSync({
    entryPoints: [path.join(__dirname, 'memory-probe.ts')],
    outfile: probe,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
  const port = await freePort();
  const entry = way === 'compiled' ? [...API_NODE_FLAGS, DIST_MAIN] : ['--import', 'tsx', 'server/src/main.ts'];
  const child = spawn(node, ['--expose-gc', '--require', probe, ...entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...(way === 'compiled' ? API_NODE_ENV : {}), ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  let stopping = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      // Died on its own (out of memory, a crash): say so, with what it last wrote.
      if (!stopping) console.error(`\n[bench] the API died (${code ?? signal}); its last output:\n${stderr}`);
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode} before answering:\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`the API did not answer /api/health in 180 s:\n${stderr}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    node,
    heap: () =>
      new Promise<HeapReport>((resolve) => {
        child.once('message', (m) => resolve(m as HeapReport));
        child.send('heap');
      }),
    async stop() {
      stopping = true;
      // Its embedded FerretDB, should the API not stop it (killed mid-shutdown): no orphan left burning a core.
      const kids = childPids(child.pid!);
      child.kill('SIGTERM');
      const code = await exited;
      for (const pid of kids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone already: the API stopped it
        }
      }
      return code;
    },
  };
}

const MiB = 1024 * 1024;

/** A process's resident memory now, in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The direct children of a process (the API's embedded FerretDB). */
export function childPids(pid: number): number[] {
  const dir = `/proc/${pid}/task`;
  return fs.readdirSync(dir).flatMap((t) =>
    fs
      .readFileSync(path.join(dir, t, 'children'), 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number),
  );
}

/** Samples a process's RSS every 100 ms; `peak()` is the highest since the last `reset()`. */
export class RssSampler {
  private max = 0;
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
  }
  sample(): number {
    const now = rssMiB(this.pid);
    if (now > this.max) this.max = now;
    return now;
  }
  reset(): void {
    this.max = this.sample();
  }
  peak(): number {
    this.sample();
    return this.max;
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

export const toMiB = (bytes: number) => bytes / MiB;
