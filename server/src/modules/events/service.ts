import type { EventCategory, EventDetail, EventSummary, Paged } from '@jingkai/shared';
import { notFound } from '../../http/errors';
import { toIso } from '../../lib/time';
import * as capacity from '../capacity';
import type { EventDoc } from './model';
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

/** `counts`: this instance's memory (the public detail); without it, counted from the seat rows now. */
export async function get(id: string, counts?: capacity.SeatCounts): Promise<EventDetail> {
  const [ev, sessions] = await Promise.all([repo.findEvent(id), repo.listSessions(id)]);
  if (!ev) throw notFound('NOT_FOUND', '没有找到这个活动');
  const [{ left, asOf }, waiting] = await Promise.all([
    (counts ? counts.available.bind(counts) : capacity.availableNow)(
      sessions.map((s) => ({ poolId: capacity.sessionPool(String(s._id)), capacity: s.capacity })),
    ),
    repo.countWaiting(sessions.map((s) => String(s._id))),
  ]);
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
