import type { Deps } from '../../deps';
import { reminderAt } from '@jingkai/shared';
import * as outbox from '../outbox';
import { fmt } from './present';
import type * as repo from './repo';

const detailPage = (id: string) => `/packageBooking/detail/index?id=${id}`;
const subjectOf = (id: string) => `booking:${id}`;

/** The confirmation now, and the reminder at 18:00 Shanghai time the evening before unless that has passed. */
export async function notifyConfirmed(deps: Deps, b: repo.BookingDoc, openid: string, serviceName: string, siteName: string) {
  const id = String(b._id);
  const notice = {
    subject: subjectOf(id),
    page: detailPage(id),
    fields: { thing1: serviceName, time2: fmt(b.start), thing3: siteName.slice(0, 20), character_string4: b.code },
  };
  const remindAt = reminderAt(b.date);
  await outbox.notifyAll(deps, openid, [
    { kind: 'booking.confirmed', notice },
    ...(remindAt > deps.now() ? [{ kind: 'booking.reminder' as const, notice: { ...notice, sendAfter: remindAt } }] : []),
  ]);
}

/** Staff cancelled (or closed the slot): the citizen hears why. */
export async function notifyCancelledByStaff(deps: Deps, b: repo.BookingDoc, openid: string, serviceName: string, reason: string) {
  const id = String(b._id);
  await outbox.notify(deps, 'booking.cancelled', openid, {
    subject: subjectOf(id),
    page: detailPage(id),
    fields: { thing1: serviceName || '预约', time2: fmt(b.start), thing3: reason.slice(0, 20) },
  });
}

/** A reminder still waiting is dropped when the booking ends early. */
export const dropReminder = (bookingId: string) => outbox.cancelNotice('booking.reminder', subjectOf(bookingId));
