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
import { FOLLOW_UP } from './deadlines';
import { checkText, openFollowUp } from './file';
import { tryStep } from './lifecycle';
import { notifyStep } from './notify';
import { loadFor, presentRating, ratingKey } from './present';
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

const UNIT_OF_KIND: Record<string, RequestUnit> = {
  'insurance-doorstep': 'insurance',
  'insurance-appointment': 'insurance',
  childcare: 'childcare',
  'elderly-meal': 'elderly',
};

/**
 * Records one 好差评 of an item. The rating row's unique key lets it in once (a second: 409
 * NOT_RATEABLE); a comment goes through the content check (risky: 400 CONTENT_RISKY). A 差评 (1–2)
 * opens a follow-up request, due in 15 working days; a follow-up's own 差评 opens none.
 */
async function rate(deps: Deps, item: Rated, body: RatingBody): Promise<{ rating: repo.RatingDoc; followUp: repo.RequestDoc | null }> {
  const comment = body.comment || null;
  if (comment) {
    const owner = await users.findById(item.userId);
    if (owner) await checkText(deps, owner.openid, comment);
  }
  const key = ratingKey(item.kind, item.id);
  const rating = await repo.insertRating({
    key,
    kind: item.kind,
    subjectId: item.id,
    userId: repo.newId(item.userId),
    level: body.level,
    comment,
    serviceId: item.serviceId ?? null,
    siteId: item.siteId ?? null,
    eventId: item.eventId ?? null,
    followUpId: null,
    at: deps.now(),
  });
  if (!rating) throw conflict('NOT_RATEABLE', '您已经评价过了，感谢您的反馈');
  if (!isPoorRating(body.level) || !item.followUp) return { rating, followUp: null };
  const f = item.followUp;
  const text = `${f.what}的评价为「${RATING_LEVEL_LABELS[body.level - 1]}」${comment ? `：${comment}` : ''}`;
  const followUp = await openFollowUp(
    deps,
    {
      userId: item.userId,
      category: f.category,
      text,
      unit: f.unit,
      followUpOf: f.followUpOf,
      about: { kind: item.kind, id: item.id, serviceId: item.serviceId, siteId: item.siteId, eventId: item.eventId },
    },
    FOLLOW_UP,
  );
  await repo.setRatingFollowUp(key, String(followUp._id));
  await notifyStep(deps, followUp, 'followup');
  return { rating: { ...rating, followUpId: String(followUp._id) }, followUp };
}

/** POST /api/requests/:id/rating: its owner, once, after the reply (also after staff closed it). */
export async function rateRequest(deps: Deps, user: AuthUser, id: string, body: RatingBody): Promise<RatingView> {
  const { r, owner } = await loadFor(user, id);
  if (!owner) throw notFound('NOT_FOUND', '没有找到这条诉求');
  if (r.status !== 'replied' && r.status !== 'closed' && r.status !== 'rated') throw conflict('NOT_RATEABLE', '答复之后才能评价');
  const unit = r.unit && isRequestUnit(r.unit) ? r.unit : null;
  const { rating } = await rate(
    deps,
    {
      kind: 'request',
      id,
      userId: user.id,
      serviceId: r.serviceId,
      siteId: r.siteId,
      eventId: r.eventId,
      followUp:
        r.followUpOf || r.aboutKind
          ? null
          : {
              category: r.category as RequestCategory,
              unit,
              what: `对诉求 ${r.trackingNo}（${REQUEST_CATEGORY_LABELS[r.category as RequestCategory]}）答复`,
              followUpOf: id,
            },
    },
    body,
  );
  // Replied → rated; when staff closed it meanwhile, the rating stands and the status stays closed.
  if (r.status === 'replied') await tryStep(deps, id, 'replied', 'rated', 'citizen', { set: { status: 'rated' } });
  return presentRating(rating);
}

/** POST /api/bookings/:id/rating: its owner, once, after it was served. */
export async function rateBooking(deps: Deps, user: AuthUser, id: string, body: RatingBody): Promise<RatingView> {
  const b = await bookings.findBooking(id);
  if (!b || !b.userId || String(b.userId) !== user.id) throw notFound('NOT_FOUND', '没有找到这个预约');
  if (b.status !== 'served') throw conflict('NOT_RATEABLE', '办结之后才能评价');
  const svc = await services.findService(String(b.serviceId));
  const site = await services.findSite(String(b.siteId));
  const { rating } = await rate(
    deps,
    {
      kind: 'booking',
      id,
      userId: user.id,
      serviceId: String(b.serviceId),
      siteId: String(b.siteId),
      followUp: {
        category: 'services',
        unit: (svc && UNIT_OF_KIND[svc.kind]) ?? 'general',
        what: `对「${svc?.name ?? '预约服务'}${site ? ` · ${site.name}` : ''}」服务`,
        followUpOf: null,
      },
    },
    body,
  );
  return presentRating(rating);
}

/** POST /api/registrations/:id/rating: its owner, once, after a ticket of it was checked in. */
export async function rateRegistration(deps: Deps, user: AuthUser, id: string, body: RatingBody): Promise<RatingView> {
  const visit = await events.visitOf(id);
  if (!visit || visit.userId !== user.id) throw notFound('NOT_FOUND', '没有找到这个报名');
  if (!visit.checkedIn) throw conflict('NOT_RATEABLE', '入场之后才能评价');
  const { rating } = await rate(
    deps,
    {
      kind: 'registration',
      id,
      userId: user.id,
      eventId: visit.eventId,
      followUp: { category: 'events', unit: 'events', what: `对活动「${visit.eventTitle}」`, followUpOf: null },
    },
    body,
  );
  return presentRating(rating);
}
