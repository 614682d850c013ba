import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArticleText, readSeedArticleText } from '../src/seed/article';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
/** The bundle's launcher, as production starts it (scripts/lib/build-server.ts writes it). */
const DIST_RUN = path.join(ROOT, 'server/dist/jingkai-api');

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

/**
 * The two ways the server runs: TypeScript through tsx (`npm start`, development) and the bundle
 * production runs (`npm run build:server`, then `server/dist/jingkai-api`), on the Node running
 * the tests (the launcher is given it as $NODE). The bundle is started from another working directory, as a service manager may.
 */
const WAYS = {
  tsx: { cmd: TSX, args: ['server/src/main.ts'], cwd: ROOT },
  compiled: { cmd: DIST_RUN, args: [], cwd: os.tmpdir() },
};
type Way = keyof typeof WAYS;

function run(way: Way, env: NodeJS.ProcessEnv) {
  const { cmd, args, cwd } = WAYS[way];
  const child = spawn(cmd, args, { cwd, env: { ...process.env, NODE: process.execPath, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = async (re: RegExp, ms = 60_000) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const m = re.exec(out);
      if (m) return m;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${re}; output:\n${out}`);
  };
  return { child, exited, waitFor, output: () => out };
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

beforeAll(() => {
  // A fresh bundle from today's sources, built by the same script as `npm run build:server`.
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build-server.ts'], {
    cwd: ROOT,
    stdio: 'pipe',
  });
});

describe.each(Object.keys(WAYS) as Way[])('the server process (%s)', (way) => {
  it('starts FerretDB, serves, and on SIGTERM stops serving, closes the database and stops FerretDB', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jk-life-'));
    const p = run(way, { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '0', MONGODB_URI: '' });
    const fdbPort = Number((await p.waitFor(/"port":(\d+),"dataDir"/))[1]);
    const apiUrl = (await p.waitFor(/API and H5 preview on (http:\/\/127\.0\.0\.1:\d+)\//))[1];
    const health = await fetch(`${apiUrl}/api/health`);
    expect(await health.json()).toEqual({ ok: true, db: 'up' });
    expect(fs.existsSync(path.join(dataDir, 'ferretdb/sqlite'))).toBe(true);
    // The first start mirrors the stand-in's articles, the seed article among them: read from the
    // repository whether the code runs from server/src or server/dist.
    const news = (await (await fetch(`${apiUrl}/api/news?pageSize=50`)).json()) as { items: { title: string }[] };
    expect(news.items.map((a) => a.title)).toContain(parseArticleText(readSeedArticleText()).title);
    // A 10 KB Chinese search is a ~90 KB URL, refused by Node's parser: still in the error envelope.
    const huge = await fetch(`${apiUrl}/api/news?q=${encodeURIComponent('字'.repeat(10 * 1024))}`);
    expect(huge.status).toBe(431);
    expect(await huge.json()).toEqual({ error: { code: 'REQUEST_TOO_LARGE', message: '请求内容太长了，请缩短后再试' } });

    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain('"msg":"stopped"');
    expect(await listening(fdbPort)).toBe(false);
    await expect(fetch(`${apiUrl}/api/health`)).rejects.toThrow();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start on a bad configuration, naming the variable', async () => {
    const p = run(way, { PORT: 'eighty' });
    expect(await p.exited).toBe(2);
    expect(p.output()).toMatch(/Invalid configuration:\n\s+PORT:/);
  });
});
