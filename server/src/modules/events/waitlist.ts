import { randomUUID } from 'node:crypto';
import type { Deps } from '../../deps';
import * as capacity from '../capacity';
import * as lease from '../lease';
import * as transitions from '../transitions';
import { notifyRegistration } from './notify';
import { issueTickets } from './tickets';
import * as repo from './repo';

const HOLDER = `api-${randomUUID()}`;

const LEASE_MS = 30_000;

const guard = { lease: true };

/**
 * Test-only switch for the negative control: with it off, every promoter goes in at once (no
 * `waitlist:<session>` lease). With the transitions guard off too, two promoters both confirm the
 * same registration, which the race test must catch. Production code never turns it off.
 */
export function setPromotionLeaseForTests(enabled: boolean): void {
  guard.lease = enabled;
}

const activeHashes = (r: repo.RegistrationDoc) => r.attendees.filter((a) => a.status === 'active').map((a) => a.idHash);

/**
 * Gives freed places of a session to the waitlist, in arrival order: each time, the first
 * registration whose whole group fits is confirmed (a group of three does not block a single person
 * behind it from a single freed place, and keeps its own place in line). One promoter per session at a
 * time, across instances, through the `waitlist:<session>` lease; what decides each place is still a
 * unique insert (the group claim in the session's pool), and the move out of `waitlisted` is an exit
 * row of the transitions module, so a registration is promoted once however many try. Returns how
 * many were promoted.
 */
export async function promote(deps: Deps, sessionId: string): Promise<number> {
  const name = `waitlist:${sessionId}`;
  // Each promoter its own holder: a lease renews for its holder, so one name per instance would let
  // this instance's promoters all in at once.
  const holder = `${HOLDER}:${randomUUID()}`;
  let held = !guard.lease;
  // Someone else promoting now will see this place too: it looks again after letting go.
  for (let i = 0; i < 20 && !held; i++) {
    held = await lease.acquireLease(name, holder, deps.now(), new Date(deps.now().getTime() + LEASE_MS));
    if (!held) await new Promise((r) => setTimeout(r, 100));
  }
  if (!held) return 0;
  let promoted = 0;
  try {
    const session = await repo.findSession(sessionId);
    const ev = session && (await repo.findEvent(String(session.eventId)));
    if (!session || !ev) return 0;
    const pool = capacity.sessionPool(sessionId);
    for (;;) {
      const [left] = [...(await capacity.remaining([{ poolId: pool, capacity: session.capacity }])).values()];
      const free = left ?? 0;
      if (free <= 0) break;
      const next = (await repo.waitlistOf(sessionId)).find((r) => activeHashes(r).length <= free);
      if (!next) break;
      const id = String(next._id);
      const seats = await capacity.claimGroup(pool, session.capacity, activeHashes(next), id);
      if (seats.result !== 'ok') break;
      const won = await transitions.claimExit({
        subject: `registration:${id}`,
        from: 'waitlisted',
        to: 'confirmed',
        by: 'system',
        patch: {},
        at: deps.now(),
      });
      if (!won) {
        // The exit row says who won: another promoter (the places are its), or the owner leaving
        // the line (the places go back for the next one).
        const exit = await transitions.exitOf(`registration:${id}`, 'waitlisted');
        if (exit?.to !== 'confirmed') await capacity.release(id);
        continue;
      }
      const reg = (await repo.updateRegistration(id, { status: 'confirmed', confirmedAt: deps.now() }))!;
      await issueTickets(deps, reg);
      await transitions.markApplied(`registration:${id}`, 'waitlisted');
      await notifyRegistration(deps, reg, ev, session, 'registration.promoted');
      promoted++;
    }
  } finally {
    if (guard.lease) await lease.releaseLease(name, holder);
  }
  return promoted;
}

/** The sweeper's share: sessions with a waitlist get their free places looked at, in case a promoter died. */
export async function promoteAll(deps: Deps): Promise<number> {
  let n = 0;
  for (const sessionId of await repo.sessionsWithWaitlist()) n += await promote(deps, sessionId);
  return n;
}
