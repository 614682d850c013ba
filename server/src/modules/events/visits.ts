import * as repo from './repo';

/** An event visit as 好差评 needs it: whose registration, which event, and whether anyone of it got in. */
export async function visitOf(
  registrationId: string,
): Promise<{ userId: string | null; eventId: string; sessionId: string; eventTitle: string; checkedIn: boolean } | null> {
  const reg = await repo.findRegistration(registrationId);
  if (!reg) return null;
  const tickets = await repo.ticketsOf([registrationId]);
  const checkins = tickets.length ? await repo.checkinsOf({ ticketIds: tickets.map((t) => String(t._id)) }) : [];
  const event = await repo.findEvent(String(reg.eventId));
  return {
    userId: reg.userId ? String(reg.userId) : null,
    eventId: String(reg.eventId),
    sessionId: String(reg.sessionId),
    eventTitle: event?.title ?? '活动',
    checkedIn: checkins.length > 0,
  };
}
