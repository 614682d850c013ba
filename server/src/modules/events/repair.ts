import type { Deps } from '../../deps';
import * as capacity from '../capacity';
import * as transitions from '../transitions';
import type { RegistrationDoc } from './model';
import * as repo from './repo';
import { issueTickets, revokeTickets } from './tickets';

/**
 * One attendee leaves a registration: marked cancelled, ticket revoked, seat and real-name place
 * given back. Every step is idempotent, so the sweeper may run it again. Returns the seats freed.
 */
export async function applyAttendeeCancel(eventId: string, registrationId: string, index: number, at: Date): Promise<number> {
  const reg = await repo.updateRegistration(registrationId, { [`attendees.${index}.status`]: 'cancelled' });
  const a = reg?.attendees[index];
  if (!reg || !a) return 0;
  await revokeTickets(registrationId, [index], at);
  const freed = await capacity.releaseHolder(capacity.sessionPool(String(reg.sessionId)), a.idHash);
  await repo.releaseIdentities(eventId, [a.idHash], registrationId);
  return freed;
}

const settling = { enabled: true };

/** Tests only: without settling, a race test shows the lost update it prevents (its negative control). */
export function setSettleForTests(enabled: boolean): void {
  settling.enabled = enabled;
}

/**
 * Writes each attendee's status as the exit rows (the arbiter) say, until the registration agrees.
 * Two cancels of different attendees race on the one registration document, and FerretDB writes a
 * document whole (read, then write), so one cancel's mark can be lost; the request that reads the
 * rows last writes them all. Never marks a cancelled attendee active again.
 */
export async function settleAttendees(registrationId: string): Promise<RegistrationDoc | null> {
  for (let round = 0; round < (settling.enabled ? 5 : 0); round++) {
    const reg = await repo.findRegistration(registrationId);
    if (!reg) return null;
    const left = await Promise.all(reg.attendees.map((_, i) => transitions.exitOf(`attendee:${registrationId}.${i}`, 'active')));
    const want = reg.attendees.map((a, i) => (left[i]?.to === 'cancelled' ? 'cancelled' : a.status));
    if (want.every((s, i) => s === reg.attendees[i]!.status)) return reg;
    await repo.updateRegistration(registrationId, Object.fromEntries(want.map((s, i) => [`attendees.${i}.status`, s])));
  }
  return repo.findRegistration(registrationId);
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
      // An entry's exit row has nothing left to apply: the check-in row is the entry.
      if (e.to !== 'cancelled') return;
      const [registrationId, index] = e.id.split('.') as [string, string];
      const reg = await repo.findRegistration(registrationId);
      if (reg) await applyAttendeeCancel(String(reg.eventId), registrationId, Number(index), e.at);
      await settleAttendees(registrationId);
    },
  });
}

/** Seats of event sessions whose registration was never written (a crash between the two writes). */
export function sweepSessionSeats(olderThan: Date): Promise<number> {
  return capacity.sweepOrphans(['session'], olderThan, (ids) => repo.existingRegistrationIds(ids));
}
