import type { Deps } from '../../deps';
import { addDays, at } from '../../lib/time';
import * as outbox from '../outbox/service';
import { fmt } from './present';
import type * as repo from './repo';

const detailPage = (id: string) => `/packageBooking/detail/index?id=${id}`;

/** The confirmation now, and the reminder at 18:00 Shanghai time the evening before unless that has passed. */
export async function notifyConfirmed(deps: Deps, b: repo.BookingDoc, openid: string, serviceName: string, siteName: string) {
  const t = deps.config.subscribeTemplates;
  const id = String(b._id);
  const data = {
    thing1: { value: serviceName },
    time2: { value: fmt(b.start) },
    thing3: { value: siteName.slice(0, 20) },
    character_string4: { value: b.code },
  };
  await outbox.enqueue({
    dedupeKey: `booking:${id}:confirmed`,
    kind: 'booking.confirmed',
    openid,
    templateId: t.bookingConfirmed,
    page: detailPage(id),
    data,
    sendAfter: deps.now(),
  });
  const reminderAt = at(addDays(b.date, -1), '18:00');
  if (reminderAt > deps.now()) {
    await outbox.enqueue({
      dedupeKey: `booking:${id}:reminder`,
      kind: 'booking.reminder',
      openid,
      templateId: t.bookingReminder,
      page: detailPage(id),
      data,
      sendAfter: reminderAt,
    });
  }
}

/** Staff cancelled (or closed the slot): the citizen hears why. */
export async function notifyCancelledByStaff(deps: Deps, b: repo.BookingDoc, openid: string, serviceName: string, reason: string) {
  const id = String(b._id);
  await outbox.enqueue({
    dedupeKey: `booking:${id}:cancelled`,
    kind: 'booking.cancelled',
    openid,
    templateId: deps.config.subscribeTemplates.bookingChanged,
    page: detailPage(id),
    data: { thing1: { value: serviceName || '预约' }, time2: { value: fmt(b.start) }, thing3: { value: reason.slice(0, 20) } },
    sendAfter: deps.now(),
  });
}

/** A reminder still waiting is dropped when the booking ends early. */
export const dropReminder = (bookingId: string) => outbox.cancelPending(`booking:${bookingId}:reminder`);
