import {
  RATING_LEVEL_LABELS,
  REQUEST_CATEGORY_LABELS,
  isPoorRating,
  isRequestUnit,
  type RatingBody,
  type RatingView,
  type RequestCategory,
  type RequestUnit,
} from '@jingkai/shared';
import type { Deps } from '../../deps';
import type { AuthUser } from '../../http/auth';
import { conflict, notFound } from '../../http/errors';
import * as bookings from '../bookings';
import * as events from '../events';
import * as services from '../services';
import * as users from '../users';
import { isFollowUp } from './about';
import { FOLLOW_UP } from './deadlines';
import { checkText, openFollowUp } from './file';
import { tryStep } from './lifecycle';
import { notifyStep } from './notify';
import { UNIT_OF_KIND, loadFor, presentRating, ratingKey } from './present';
import * as ratings from '../ratings';
import * as repo from './repo';

type Kind = 'booking' | 'registration' | 'request';

interface Rated {
  kind: Kind;
  id: string;
  userId: string;
  serviceId?: string | null;
  siteId?: string | null;
  eventId?: string | null;
  /** What the follow-up of a 差评 says it is about, and where it goes. */
  followUp: { category: RequestCategory; unit: RequestUnit | null; what: string; followUpOf: string | null } | null;
}

/**
 * Opens the follow-up of a 差评, due in 15 working days, and links it to the rating. Safe to run
 * twice (the sweeper after a crash): the follow-up's unique origin finds the first.
 */
async function followUp(
  deps: Deps,
  item: Rated,
  level: number,
  comment: string | null,
  held: 'review' | 'unreachable' | null,
): Promise<repo.RequestDoc | null> {
  const f = item.followUp;
  if (!f || !isPoorRating(level)) return null;
  const text = `${f.what}的评价为「${RATING_LEVEL_LABELS[level - 1]}」${comment ? `：${comment}` : ''}`;
  const opened = await openFollowUp(
    deps,
    {
      userId: item.userId,
      category: f.category,
      text,
      unit: f.unit,
      followUpOf: f.followUpOf,
      about: { kind: item.kind, id: item.id, serviceId: item.serviceId, siteId: item.siteId, eventId: item.eventId },
      held,
    },
    FOLLOW_UP,
  );
  await ratings.setRatingFollowUp(ratingKey(item.kind, item.id), String(opened._id));
  await notifyStep(deps, opened, 'followup');
  return opened;
}

/**
 * Records one 好差评 of an item. The rating row's unique key lets it in once (a second: 409
 * NOT_RATEABLE); a comment goes through the content check (risky: 400 CONTENT_RISKY). A 差评 (1–2)
 * opens a follow-up request; a follow-up's own 差评 opens none. The rating is written first, so a
 * crash before the follow-up leaves a row the sweeper finishes.
 */
async function rate(
  deps: Deps,
  item: Rated,
  body: RatingBody,
  /** Writes the row; null when the item may not be rated (already rated). A request's 评价 step does it. */
  insert: (row: ratings.RatingInput) => Promise<ratings.RatingDoc | null> = ratings.insertRating,
): Promise<ratings.RatingDoc> {
  const comment = body.comment || null;
  // A comment the check does not clear (review, or the check away) is kept, and its follow-up held
  // for a person: failing closed, as a filed request does.
  let held: 'review' | 'unreachable' | null = null;
  if (comment) {
    const owner = await users.findById(item.userId);
    const outcome = owner ? await checkText(deps, owner.openid, comment) : 'unreachable';
    held = outcome === 'pass' ? null : outcome;
  }
  const rating = await insert({
    key: ratingKey(item.kind, item.id),
    kind: item.kind,
    subjectId: item.id,
    userId: repo.newId(item.userId),
    level: body.level,
    comment,
    commentHeld: held,
    serviceId: item.serviceId ?? null,
    siteId: item.siteId ?? null,
    eventId: item.eventId ?? null,
    followUpId: null,
    at: deps.now(),
  });
  if (!rating) throw conflict('NOT_RATEABLE', '您已经评价过了，感谢您的反馈');
  const opened = await followUp(deps, item, body.level, comment, held);
  return opened ? { ...rating, followUpId: String(opened._id) } : rating;
}

function requestItem(r: repo.RequestDoc): Rated {
  const id = String(r._id);
  return {
    kind: 'request',
    id,
    userId: String(r.userId),
    serviceId: r.serviceId,
    siteId: r.siteId,
    eventId: r.eventId,
    followUp:
      r.followUpOf || isFollowUp(r)
        ? null
        : {
            category: r.category as RequestCategory,
            unit: r.unit && isRequestUnit(r.unit) ? r.unit : null,
            what: `对诉求 ${r.trackingNo}（${REQUEST_CATEGORY_LABELS[r.category as RequestCategory]}）答复`,
            followUpOf: id,
          },
  };
}

async function bookingItem(b: bookings.BookingDoc): Promise<Rated> {
  const [svc, site] = await Promise.all([services.findService(String(b.serviceId)), services.findSite(String(b.siteId))]);
  return {
    kind: 'booking',
    id: String(b._id),
    userId: String(b.userId),
    serviceId: String(b.serviceId),
    siteId: String(b.siteId),
    followUp: {
      category: 'services',
      unit: (svc && UNIT_OF_KIND[svc.kind]) ?? 'general',
      what: `对「${svc?.name ?? '预约服务'}${site ? ` · ${site.name}` : ''}」服务`,
      followUpOf: null,
    },
  };
}

const visitItem = (id: string, userId: string, visit: { eventId: string; eventTitle: string }): Rated => ({
  kind: 'registration',
  id,
  userId,
  eventId: visit.eventId,
  followUp: { category: 'events', unit: 'events', what: `对活动「${visit.eventTitle}」`, followUpOf: null },
});

const NOT_RATEABLE: Partial<Record<string, string>> = {
  rated: '您已经评价过了，感谢您的反馈',
  closed: '这条诉求已经关闭，不能再评价了',
};

/**
 * POST /api/requests/:id/rating: its owner, once, after the reply and before 关闭. The rating is the
 * loop's 评价 step (replied → rated), so it races staff's 关闭 for the one exit out of `replied`:
 * whichever claims it first wins, and a request closed without a rating stays unrated. The step's
 * patch carries the rating row (without the comment), so a crash after the claim is finished by the
 * sweeper.
 */
export async function rateRequest(deps: Deps, user: AuthUser, id: string, body: RatingBody): Promise<RatingView> {
  const { r, owner } = await loadFor(user, id);
  if (!owner) throw notFound('NOT_FOUND', '没有找到这条诉求');
  if (r.status !== 'replied') throw conflict('NOT_RATEABLE', NOT_RATEABLE[r.status] ?? '答复之后才能评价');
  const rating = await rate(deps, requestItem(r), body, async ({ comment, ...row }) => {
    // The step's row keeps no citizen text: the comment follows once the step is won.
    const done = await tryStep(deps, id, 'replied', 'rated', 'citizen', { set: { status: 'rated' }, rating: { ...row, comment: null } });
    if (!done) throw conflict('NOT_RATEABLE', '这条诉求刚刚已被关闭或评价，请刷新后查看');
    if (comment) await ratings.setRatingComment(row.key, comment);
    return ratings.findRating(row.key);
  });
  return presentRating(rating);
}

/** POST /api/bookings/:id/rating: its owner, once, after it was served. */
export async function rateBooking(deps: Deps, user: AuthUser, id: string, body: RatingBody): Promise<RatingView> {
  const b = await bookings.findBooking(id);
  if (!b || !b.userId || String(b.userId) !== user.id) throw notFound('NOT_FOUND', '没有找到这个预约');
  if (b.status !== 'served') throw conflict('NOT_RATEABLE', '预约完成之后才能评价');
  return presentRating(await rate(deps, await bookingItem(b), body));
}

/** POST /api/registrations/:id/rating: its owner, once, after a ticket of it was checked in. */
export async function rateRegistration(deps: Deps, user: AuthUser, id: string, body: RatingBody): Promise<RatingView> {
  const visit = await events.visitOf(id);
  if (!visit || visit.userId !== user.id) throw notFound('NOT_FOUND', '没有找到这个报名');
  if (!visit.checkedIn) throw conflict('NOT_RATEABLE', '入场之后才能评价');
  return presentRating(await rate(deps, visitItem(id, user.id, visit), body));
}

/** The sweeper's share: 差评 rated before `before` whose follow-up was never opened (a crash in between). */
export async function repairFollowUps(deps: Deps, before: Date): Promise<number> {
  let opened = 0;
  for (const g of await ratings.poorRatingsWithoutFollowUp(before)) {
    let item: Rated | null = null;
    if (g.kind === 'request') {
      const r = await repo.findRequest(g.subjectId);
      item = r ? requestItem(r) : null;
    } else if (g.kind === 'booking') {
      const b = await bookings.findBooking(g.subjectId);
      item = b?.userId ? await bookingItem(b) : null;
    } else {
      const visit = await events.visitOf(g.subjectId);
      item = visit ? visitItem(g.subjectId, String(g.userId), visit) : null;
    }
    if (item && (await followUp(deps, item, g.level, g.comment ?? null, (g.commentHeld as 'review' | 'unreachable' | null) ?? null)))
      opened++;
  }
  return opened;
}
