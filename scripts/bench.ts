/**
 * `npm run bench`: throughput and latency on loopback, printed as ratios to a bare Koa route measured
 * in the same run, and the booking rush (300 citizens for 30 seats). Uses a fresh embedded database
 * and the local WeChat stand-in; touches nothing else. The API runs as its own process, as in
 * production: the compiled bundle on Node 24 LTS (`BENCH_API=tsx` runs the sources through tsx,
 * `BENCH_NODE=<path>` another Node), and its memory is measured from outside (bench-memory.ts).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Koa from 'koa';
import { addDays, toDateString } from '../server/src/lib/time';
import { checkinRow, eventDetailRow, festivalRush, nameOf, SKIP_EVENTS } from './bench-events';
import { ferretRss, idleRow, peakRow, printMemoryRows, soak, type MemoryRow } from './bench-memory';
import { productionNode, RssSampler, rssMiB, startApiChild, type ApiWay } from './lib/api-child';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
/** `BENCH_SKIP_RUSH=1` skips the booking rush (`BENCH_SKIP_EVENTS=1` the 活动 rows, see bench-events.ts). */
const SKIP_RUSH = process.env.BENCH_SKIP_RUSH === '1';
const CONNECTIONS = 50;
const WAY: ApiWay = process.env.BENCH_API === 'tsx' ? 'tsx' : 'compiled';

/** Each route is warmed up (JIT, caches) for two seconds before its measured run. */
async function run(url: string, title: string, opts: Partial<autocannon.Options> = {}): Promise<autocannon.Result> {
  await new Promise((resolve, reject) =>
    autocannon({ url, connections: CONNECTIONS, duration: 2, ...opts }, (err, res) => (err ? reject(err) : resolve(res))),
  );
  return measure(url, title, opts);
}

function measure(url: string, title: string, opts: Partial<autocannon.Options>): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const inst = autocannon({ url, connections: CONNECTIONS, duration: DURATION, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    let seconds = 0;
    inst.on('tick', () => process.stdout.write(`\r[bench] ${title}: ${Math.min(++seconds, DURATION)}/${DURATION} s`));
    inst.on('done', () => process.stdout.write('\n'));
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jk-bench-'));
  console.log(`[bench] starting the API (${WAY}) on a fresh embedded database…`);
  const stack = await startApiChild(
    WAY,
    {
      // Not `test`: that adds checkResponses, which parses every answer again against its schema (a
      // test's safety net, not production's work). Production itself needs real WeChat keys and a
      // MONGODB_URI; `development` runs the production code path on the embedded database.
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      SEED_DEMO: '1',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_IP_PER_MINUTE: '100000000',
      LOGIN_LIMIT_PER_MINUTE: '100000',
      WRITE_LIMIT_PER_MINUTE: '100000',
      BOOTSTRAP_ADMIN_OPENIDS: 'dev_bench-admin',
    },
    process.env.BENCH_NODE ?? productionNode(),
  );
  const rss = new RssSampler(stack.pid);
  await new Promise((r) => setTimeout(r, 3000));
  const memory: MemoryRow[] = [idleRow(rssMiB(stack.pid)), { name: 'embedded FerretDB RSS idle (beside it)', mib: ferretRss(stack) }];

  const bare = new Koa();
  bare.use((ctx) => {
    ctx.body = { ok: true };
  });
  const bareServer = http.createServer(bare.callback());
  await new Promise<void>((r) => bareServer.listen(0, '127.0.0.1', r));
  const barePort = (bareServer.address() as { port: number }).port;

  try {
    const services = (await (await fetch(`${stack.url}/api/services`)).json()) as { items: { id: string; kind: string }[] };
    const meal = services.items.find((s) => s.kind === 'elderly-meal')!;
    const news = (await (await fetch(`${stack.url}/api/news`)).json()) as { items: { id: string }[] };
    const today = toDateString(new Date());

    const results: [string, autocannon.Result][] = [];
    results.push(['bare Koa route', await run(`http://127.0.0.1:${barePort}/`, 'bare Koa')]);
    // As WeChat's request and browsers do, the news clients accept gzip (answers are cached gzipped).
    const gz = { headers: { 'accept-encoding': 'gzip' } };
    results.push(['GET /api/news', await run(`${stack.url}/api/news`, 'news list', gz)]);
    results.push(['GET /api/news (without gzip)', await run(`${stack.url}/api/news`, 'news list, no gzip')]);
    results.push([
      'GET /api/news?category=livelihood&page=1',
      await run(`${stack.url}/api/news?category=livelihood&page=1`, 'news category', gz),
    ]);
    results.push(['GET /api/news/:id', await run(`${stack.url}/api/news/${news.items[0]!.id}`, 'article', gz)]);
    results.push(['GET /api/news?q=托育 (search)', await run(`${stack.url}/api/news?q=${encodeURIComponent('托育')}`, 'news search', gz)]);
    results.push([
      'GET /api/services/:id/slots (7 days, 11 sites)',
      await run(`${stack.url}/api/services/${meal.id}/slots?from=${today}&to=${addDays(today, 6)}`, 'slot list', gz),
    ]);
    memory.push({ name: 'API RSS after the news and slot runs', mib: rssMiB(stack.pid) });
    const eventsAdmin = await adminToken(stack.url);
    results.push(await eventDetailRow(stack.url, eventsAdmin, run));
    // The machine's speed drifts during a run (a VM's CPU), so the bare route is measured again at the
    // end and every ratio is to the mean of the two.
    results.push(['bare Koa route (again)', await run(`http://127.0.0.1:${barePort}/`, 'bare Koa again')]);

    const base = (results[0]![1].requests.average + results.at(-1)![1].requests.average) / 2;
    console.log(`\nratios to the bare route's mean, ${base.toFixed(0)} req/s`);
    console.log(`${'route'.padEnd(48)} ${'req/s'.padStart(8)} ${'ratio'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`);
    for (const [name, r] of results) {
      console.log(
        `${name.padEnd(48)} ${r.requests.average.toFixed(0).padStart(8)} ${(r.requests.average / base).toFixed(2).padStart(6)} ${String(r.latency.p50).padStart(7)} ${String(r.latency.p99).padStart(7)}`,
      );
    }

    if (!SKIP_EVENTS) {
      const [name, scans] = await checkinRow(stack.url, eventsAdmin, run);
      console.log(
        `${name}: ${scans.requests.average.toFixed(0)} req/s, p99 ${scans.latency.p99} ms (target ≤ 50 ms), ${scans.errors} errors`,
      );
      if (!(await festivalRush(stack.url, eventsAdmin))) process.exitCode = 1;
    }
    if (!SKIP_RUSH) await bookingRush(stack.url, eventsAdmin, meal.id, today, rss, memory);
    if (!printMemoryRows(stack, WAY, memory)) process.exitCode = 1;
    if (!(await soakRun(stack.url, eventsAdmin, meal.id, today, stack))) process.exitCode = 1;
  } finally {
    rss.stop();
    bareServer.close();
    const code = await stack.stop();
    if (code !== 0) {
      console.error(`[bench] the API exited with ${code} on SIGTERM`);
      process.exitCode = 1;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The booking rush: 300 citizens press 预约 for a slot of 30 at the same moment. */
async function bookingRush(url: string, admin: string, serviceId: string, today: string, rss: RssSampler, memory: MemoryRow[]) {
  {
    const stack = { url };
    const meal = { id: serviceId };
    // The booking rush: 300 citizens press 预约 for a slot of 30 at the same moment.
    console.log('\n[bench] booking rush: logging in 300 citizens…');
    const tokens: string[] = [];
    for (let i = 0; i < 300; i++) {
      const res = await fetch(`${stack.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: `rush${i}` }),
      });
      tokens.push(((await res.json()) as { token: string }).token);
      if ((i + 1) % 50 === 0) process.stdout.write(`\r[bench] logged in ${i + 1}/300`);
    }
    process.stdout.write('\n');
    const slotRes = await fetch(`${stack.url}/api/admin/slots`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        serviceId: meal.id,
        siteId: ((await (await fetch(`${stack.url}/api/services/${meal.id}`)).json()) as { sites: { id: string }[] }).sites[0]!.id,
        start: `${addDays(today, 2)}T15:00:00+08:00`,
        end: `${addDays(today, 2)}T16:00:00+08:00`,
        capacity: 30,
      }),
    });
    if (slotRes.status !== 201) throw new Error(`the rush's slot was not created: ${slotRes.status} ${await slotRes.text()}`);
    const slot = (await slotRes.json()) as { id: string };
    const agent = new http.Agent({ keepAlive: true, maxSockets: 300 });
    rss.reset();
    const started = performance.now();
    const outcomes = await Promise.all(
      tokens.map(async (token, i) => {
        const t0 = performance.now();
        const body = JSON.stringify({
          slotId: slot.id,
          form: { name: nameOf('市民', i), phone: `139${String(i).padStart(8, '0')}`, pickup: 'store' },
        });
        const status = await new Promise<number>((resolve, reject) => {
          const req = http.request(
            `${stack.url}/api/bookings`,
            {
              method: 'POST',
              agent,
              headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Content-Length': Buffer.byteLength(body) },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
        return { status, ms: performance.now() - t0 };
      }),
    );
    const wall = performance.now() - started;
    memory.push(peakRow(rss.peak()));
    const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
    const count = (s: number) => outcomes.filter((o) => o.status === s).length;
    const left = (
      (await (await fetch(`${stack.url}/api/services/${meal.id}/slots?from=${addDays(today, 2)}&to=${addDays(today, 2)}`)).json()) as {
        items: { id: string; remaining: number }[];
      }
    ).items.find((s) => s.id === slot.id);
    console.log(
      `booking rush: 300 citizens, 30 seats → ${count(201)} booked, ${count(409)} told 约满, ${300 - count(201) - count(409)} other; remaining ${left?.remaining}`,
    );
    console.log(`  wall ${wall.toFixed(0)} ms, p50 ${pct(ms, 50).toFixed(0)} ms, p99 ${pct(ms, 99).toFixed(0)} ms`);
    agent.destroy();
    if (count(201) !== 30 || left?.remaining !== 0) {
      console.error('[bench] the rush did not end with exactly 30 bookings');
      process.exitCode = 1;
    }
  }
}

/** The soak (bench-memory.ts) on 20 citizens of its own and a slot large enough never to fill. */
async function soakRun(url: string, admin: string, serviceId: string, today: string, api: Parameters<typeof soak>[0]): Promise<boolean> {
  const citizens: { token: string }[] = [];
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: `soak${i}` }),
    });
    citizens.push({ token: ((await res.json()) as { token: string }).token });
  }
  const service = (await (await fetch(`${url}/api/services/${serviceId}`)).json()) as { sites: { id: string }[] };
  const slot = (await (
    await fetch(`${url}/api/admin/slots`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        serviceId,
        siteId: service.sites[1]?.id ?? service.sites[0]!.id,
        start: `${addDays(today, 3)}T10:00:00+08:00`,
        end: `${addDays(today, 3)}T11:00:00+08:00`,
        capacity: 1000,
      }),
    })
  ).json()) as { id: string };
  const news = (await (await fetch(`${url}/api/news`)).json()) as { items: { id: string }[] };
  return soak(
    api,
    citizens,
    {
      news: '/api/news',
      article: `/api/news/${news.items[0]!.id}`,
      slots: `/api/services/${serviceId}/slots?from=${today}&to=${addDays(today, 6)}`,
    },
    slot.id,
  );
}

/** Bench-only admin: the bench's own config makes `dev_bench-admin` an admin. Once per run: the stand-in refuses a reused code. */
async function adminToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: 'bench-admin' }),
  });
  return ((await res.json()) as { token: string }).token;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
