import type { Deps } from '../../deps';
import * as repo from './repo';

/** Subscribe-message templates; ids come from the mini-program console (config), demo ids otherwise. */
export type Template = 'bookingConfirmed' | 'bookingReminder' | 'bookingChanged' | 'eventSignup' | 'waitlist' | 'requestProgress';

/** Every kind of message a feature sends, with the template it is sent with. */
const TEMPLATE_OF = {
  'booking.confirmed': 'bookingConfirmed',
  'booking.reminder': 'bookingReminder',
  'booking.cancelled': 'bookingChanged',
  'registration.confirmed': 'eventSignup',
  'registration.waitlisted': 'waitlist',
  'registration.promoted': 'eventSignup',
  'request.accepted': 'requestProgress',
  'request.replied': 'requestProgress',
  'request.followup': 'requestProgress',
} as const satisfies Record<string, Template>;

export type NoticeKind = keyof typeof TEMPLATE_OF;

export interface Notice {
  /** What the message is about (`booking:<id>`); with the kind's last word it is the dedupe key (`booking:<id>:reminder`). */
  subject: string;
  /** The mini-program page the message opens. */
  page: string;
  /** The template's fields as plain text. */
  fields: Record<string, string>;
  /** When to send it; now when not given. */
  sendAfter?: Date;
}

const dedupeKey = (kind: NoticeKind, subject: string) => `${subject}:${kind.slice(kind.indexOf('.') + 1)}`;

/**
 * Queues one subscribe message of `kind` to the person with openid `to`. Queued once per kind and
 * subject, so a retried operation never sends it twice; the outbox worker sends it when it is due.
 */
export async function notify(deps: Deps, kind: NoticeKind, to: string, notice: Notice): Promise<void> {
  await repo.enqueue(message(deps, kind, to, notice));
}

/** Queues several messages at once, in one write: each as `notify` would, once per kind and subject. */
export async function notifyAll(deps: Deps, to: string, notices: { kind: NoticeKind; notice: Notice }[]): Promise<void> {
  await repo.enqueueMany(notices.map(({ kind, notice }) => message(deps, kind, to, notice)));
}

function message(deps: Deps, kind: NoticeKind, to: string, notice: Notice): repo.NewMessage {
  return {
    dedupeKey: dedupeKey(kind, notice.subject),
    kind,
    openid: to,
    templateId: deps.config.subscribeTemplates[TEMPLATE_OF[kind]],
    page: notice.page,
    data: Object.fromEntries(Object.entries(notice.fields).map(([k, value]) => [k, { value }])),
    sendAfter: notice.sendAfter ?? deps.now(),
  };
}

/** Drops a message of `kind` about `subject` that is still waiting (a reminder for a booking that ended early). */
export function cancelNotice(kind: NoticeKind, subject: string): Promise<void> {
  return repo.cancelPending(dedupeKey(kind, subject));
}
