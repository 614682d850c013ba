import { maskName } from '@jingkai/shared';
import type { Deps } from '../../deps';
import type { RegistrationDoc, TicketDoc } from './model';

export type IssuedTicket = Omit<TicketDoc, 'createdAt' | 'updatedAt'>;
import * as repo from './repo';

/**
 * One ticket per active attendee of a confirmed registration, written once: the unique
 * {registrationId, attendee} index makes a repeated issue (a resumed sign-up, a second promoter)
 * change nothing. The signed code is computed from the ticket when it is shown. Answers the rows
 * when every one is new (so they are all the registration's tickets, none scanned yet), else null.
 */
export async function issueTickets(deps: Deps, reg: RegistrationDoc): Promise<IssuedTicket[] | null> {
  const rows = reg.attendees.flatMap((a, i) =>
    a.status === 'active'
      ? [
          {
            _id: repo.newId(),
            registrationId: reg._id,
            eventId: reg.eventId,
            sessionId: reg.sessionId,
            attendee: i,
            name: maskName(deps.vault.decrypt(a.nameEnc)),
            status: 'valid' as const,
            issuedAt: deps.now(),
            revokedAt: null,
          },
        ]
      : [],
  );
  return (await repo.insertTickets(rows)) ? rows : null;
}

/** A cancelled attendee's ticket is dead: revoked for every gate, online and offline. */
export async function revokeTickets(registrationId: string, attendees: number[], at: Date): Promise<void> {
  await repo.revokeTicketsOf(registrationId, attendees, at);
}
