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
  // `BENCH_API_FLAGS` adds Node flags to each API child, to look inside a run: `--cpu-prof --cpu-prof-dir=/tmp/p`
  // (a CPU profile when it stops) or `--heapsnapshot-near-heap-limit=1` (a heap snapshot before it runs out).
  const extra = (process.env.BENCH_API_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(node, ['--expose-gc', ...extra, '--require', probe, ...entry], {
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
  const startedKids = childPids(child.pid!);
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
      // Its embedded FerretDB, should the API not stop it (killed mid-shutdown, or dead already, out of
      // memory): no orphan left burning a core. Known since the API was ready, as a dead API has no children.
      const kids = [...new Set([...startedKids, ...childPids(child.pid!)])];
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
  if (!fs.existsSync(dir)) return [];
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

/** CPU seconds the processes still running among `pids` have used together. */
const cpuOf = (pids: number[]) => pids.reduce((sum, p) => sum + (fs.existsSync(`/proc/${p}/stat`) ? cpuSeconds(p) : 0), 0);

/** CPU seconds a process has used (user + system, Linux /proc). */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Waits until the API and its FerretDB have gone quiet (under 5 % of a core on average over the last
 * `quietSeconds`), so that a row starts on an idle stack and not on the queue the row before left (a
 * festival's notices in the outbox, a waitlist to promote). The default window spans one outbox tick
 * (15 s) and a second: the tick's own look at what is due stays under the line, a drain does not.
 * Answers how many seconds it waited; gives up after `maxSeconds`.
 */
export async function settle(api: ApiChild, quietSeconds = 16, maxSeconds = 180): Promise<number> {
  const pids = [api.pid, ...childPids(api.pid)];
  const used = () => cpuOf(pids);
  const started = performance.now();
  const samples = [used()];
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    samples.push(used());
    const waited = (performance.now() - started) / 1000;
    if (samples.length > quietSeconds && samples.at(-1)! - samples.at(-1 - quietSeconds)! < 0.05 * quietSeconds) return waited;
    if (waited >= maxSeconds) return waited;
  }
}

/** Starts counting the CPU seconds of the API and of its FerretDB; the answer reads them since then. */
export function cpuMeter(api: ApiChild): () => { api: number; db: number } {
  const dbPids = childPids(api.pid);
  const read = () => ({ api: cpuSeconds(api.pid), db: cpuOf(dbPids) });
  const start = read();
  return () => {
    const now = read();
    return { api: now.api - start.api, db: now.db - start.db };
  };
}

/**
 * The bare Koa route (bare-koa.ts) as its own process on `node`, with the API's flags and malloc
 * settings, so both servers of a ratio run alike. Answers its URL and how to stop it.
 */
export async function startBareChild(node = productionNode()): Promise<{ url: string; stop(): Promise<void> }> {
  const entry = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jk-bare-')), 'bare-koa.js');
  buildSync({
    entryPoints: [path.join(__dirname, 'bare-koa.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
    nodePaths: [path.join(ROOT, 'node_modules')],
  });
  const port = await freePort();
  const child = spawn(node, [...API_NODE_FLAGS, entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...API_NODE_ENV, NODE_ENV: 'production', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the bare Koa route exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
