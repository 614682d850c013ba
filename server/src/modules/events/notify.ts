import { monthDayTime } from '@jingkai/shared';
import type { Deps } from '../../deps';
import * as outbox from '../outbox';
import * as users from '../users';
import type { EventDoc, RegistrationDoc, SessionDoc } from './model';

/** Tells the person who signed up: confirmed (with tickets), on the waitlist, or promoted from it. */
export async function notifyRegistration(
  deps: Deps,
  reg: RegistrationDoc,
  ev: EventDoc,
  session: SessionDoc,
  kind: 'registration.confirmed' | 'registration.waitlisted' | 'registration.promoted',
): Promise<void> {
  if (!reg.userId) return;
  const who = await users.findForAuth(String(reg.userId));
  if (!who?.openid) return;
  const people = reg.attendees.filter((a) => a.status === 'active').length;
  await outbox.notify(deps, kind, who.openid, {
    subject: `registration:${String(reg._id)}`,
    page: `/packageEvents/registration/index?id=${String(reg._id)}`,
    fields: {
      thing1: ev.title.slice(0, 20),
      time2: monthDayTime(session.startAt),
      thing3: kind === 'registration.waitlisted' ? `候补 ${people} 人，有空位会通知您` : `${people} 人报名成功，凭电子票入场`,
    },
  });
}
