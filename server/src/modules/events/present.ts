import { maskIdNumber, maskName, maskPhone, type RegistrationView } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { toIso } from '../../lib/time';
import * as ratings from '../ratings';
import type { EventDoc, RegistrationDoc, SessionDoc } from './model';
import * as repo from './repo';
import type { IssuedTicket } from './tickets';

/** The moment a citizen may no longer cancel a place in a session. */
export const cancelUntil = (ev: Pick<EventDoc, 'cancelMinutesBefore'>, s: Pick<SessionDoc, 'startAt'>) =>
  new Date(s.startAt.getTime() - (ev.cancelMinutesBefore ?? 120) * 60_000);

/** The signup window of a session: open from `signupOpensAt` (or at once) until `signupClosesAt` (or its start). */
export const signupWindow = (s: Pick<SessionDoc, 'startAt' | 'signupOpensAt' | 'signupClosesAt'>) => ({
  opensAt: s.signupOpensAt ?? null,
  closesAt: s.signupClosesAt ?? s.startAt,
});

/** Where a waitlisted registration stands: 1 = next in line. */
export async function positionOf(reg: RegistrationDoc): Promise<number> {
  if (!reg.waitSince) return 1;
  return (await repo.countWaitingAhead(String(reg.sessionId), reg.waitSince, reg._id)) + 1;
}

/**
 * A registration as its owner or the event's staff see it: ID numbers and phones masked, names
 * masked too (the contract's "attendees (masked)"); the tickets carry their signed codes.
 */
/** `issued`: the registration's tickets when the caller has just written them all (none is scanned yet). */
export async function presentRegistration(
  deps: Deps,
  reg: RegistrationDoc,
  ev: EventDoc,
  session: SessionDoc,
  issued?: IssuedTicket[],
): Promise<RegistrationView> {
  const tickets = issued ?? (await repo.ticketsOf([String(reg._id)]));
  const checkins = issued ? [] : await repo.checkinsOf({ ticketIds: tickets.map((t) => String(t._id)) });
  const entered = new Map(checkins.map((c) => [String(c.ticketId), c.at]));
  const rating = checkins.length ? (await ratings.ratedOf('registration', [String(reg._id)])).get(String(reg._id)) : undefined;
  const view: RegistrationView = {
    id: String(reg._id),
    eventId: String(reg.eventId),
    sessionId: String(reg.sessionId),
    eventTitle: ev.title,
    venue: ev.venue,
    startAt: toIso(session.startAt),
    endAt: toIso(session.endAt),
    status: reg.status as RegistrationView['status'],
    attendees: reg.attendees.map((a) => ({
      name: maskName(deps.vault.decrypt(a.nameEnc)),
      idNumber: maskIdNumber(deps.vault.decrypt(a.idNumberEnc)),
      phone: a.phoneEnc ? maskPhone(deps.vault.decrypt(a.phoneEnc)) : null,
      status: a.status as 'active' | 'cancelled',
    })),
    tickets: tickets
      .sort((a, b) => a.attendee - b.attendee)
      .map((t) => ({
        code: deps.tickets.sign({ ticketId: String(t._id), eventId: String(t.eventId), sessionId: String(t.sessionId) }),
        attendee: t.name,
        index: t.attendee,
        status: t.status as 'valid' | 'revoked',
        checkedInAt: entered.has(String(t._id)) ? toIso(entered.get(String(t._id))!) : null,
      })),
    cancellableUntil: toIso(cancelUntil(ev, session)),
    createdAt: toIso(reg.createdAt),
    rating: rating ? { level: rating.level, at: toIso(rating.at) } : null,
  };
  if (reg.status === 'waitlisted') view.position = await positionOf(reg);
  return view;
}
