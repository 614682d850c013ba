import type { EventCategory, EventDetail, EventSummary, Paged } from '@jingkai/shared';
import { notFound } from '../../http/errors';
import { toIso } from '../../lib/time';
import type { SerialisedJson } from '../../lib/serialised';
import { perOwner, ServedAnswers } from '../../lib/served';
import { TtlCache } from '../../lib/ttl-cache';
import * as capacity from '../capacity';
import type { EventDoc, SessionDoc } from './model';
import { signupWindow } from './present';
import * as repo from './repo';

function toSummary(d: EventDoc): EventSummary {
  return {
    id: String(d._id),
    title: d.title,
    category: d.category as EventSummary['category'],
    startAt: toIso(d.startAt),
    endAt: toIso(d.endAt),
    venue: d.venue,
    coverUrl: d.coverUrl ?? null,
  };
}

export async function list(
  q: { status: repo.EventStatus; category?: EventCategory; page: number; pageSize: number },
  now: Date,
): Promise<Paged<EventSummary>> {
  const { status, page, pageSize } = q;
  const { docs, total } = await repo.listEvents(status, now, (page - 1) * pageSize, pageSize, q.category);
  return { items: docs.map(toSummary), total, page, pageSize };
}

/** What the event detail reads from the database besides the seat counts. */
interface DetailRows {
  /** Which load this is: an answer built from these rows holds while the cache hands out the same. */
  load: number;
  ev: EventDoc | null;
  sessions: SessionDoc[];
  waiting: Map<string, number>;
}

/**
 * The public detail keeps these for a second per event: a write this instance makes to events,
 * sessions or registrations starts a new generation (repo.writeGeneration), so it shows at once;
 * another instance's shows within the second, as its seat counts do (capacity.SeatCounts).
 */
const detailRows = new TtlCache<DetailRows>(1000, 200);

let loads = 0;
async function loadDetailRows(id: string): Promise<DetailRows> {
  const load = ++loads;
  const [ev, sessions] = await Promise.all([repo.findEvent(id), repo.listSessions(id)]);
  const waiting = ev ? await repo.countWaiting(sessions.map((s) => String(s._id))) : new Map<string, number>();
  return { load, ev, sessions, waiting };
}

/**
 * The public detail, serialised once per set of rows and seat counts: a repeated question costs two
 * lookups. It holds as long as the rows it was built from (a second, or the next write here) and the
 * counts (`counts.version`: a change here at once, another instance's within the poll).
 */
const served = perOwner<capacity.SeatCounts, ServedAnswers>(() => new ServedAnswers());
export async function servedDetail(id: string, counts: capacity.SeatCounts, now: Date): Promise<SerialisedJson> {
  await counts.sync();
  const version = counts.version;
  const rows = await detailRows.get(`${id}:${repo.writeGeneration()}`, () => loadDetailRows(id));
  return served(counts).get(id, `${version}:${rows.load}`, now, async () => ({ answer: await detail(rows, counts) }));
}

/**
 * `counts`: this instance's memory (the public detail, whose other rows are kept for a second as
 * well); without it, everything is read from the database now.
 */
export async function get(id: string, counts?: capacity.SeatCounts): Promise<EventDetail> {
  const rows = counts ? await detailRows.get(`${id}:${repo.writeGeneration()}`, () => loadDetailRows(id)) : await loadDetailRows(id);
  return detail(rows, counts);
}

async function detail({ ev, sessions, waiting }: DetailRows, counts?: capacity.SeatCounts): Promise<EventDetail> {
  if (!ev) throw notFound('NOT_FOUND', '没有找到这个活动');
  const { left, asOf } = await (counts ? counts.available.bind(counts) : capacity.availableNow)(
    sessions.map((s) => ({ poolId: capacity.sessionPool(String(s._id)), capacity: s.capacity })),
  );
  return {
    ...toSummary(ev),
    description: ev.description,
    maxAttendees: ev.maxAttendees,
    waitlist: ev.waitlist,
    form: ev.form,
    address: ev.address ?? '',
    location: ev.lat != null && ev.lng != null ? { lat: ev.lat, lng: ev.lng } : null,
    newsId: ev.newsId ?? null,
    cancelMinutesBefore: ev.cancelMinutesBefore ?? 120,
    sessions: sessions.map((s) => ({
      id: String(s._id),
      startAt: toIso(s.startAt),
      endAt: toIso(s.endAt),
      capacity: s.capacity,
      remaining: left.get(capacity.sessionPool(String(s._id))) ?? s.capacity,
      waitlist: waiting.get(String(s._id)) ?? 0,
      signupOpensAt: s.signupOpensAt ? toIso(s.signupOpensAt) : null,
      signupClosesAt: toIso(signupWindow(s).closesAt),
    })),
    asOf: toIso(asOf),
  };
}
