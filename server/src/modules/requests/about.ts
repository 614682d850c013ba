import { monthDayTime, type RequestBody } from '@jingkai/shared';
import { validationError } from '../../http/errors';
import * as bookings from '../bookings';
import * as events from '../events';
import * as services from '../services';
import type * as repo from './repo';

type About = NonNullable<RequestBody['about']>;

/** Where a request's link to what it is about is kept (the follow-up of a rating keeps the same). */
export interface AboutFields {
  aboutKind: string;
  aboutId: string;
  serviceId: string | null;
  siteId: string | null;
  eventId: string | null;
}

/**
 * What a filing made from a booking's or a registration's page is about, checked to be the citizen's
 * own: another person's (or an unknown id) is refused as a bad `about.id`, telling nothing of it.
 */
export async function ownAbout(userId: string, about: About): Promise<AboutFields> {
  const notYours = () => validationError({ 'about.id': about.kind === 'booking' ? '没有找到这个预约' : '没有找到这个报名' });
  if (about.kind === 'booking') {
    const b = await bookings.findBooking(about.id);
    if (!b?.userId || String(b.userId) !== userId) throw notYours();
    return { aboutKind: 'booking', aboutId: about.id, serviceId: String(b.serviceId), siteId: String(b.siteId), eventId: null };
  }
  const visit = await events.visitOf(about.id);
  if (!visit || visit.userId !== userId) throw notYours();
  return { aboutKind: 'registration', aboutId: about.id, serviceId: null, siteId: null, eventId: visit.eventId };
}

/** How a request's page names what it is about: the booking (service · site · when), the event, or the request. */
export async function aboutTitle(r: repo.RequestDoc, trackingNoOf: (id: string) => Promise<string | null>): Promise<string> {
  if (r.aboutKind === 'booking') {
    const [b, svc, site] = await Promise.all([
      bookings.findBooking(r.aboutId!),
      r.serviceId ? services.findService(r.serviceId) : null,
      r.siteId ? services.findSite(r.siteId) : null,
    ]);
    const parts = [svc?.name ?? '预约服务', site?.name, b ? monthDayTime(b.start) : undefined].filter(Boolean);
    return `${parts.join(' · ')} 的预约`;
  }
  if (r.aboutKind === 'registration') {
    const visit = await events.visitOf(r.aboutId!);
    return `活动「${visit?.eventTitle ?? '活动'}」的报名`;
  }
  const no = await trackingNoOf(r.aboutId!);
  return no ? `诉求 ${no}` : '诉求';
}

/** Whether the system opened it (the follow-up of a 差评) rather than the citizen. */
export const isFollowUp = (r: Pick<repo.RequestDoc, 'originKey'>): boolean => r.originKey.startsWith('followup:');
