import {
  isRequestUnit,
  maskNumbersInText,
  type RatingView,
  type RequestCategory,
  type RequestDetail,
  type RequestStatus,
  type RequestUnit,
  type StaffRequestItem,
} from '@jingkai/shared';
import type { Deps } from '../../deps';
import { handlesRequests, isAdmin, type AuthUser } from '../../http/auth';
import { notFound } from '../../http/errors';
import { toIso } from '../../lib/time';
import * as transitions from '../transitions';
import { aboutTitle, isFollowUp } from './about';
import * as ratings from '../ratings';
import * as repo from './repo';

export const subjectOf = (id: string) => `request:${id}`;
export const ratingKey = (kind: 'booking' | 'registration' | 'request', id: string) => `${kind}:${id}`;

const NOT_ACCEPTED = ['held', 'received'];
const NOT_REPLIED = ['held', 'received', 'accepted', 'assigned'];

/** Past the deadline of the step it waits for: acceptance, then the reply. */
export function isOverdue(r: Pick<repo.RequestDoc, 'status' | 'acceptDueAt' | 'dueAt'>, now: Date): boolean {
  if (NOT_ACCEPTED.includes(r.status) && now > r.acceptDueAt) return true;
  return NOT_REPLIED.includes(r.status) && now > r.dueAt;
}

/**
 * Staff of 诉求办理 handle the requests of their units and those not assigned yet; 综合 and admins
 * handle every request.
 */
export function mayHandle(u: AuthUser, r: Pick<repo.RequestDoc, 'unit'>): boolean {
  if (isAdmin(u)) return true;
  if (!handlesRequests(u)) return false;
  return u.staffRequestUnits.includes('general') || !r.unit || u.staffRequestUnits.includes(r.unit);
}

/** The unit that answers for a service of this kind: its 差评 go there, its ratings count in its figures. */
export const UNIT_OF_KIND: Record<string, RequestUnit> = {
  'insurance-doorstep': 'insurance',
  'insurance-appointment': 'insurance',
  childcare: 'childcare',
  'elderly-meal': 'elderly',
};

/** The units a staff member's queue shows, or undefined for all of them. */
export const visibleUnits = (u: AuthUser): string[] | undefined =>
  isAdmin(u) || u.staffRequestUnits.includes('general') ? undefined : u.staffRequestUnits;

/** Its owner, or staff who handle it; anyone else hears "not found" (its existence is not revealed). */
export async function loadFor(user: AuthUser, id: string): Promise<{ r: repo.RequestDoc; owner: boolean; staff: boolean }> {
  const r = await repo.findRequest(id);
  if (!r) throw notFound('NOT_FOUND', '没有找到这条诉求');
  const owner = String(r.userId) === user.id;
  const staff = mayHandle(user, r);
  if (!owner && !staff) throw notFound('NOT_FOUND', '没有找到这条诉求');
  return { r, owner, staff };
}

const unitOf = (v: string | null | undefined): RequestUnit | null => (v && isRequestUnit(v) ? v : null);

export function presentRating(g: ratings.RatingDoc): RatingView {
  return { id: String(g._id), level: g.level, comment: g.comment ?? null, at: toIso(g.at), followUpId: g.followUpId ?? null };
}

export function presentItem(deps: Deps, r: repo.RequestDoc) {
  return {
    id: String(r._id),
    trackingNo: r.trackingNo,
    category: r.category as RequestCategory,
    status: r.status as RequestStatus,
    dueAt: toIso(r.dueAt),
    overdue: isOverdue(r, deps.now()),
    receivedAt: toIso(r.receivedAt),
    followUpOf: r.followUpOf ? String(r.followUpOf) : null,
  };
}

export function presentStaffItem(deps: Deps, r: repo.RequestDoc): StaffRequestItem {
  return {
    ...presentItem(deps, r),
    unit: unitOf(r.unit),
    acceptDueAt: toIso(r.acceptDueAt),
    // Lists and exports never show a number typed into the text; the request's own page does, for whoever handles it.
    excerpt: Array.from(maskNumbersInText(r.text)).slice(0, 60).join(''),
    heldReason: r.status === 'held' && (r.heldReason === 'review' || r.heldReason === 'unreachable') ? r.heldReason : null,
  };
}

type By = 'citizen' | 'staff' | 'system';
const byOf = (v: string): By => (v === 'citizen' || v === 'staff' ? v : 'system');

/** The request with its timeline (each step: when, by whom, the note), the reply, additions and rating. */
export async function presentDetail(deps: Deps, r: repo.RequestDoc, owner: boolean): Promise<RequestDetail> {
  const id = String(r._id);
  const [exits, additions, rating, followUps] = await Promise.all([
    transitions.exitsOf(subjectOf(id)),
    repo.additionsOf(id),
    ratings.findRating(ratingKey('request', id)),
    repo.followUpsOf([id]),
  ]);
  const first = r.heldReason ? 'held' : 'received';
  const timeline: RequestDetail['timeline'] = [
    { status: first, at: toIso(r.receivedAt), by: isFollowUp(r) ? 'system' : 'citizen' },
    ...exits.map((e) => {
      const unit = unitOf(e.patch.unit as string | undefined);
      const note = typeof e.patch.note === 'string' ? e.patch.note : undefined;
      return { status: e.to as RequestStatus, at: toIso(e.at), by: byOf(e.by), ...(note ? { note } : {}), ...(unit ? { unit } : {}) };
    }),
  ];
  return {
    ...presentItem(deps, r),
    text: r.text,
    photos: r.photos,
    location: r.location ? { lat: r.location.lat ?? 0, lng: r.location.lng ?? 0, address: r.location.address ?? null } : null,
    contact: r.contact as 'phone' | 'message',
    unit: unitOf(r.unit),
    reply: r.reply ?? null,
    acceptDueAt: toIso(r.acceptDueAt),
    timeline,
    additions: additions.map((a) => ({ text: a.text, at: toIso(a.at), held: !!a.held })),
    rating: rating ? presentRating(rating) : null,
    rateable: owner && !rating && r.status === 'replied',
    followUps: followUps.map((f) => ({ id: String(f._id), trackingNo: f.trackingNo })),
    about:
      r.aboutKind && r.aboutId
        ? {
            kind: r.aboutKind as 'booking' | 'registration' | 'request',
            id: r.aboutId,
            title: await aboutTitle(r, async (rid) => (await repo.findRequest(rid))?.trackingNo ?? null),
            serviceId: r.serviceId ?? null,
            siteId: r.siteId ?? null,
            eventId: r.eventId ?? null,
          }
        : null,
  };
}
