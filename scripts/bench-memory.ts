/**
 * The memory rows of `npm run bench`: the API child's RSS idle, after the news and slot runs and at
 * the peak of the booking rush, against the budget, and a soak of mixed reads and writes
 * (`BENCH_SOAK_SECONDS`, 60 by default, 0 skips it) after which the heap, collected, must be within
 * 10 % of where it started.
 */
import { nameOf } from './bench-events';
import { childPids, rssMiB, toMiB, type ApiChild } from './lib/api-child';

export const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
const BUDGET = { idle: 120, peak: 250 };
const HEAP_GROWTH_LIMIT = 0.1;

export interface MemoryRow {
  name: string;
  mib: number;
  budget?: number;
}

/** The embedded FerretDB's RSS beside the API's, for the record (it has no budget of its own). */
export function ferretRss(api: ApiChild): number {
  return childPids(api.pid).reduce((sum, pid) => sum + rssMiB(pid), 0);
}

export const idleRow = (mib: number): MemoryRow => ({ name: 'API RSS idle', mib, budget: BUDGET.idle });
export const peakRow = (mib: number): MemoryRow => ({ name: 'API RSS at the booking rush peak', mib, budget: BUDGET.peak });

/** Prints the rows; answers false when one is over its budget. */
export function printMemoryRows(api: ApiChild, way: string, rows: MemoryRow[]): boolean {
  console.log(`\nmemory of the API process (${way}, Node ${nodeVersion(api.node)}), sampled every 100 ms from /proc`);
  console.log(`${'row'.padEnd(48)} ${'MiB'.padStart(7)} ${'budget'.padStart(7)}`);
  let ok = true;
  for (const r of rows) {
    const verdict = r.budget === undefined ? '' : r.mib <= r.budget ? 'PASS' : 'FAIL';
    if (verdict === 'FAIL') ok = false;
    console.log(`${r.name.padEnd(48)} ${r.mib.toFixed(1).padStart(7)} ${(r.budget ? `≤ ${r.budget}` : '').padStart(7)} ${verdict}`);
  }
  return ok;
}

function nodeVersion(node: string): string {
  return node === process.execPath ? process.versions.node : (/node(\d+)/.exec(node)?.[1] ?? node);
}

/**
 * Mixed reads and writes for `SOAK_SECONDS` at 20 citizens: each reads the news list, an article and
 * the slot list, then books a seat of a large slot and cancels it again. A short round first, so
 * what fills once (JIT, caches, the search dictionary) is in the starting heap.
 */
export async function soak(
  api: ApiChild,
  citizens: { token: string }[],
  paths: { news: string; article: string; slots: string },
  slotId: string,
): Promise<boolean> {
  if (SOAK_SECONDS <= 0) return true;
  const statuses = new Map<number, number>();
  const round = async (seconds: number) => {
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      citizens.map(async ({ token }, i) => {
        const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
        while (Date.now() < until) {
          for (const p of [paths.news, paths.article, paths.slots])
            count(statuses, (await fetch(`${api.url}${p}`, { headers: { 'accept-encoding': 'gzip' } }).then(drain)).status);
          const booked = await fetch(`${api.url}/api/bookings`, {
            method: 'POST',
            headers: auth,
            body: JSON.stringify({ slotId, form: { name: nameOf('市民', i), phone: `138${String(i).padStart(8, '0')}`, pickup: 'store' } }),
          });
          count(statuses, booked.status);
          const { id } = (await booked.json()) as { id?: string };
          if (id)
            count(statuses, (await fetch(`${api.url}/api/bookings/${id}/cancel`, { method: 'POST', headers: auth }).then(drain)).status);
        }
      }),
    );
  };
  await round(Math.min(5, SOAK_SECONDS));
  statuses.clear();
  const before = await api.heap();
  const started = performance.now();
  const timer = setInterval(
    () => process.stdout.write(`\r[bench] soak: ${Math.round((performance.now() - started) / 1000)}/${SOAK_SECONDS} s`),
    1000,
  );
  await round(SOAK_SECONDS);
  clearInterval(timer);
  process.stdout.write('\n');
  const after = await api.heap();
  const growth = after.heapUsed / before.heapUsed - 1;
  const requests = [...statuses.values()].reduce((a, b) => a + b, 0);
  const errors = [...statuses].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0);
  // A soak whose bookings were all refused would have been a read-only soak: it must have booked.
  const wrote = (statuses.get(201) ?? 0) > 0;
  const ok = growth <= HEAP_GROWTH_LIMIT && errors === 0 && wrote;
  console.log(
    `soak ${SOAK_SECONDS} s, ${citizens.length} citizens, ${requests} requests (${[...statuses].map(([s, n]) => `${n}×${s}`).join(', ')}): heap after GC ${toMiB(before.heapUsed).toFixed(1)} → ${toMiB(after.heapUsed).toFixed(1)} MiB (${(growth * 100).toFixed(1)} %, limit ${HEAP_GROWTH_LIMIT * 100} %), RSS ${toMiB(after.rss).toFixed(1)} MiB ${ok ? 'PASS' : 'FAIL'}`,
  );
  return ok;
}

const count = (m: Map<number, number>, status: number) => m.set(status, (m.get(status) ?? 0) + 1);
const drain = async (r: Response) => (await r.arrayBuffer(), r);
