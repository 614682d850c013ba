import type { Deps } from '../../deps';
import * as capacity from '../capacity';
import * as transitions from '../transitions';
import * as repo from './repo';
import { issueTickets, revokeTickets } from './tickets';

/**
 * One attendee leaves a registration: marked cancelled, ticket revoked, seat and real-name place
 * given back. Every step is idempotent, so the sweeper may run it again. Returns the seats freed.
 */
export async function applyAttendeeCancel(eventId: string, registrationId: string, index: number): Promise<number> {
  const reg = await repo.updateRegistration(registrationId, { [`attendees.${index}.status`]: 'cancelled' });
  const a = reg?.attendees[index];
  if (!reg || !a) return 0;
  await revokeTickets(registrationId, [index]);
  const freed = await capacity.releaseHolder(capacity.sessionPool(String(reg.sessionId)), a.idHash);
  await repo.releaseIdentities(eventId, [a.idHash], registrationId);
  return freed;
}

/**
 * Finishes sign-up changes whose request died after winning its exit row (the sweeper, every
 * minute): a promotion out of the waitlist gets its status and tickets, an attendee's cancel its
 * consequences.
 */
export function repairRegistrationExits(deps: Deps, before: Date): Promise<number> {
  return transitions.repair(before, {
    registration: async (e) => {
      if (e.to === 'confirmed') {
        const reg = await repo.updateRegistration(e.id, { status: 'confirmed', confirmedAt: e.at });
        if (reg) await issueTickets(deps, reg);
      } else if (e.to === 'cancelled') {
        await repo.updateRegistration(e.id, { status: 'cancelled', cancelledAt: e.at });
        await capacity.release(e.id);
      }
    },
    attendee: async (e) => {
      const [registrationId, index] = e.id.split('.') as [string, string];
      const reg = await repo.findRegistration(registrationId);
      if (reg) await applyAttendeeCancel(String(reg.eventId), registrationId, Number(index));
    },
  });
}

/** Seats of event sessions whose registration was never written (a crash between the two writes). */
export function sweepSessionSeats(olderThan: Date): Promise<number> {
  return capacity.sweepOrphans(['session'], olderThan, (ids) => repo.existingRegistrationIds(ids));
}
