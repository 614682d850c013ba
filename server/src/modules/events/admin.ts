import type { EventCreateBody, EventDetail } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { notFound, validationError } from '../../http/errors';
import * as capacity from '../capacity';
import { articleExists, linkEventArticle, plainLine } from '../news';
import * as repo from './repo';
import { get } from './service';
import { capacityRecheck } from './register';
import { promote } from './waitlist';

/** Session times in order, inside the event, each signup window closing by its start. */
function checkSessions(
  ev: { startAt: Date; endAt: Date },
  sessions: { startAt: Date; endAt: Date; signupOpensAt?: Date | null; signupClosesAt?: Date | null }[],
  first = 0,
) {
  for (const [k, s] of sessions.entries()) {
    const i = first + k;
    if (s.endAt <= s.startAt) throw validationError({ [`sessions.${i}.endAt`]: '结束时间应晚于开始时间' });
    if (s.startAt < ev.startAt || s.endAt > ev.endAt) throw validationError({ [`sessions.${i}.startAt`]: '场次应在活动时间之内' });
    if (s.signupOpensAt && s.signupClosesAt && s.signupClosesAt <= s.signupOpensAt) {
      throw validationError({ [`sessions.${i}.signupClosesAt`]: '报名截止应晚于报名开始' });
    }
    if (s.signupClosesAt && s.signupClosesAt > s.startAt)
      throw validationError({ [`sessions.${i}.signupClosesAt`]: '报名应在场次开始前截止' });
  }
}

const dates = (s: { startAt: string; endAt: string; capacity: number; signupOpensAt?: string; signupClosesAt?: string }) => ({
  startAt: new Date(s.startAt),
  endAt: new Date(s.endAt),
  capacity: s.capacity,
  signupOpensAt: s.signupOpensAt ? new Date(s.signupOpensAt) : null,
  signupClosesAt: s.signupClosesAt ? new Date(s.signupClosesAt) : null,
});

/** An event's description is plain text, kept by line: markup typed or pasted into it is dropped. */
const plainDescription = (text: string) =>
  text
    .split(/\r?\n/)
    .map(plainLine)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

const FEWER_PLACES = '已有人报名，名额只能增加，不能减少';

async function placesTaken(sessionId: string): Promise<number> {
  const pool = capacity.sessionPool(sessionId);
  return (await capacity.countTaken([pool])).get(pool) ?? 0;
}

/** An article an event links to must exist: readers follow the link from it. */
async function checkArticle(newsId: string | null | undefined) {
  if (newsId && !(await articleExists(newsId))) throw validationError({ newsId: '没有这篇资讯' });
}

/** The contract's POST /api/admin/events: an event with its sessions, in one answer. */
export async function createEvent(deps: Deps, body: EventCreateBody): Promise<EventDetail> {
  const ev = { startAt: new Date(body.startAt), endAt: new Date(body.endAt) };
  const sessions = body.sessions.map(dates);
  checkSessions(ev, sessions);
  if (new Set(sessions.map((s) => s.startAt.getTime())).size !== sessions.length)
    throw validationError({ sessions: '两个场次不能同时开始' });
  await checkArticle(body.newsId);
  const doc = await repo.insertEvent({
    key: `admin:${String(repo.newId())}`,
    title: body.title,
    category: body.category,
    venue: body.venue,
    address: body.address ?? '',
    lat: body.location?.lat ?? null,
    lng: body.location?.lng ?? null,
    description: plainDescription(body.description ?? ''),
    coverUrl: body.coverUrl ?? null,
    startAt: ev.startAt,
    endAt: ev.endAt,
    maxAttendees: body.maxAttendees,
    waitlist: body.waitlist,
    cancelMinutesBefore: body.cancelMinutesBefore ?? 120,
    newsId: body.newsId ?? null,
    form: body.form ?? [],
    demo: false,
  });
  for (const s of sessions) await repo.insertSession({ eventId: doc._id, ...s });
  if (body.newsId) await linkEventArticle(body.newsId, String(doc._id));
  void deps;
  return get(String(doc._id));
}

/** PATCH /api/admin/events/:id: fields of the event; sessions by id (capacity, times, window) or new ones. */
export async function patchEvent(
  deps: Deps,
  id: string,
  body: Partial<Omit<EventCreateBody, 'sessions'>> & { sessions?: (Partial<EventCreateBody['sessions'][number]> & { id?: string })[] },
): Promise<EventDetail> {
  const current = await repo.findEvent(id);
  if (!current) throw notFound('NOT_FOUND', '没有找到这个活动');
  await checkArticle(body.newsId);
  const { sessions, location, startAt, endAt, description, ...rest } = body;
  const set: Record<string, unknown> = { ...rest };
  if (location) Object.assign(set, { lat: location.lat, lng: location.lng });
  if (description !== undefined) set.description = plainDescription(description);
  if (startAt) set.startAt = new Date(startAt);
  if (endAt) set.endAt = new Date(endAt);
  const ev = { startAt: (set.startAt as Date) ?? current.startAt, endAt: (set.endAt as Date) ?? current.endAt };
  if (ev.endAt <= ev.startAt) throw validationError({ endAt: '结束时间应晚于开始时间' });

  // Everything is checked before anything is written: a refused PATCH changes nothing.
  const existing = await repo.listSessions(id);
  const changes = [];
  for (const [i, s] of (sessions ?? []).entries()) {
    const was = s.id ? existing.find((e) => String(e._id) === s.id) : undefined;
    if (s.id && !was) throw validationError({ [`sessions.${i}.id`]: '没有这个场次' });
    const next = {
      startAt: s.startAt ? new Date(s.startAt) : was?.startAt,
      endAt: s.endAt ? new Date(s.endAt) : was?.endAt,
      signupOpensAt: s.signupOpensAt ? new Date(s.signupOpensAt) : (was?.signupOpensAt ?? null),
      signupClosesAt: s.signupClosesAt ? new Date(s.signupClosesAt) : (was?.signupClosesAt ?? null),
    };
    if (!next.startAt || !next.endAt || (!was && !s.capacity))
      throw validationError({ [`sessions.${i}`]: '新场次需要开始、结束时间和名额' });
    const times = { ...next, startAt: next.startAt, endAt: next.endAt };
    checkSessions(ev, [times], i);
    if (was && s.capacity && s.capacity < was.capacity && (await placesTaken(String(was._id))) > 0) {
      // Seats are numbered up to the capacity: fewer places once some are held could strand a seat
      // above the new number and sell it again. Before sign-ups, any number goes.
      throw validationError({ [`sessions.${i}.capacity`]: FEWER_PLACES });
    }
    changes.push({ was, times, capacity: s.capacity });
  }
  // The sessions this PATCH leaves as they are must still fit the event's new times.
  const patched = new Set(changes.flatMap((c) => (c.was ? [String(c.was._id)] : [])));
  const untouched = existing.filter((e) => !patched.has(String(e._id)));
  if (untouched.some((e) => e.startAt < ev.startAt || e.endAt > ev.endAt))
    throw validationError({ [startAt && !endAt ? 'startAt' : 'endAt']: '活动时间应包含所有场次' });
  const starts = [...untouched.map((e) => e.startAt), ...changes.map((c) => c.times.startAt)].map((d) => d.getTime());
  if (new Set(starts).size !== starts.length) throw validationError({ sessions: '两个场次不能同时开始' });

  for (const { was, times, capacity: places } of changes) {
    if (was) {
      await repo.updateSession(String(was._id), id, { ...times, ...(places ? { capacity: places } : {}) });
      // A sign-up that took its place between the check above and this write: the old number stands.
      if (capacityRecheck.enabled && places && places < was.capacity && (await placesTaken(String(was._id))) > 0) {
        await repo.updateSession(String(was._id), id, { capacity: was.capacity });
        throw validationError({ [`sessions.${changes.findIndex((c) => c.was === was)}.capacity`]: FEWER_PLACES });
      }
      // More places: the first in line get them at once, as when someone cancels.
      if (places && places > was.capacity) {
        capacity.capacityRaised(capacity.sessionPool(String(was._id)));
        await promote(deps, String(was._id));
      }
    } else {
      await repo.insertSession({ eventId: current._id, ...times, capacity: places! });
    }
  }
  if (Object.keys(set).length) await repo.updateEvent(id, set);
  if (body.newsId !== undefined) await linkEventArticle(body.newsId, id);
  return get(id);
}

/** Links the event with `key` and the article `newsId` both ways (the demo seed does it by key). */
export async function setEventArticle(key: string, newsId: string): Promise<boolean> {
  const id = await repo.findEventIdByKey(key);
  if (!id || !(await linkEventArticle(newsId, id))) return false;
  await repo.updateEvent(id, { newsId });
  return true;
}
