import { maskName } from '@jingkai/shared';
import type { Deps } from '../../deps';
import type { RegistrationDoc } from './model';
import * as repo from './repo';

/**
 * One ticket per active attendee of a confirmed registration, written once: the unique
 * {registrationId, attendee} index makes a repeated issue (a resumed sign-up, a second promoter)
 * change nothing. The signed code is computed from the ticket when it is shown.
 */
export async function issueTickets(deps: Deps, reg: RegistrationDoc): Promise<void> {
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
  await repo.insertTickets(rows);
}

/** A cancelled attendee's ticket is dead: revoked for every gate, online and offline. */
export async function revokeTickets(registrationId: string, attendees: number[], at: Date): Promise<void> {
  await repo.revokeTicketsOf(registrationId, attendees, at);
}
