/**
 * The 活动 rows of `npm run bench`, kept apart from the other rows: the festival rush (registrations
 * for one session with a waitlist, groups of 1–3, exact counts), online check-in scans at 50
 * connections, and the event detail route. `BENCH_SKIP_EVENTS=1` skips the rush and the scans;
 * `BENCH_FESTIVAL=<registrations>:<places>` sizes the rush (600:150 by default: on the embedded FerretDB
 * sign-ups go at about 5 a second, and 2000 at once outwait Node's 300 s request timeout).
 */
import http from 'node:http';
import type autocannon from 'autocannon';

export const SKIP_EVENTS = process.env.BENCH_SKIP_EVENTS === '1';
const [REGISTRATIONS, PLACES] = (process.env.BENCH_FESTIVAL ?? '600:150').split(':').map(Number) as [number, number];

type Run = (url: string, title: string, opts?: Partial<autocannon.Options>) => Promise<autocannon.Result>;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid GB 11643 ID number of an adult, unique per n (n < 10^6). */
function idNumber(n: number): string {
  const body = `1505${String(n).padStart(6, '0').slice(0, 2)}1990${String(1 + (Math.floor(n / 1000) % 12)).padStart(2, '0')}${String(1 + (Math.floor(n / 10) % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * WEIGHTS[i]!;
  return body + '10X98765432'[sum % 11];
}

/** A name of only Chinese characters (names take no digits): 市民一二三. */
export const nameOf = (prefix: string, n: number) => prefix + [...String(n)].map((d) => '零一二三四五六七八九'[Number(d)]).join('');

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const post = (token: string, body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
  body: JSON.stringify(body),
});

async function loginMany(url: string, prefix: string, n: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    tokens.push((await json<{ token: string }>(`${url}/api/auth/login`, post('', { code: `${prefix}${i}` }))).token);
    if ((i + 1) % 100 === 0 || i + 1 === n) process.stdout.write(`\r[bench] ${prefix}: logged in ${i + 1}/${n}`);
  }
  process.stdout.write('\n');
  return tokens;
}

/** A festival of one session opening its signups now. */
async function festival(url: string, admin: string, capacity: number, title: string): Promise<{ eventId: string; sessionId: string }> {
  const start = new Date(Date.now() + 30 * 86_400_000);
  const end = new Date(start.getTime() + 8 * 3600_000);
  const ev = await json<{ id: string; sessions: { id: string }[] }>(
    `${url}/api/admin/events`,
    post(admin, {
      title,
      category: 'festival',
      venue: '哲里木赛马场',
      startAt: start.toISOString(),
      endAt: end.toISOString(),
      maxAttendees: 3,
      waitlist: true,
      sessions: [
        { startAt: start.toISOString(), endAt: end.toISOString(), capacity, signupOpensAt: new Date(Date.now() - 60_000).toISOString() },
      ],
    }),
  );
  return { eventId: ev.id, sessionId: ev.sessions[0]!.id };
}

/** `GET /api/events/:id` of an event with places left, for the ratio to the bare route. */
export async function eventDetailUrl(url: string, admin: string): Promise<string> {
  const { eventId } = await festival(url, admin, 500, '818哲里木赛马节（测速）');
  return `${url}/api/events/${eventId}`;
}

/**
 * The festival rush: REGISTRATIONS sign-ups of 1–3 attendees for PLACES places, all at once. Every
 * sign-up must be answered 201 (confirmed or waitlisted), the confirmed attendees must be exactly the
 * places taken, and nobody lost: confirmed + waiting attendees = everyone sent. Returns false when not.
 */
export async function festivalRush(
  url: string,
  admin: string,
  meter?: () => () => { api: number; db: number },
): Promise<{ ok: boolean; eventId: string }> {
  console.log(`\n[bench] festival rush: ${REGISTRATIONS} registrations for ${PLACES} places, groups of 1–3, waitlist on`);
  const { eventId, sessionId } = await festival(url, admin, PLACES, '818哲里木赛马节（抢报）');
  const tokens = await loginMany(url, 'festival', REGISTRATIONS);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 500 });
  let person = 0;
  const groups = tokens.map((_, i) => Array.from({ length: 1 + (i % 3) }, () => ++person));
  const cpu = meter?.();
  const started = performance.now();
  let done = 0;
  const outcomes = await Promise.all(
    tokens.map(async (token, i) => {
      const body = JSON.stringify({
        sessionId,
        attendees: groups[i]!.map((n) => ({ name: nameOf('市民', n), idNumber: idNumber(n), phone: `139${String(n).padStart(8, '0')}` })),
        form: {},
      });
      const t0 = performance.now();
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request(
          `${url}/api/events/${eventId}/registrations`,
          {
            method: 'POST',
            agent,
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Content-Length': Buffer.byteLength(body) },
          },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      if (++done % 100 === 0) process.stdout.write(`\r[bench] festival rush: ${done}/${REGISTRATIONS} answered`);
      return { ...answer, ms: performance.now() - t0 };
    }),
  );
  process.stdout.write('\n');
  const wall = performance.now() - started;
  const used = cpu?.();
  agent.destroy();
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const errors = outcomes.filter((o) => o.status >= 500).length;
  const refused = outcomes.filter((o) => o.status !== 201);
  const list = await json<{ items: { status: string }[] }>(`${url}/api/staff/events/${eventId}/attendees`, {
    headers: { Authorization: `Bearer ${admin}` },
  });
  const confirmed = list.items.filter((a) => a.status === 'confirmed').length;
  const waiting = list.items.filter((a) => a.status === 'waitlisted').length;
  const detail = await json<{ sessions: { remaining: number; waitlist: number }[] }>(`${url}/api/events/${eventId}`);
  const { remaining } = detail.sessions[0]!;
  console.log(
    `festival rush: ${REGISTRATIONS} registrations (${person} attendees), ${PLACES} places → ${confirmed} confirmed, ${waiting} waiting, ${remaining} left; ${refused.length} not 201 (${errors} server errors)`,
  );
  console.log(`  wall ${wall.toFixed(0)} ms, p50 ${pct(ms, 50).toFixed(0)} ms, p99 ${pct(ms, 99).toFixed(0)} ms (target p99 ≤ 2000 ms)`);
  if (used) console.log(`  CPU during the rush: API ${used.api.toFixed(1)} s, FerretDB ${used.db.toFixed(1)} s`);
  for (const r of refused.slice(0, 3)) console.log(`  e.g. ${r.status} ${r.text.slice(0, 160)}`);
  // A place may stay free only when the group first in line is bigger than what is left.
  const ok = errors === 0 && !refused.length && confirmed + remaining === PLACES && confirmed + waiting === person && remaining < 3;
  if (!ok) console.error('[bench] the festival rush did not end with exact counts');
  return { ok, eventId };
}

/**
 * Staff export the festival's attendee list (every attendee, one workbook): the largest answer the
 * API builds, under the old-generation cap of the launcher. Answers whether it came back whole.
 */
export async function exportRow(url: string, admin: string, eventId: string): Promise<boolean> {
  const started = performance.now();
  const res = await fetch(`${url}/api/staff/events/${eventId}/attendees/export`, { headers: { Authorization: `Bearer ${admin}` } });
  const bytes = (await res.arrayBuffer()).byteLength;
  const ok = res.status === 200 && bytes > 0;
  console.log(`attendee export: ${res.status}, ${(bytes / 1024).toFixed(0)} KiB in ${(performance.now() - started).toFixed(0)} ms`);
  return ok;
}

/**
 * Online check-in scans at 50 connections, round the tickets: the warm-up lets each in once, so the
 * measured scans are mostly the 409 of a second scan (the same verify, unique insert and first-entry read).
 */
export async function checkinRow(url: string, admin: string, run: Run): Promise<[string, autocannon.Result]> {
  const tickets = Math.min(3000, Math.max(30, PLACES));
  console.log(`\n[bench] check-in: signing up ${tickets} attendees…`);
  const { eventId, sessionId } = await festival(url, admin, tickets, '草原音乐节（检票测速）');
  const tokens = await loginMany(url, 'gate', Math.ceil(tickets / 3));
  const codes: string[] = [];
  for (const [i, token] of tokens.entries()) {
    const n = 500_000 + i * 3;
    const reg = await json<{ tickets: { code: string }[] }>(
      `${url}/api/events/${eventId}/registrations`,
      post(token, { sessionId, attendees: [0, 1, 2].map((k) => ({ name: nameOf('观众', n + k), idNumber: idNumber(n + k) })), form: {} }),
    );
    codes.push(...reg.tickets.map((t) => t.code));
  }
  let next = 0;
  const result = await run(`${url}/api/staff/checkins`, 'check-in scans', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin}` },
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ ticket: codes[next++ % codes.length], gate: '东门', eventId }) }),
      },
    ],
  });
  return ['POST /api/staff/checkins (online scan)', result];
}
