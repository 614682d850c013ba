import { monthDayTime, type RegistrationView } from '@jingkai/shared';
import { isAdmin, isStaffOf } from '../../http/auth';
import { conflict, notFound, validationError } from '../../http/errors';
import * as capacity from '../capacity';
import * as transitions from '../transitions';
import { cancelUntil, presentRegistration } from './present';
import { applyAttendeeCancel, settleAttendees } from './repair';
import type { Context } from './register';
import * as repo from './repo';
import { promote } from './waitlist';

/** A registration its owner, the event's staff or an admin may see; anyone else hears "not found". */
export async function loadRegistration(ctx: Context, id: string, who: 'see' | 'cancel') {
  const reg = await repo.findRegistration(id);
  const owner = reg?.userId != null && String(reg.userId) === ctx.user.id;
  const allowed = reg && (owner || (who === 'see' ? isStaffOf(ctx.user, { eventId: String(reg.eventId) }) : isAdmin(ctx.user)));
  if (!reg || !allowed) throw notFound('NOT_FOUND', '没有找到这个报名');
  const [ev, session] = await Promise.all([repo.findEvent(String(reg.eventId)), repo.findSession(String(reg.sessionId))]);
  if (!ev || !session) throw notFound('NOT_FOUND', '没有找到这个报名');
  return { reg, ev, session, owner };
}

export async function get(ctx: Context, id: string): Promise<RegistrationView> {
  const { reg, ev, session } = await loadRegistration(ctx, id, 'see');
  return presentRegistration(ctx.deps, reg, ev, session);
}

/**
 * Cancels attendees of a registration (by their indexes), or all of them, or leaves the waitlist.
 * Each attendee's cancel is an exit row of its own (`registration:<id>:<index>` out of `active`), so
 * racing cancels free a place once. A freed place goes to the waitlist at once.
 */
export async function cancel(ctx: Context, id: string, indexes?: number[]): Promise<RegistrationView> {
  const { deps } = ctx;
  const { reg, ev, session, owner } = await loadRegistration(ctx, id, 'cancel');
  if (reg.status === 'cancelled') throw conflict('REGISTRATION_NOT_CANCELLABLE', '这个报名已经取消了');
  const until = cancelUntil(ev, session);
  if (owner && !isAdmin(ctx.user) && deps.now() >= until) {
    throw conflict('CANCEL_CLOSED', `已过取消截止时间（${monthDayTime(until)}），如需取消请联系主办方`);
  }
  // Whoever is already in (checked in at the gate) keeps their place: it cannot be given away again.
  const entered = await enteredAttendees(id);
  const active = reg.attendees.flatMap((a, i) => (a.status === 'active' && !entered.has(i) ? [i] : []));
  const targets = indexes ? [...new Set(indexes)] : active;
  for (const [k, i] of targets.entries()) {
    if (!reg.attendees[i]) throw validationError({ [`attendees.${k}`]: '没有这位参加人' });
    if (reg.attendees[i]!.status !== 'active') throw validationError({ [`attendees.${k}`]: '这位参加人已经取消了' });
    if (entered.has(i)) throw conflict('ALREADY_CHECKED_IN', '这位参加人已经入场，不能取消');
  }
  if (targets.length === 0) throw conflict('ALREADY_CHECKED_IN', '参加人都已入场，不能取消');
  const wasConfirmed = reg.status === 'confirmed';
  let freed = 0;
  const lostToEntry: number[] = [];
  for (const i of targets) {
    const exit = {
      subject: `attendee:${id}.${i}`,
      from: 'active',
      to: 'cancelled',
      by: owner ? 'citizen' : 'staff',
      patch: {},
      at: deps.now(),
    };
    if (!(await transitions.claimExit(exit))) {
      // A scan at the gate took this attendee in at the same moment: named below, the place stays.
      if ((await transitions.exitOf(exit.subject, 'active'))?.to === 'entered') lostToEntry.push(i);
      continue;
    }
    freed += await applyAttendeeCancel(String(ev._id), id, i, exit.at);
    await transitions.markApplied(exit.subject, exit.from);
  }
  const after = (await settleAttendees(id))!;
  if (after.attendees.every((a) => a.status === 'cancelled') && after.status !== 'cancelled') {
    // Nobody left: the registration ends too (out of `waitlisted` or `confirmed`, once).
    if (
      await transitions.claimExit({
        subject: `registration:${id}`,
        from: after.status,
        to: 'cancelled',
        by: 'citizen',
        patch: {},
        at: deps.now(),
      })
    ) {
      await repo.updateRegistration(id, { status: 'cancelled', cancelledAt: deps.now() });
      await capacity.release(id);
      await transitions.markApplied(`registration:${id}`, after.status);
    }
  }
  // A freed place, or a smaller group now fitting, moves the line.
  if (freed || (!wasConfirmed && targets.length)) await promote(deps, String(session._id));
  // Only attendees who went in at that very moment were asked for: say so, as for one already in.
  if (indexes && lostToEntry.length === targets.length) throw conflict('ALREADY_CHECKED_IN', '这位参加人已经入场，不能取消');
  const final = (await repo.findRegistration(id))!;
  return presentRegistration(deps, final, ev, session);
}

/** Indexes of a registration's attendees whose ticket was checked in. */
async function enteredAttendees(registrationId: string): Promise<Set<number>> {
  const tickets = await repo.ticketsOf([registrationId]);
  const entries = await repo.checkinsOf({ ticketIds: tickets.map((t) => String(t._id)) });
  const inside = new Set(entries.map((c) => String(c.ticketId)));
  return new Set(tickets.filter((t) => inside.has(String(t._id))).map((t) => t.attendee));
}

/** 我的报名: the person's registrations, newest first, cancelled ones included. */
export async function listMine(ctx: Context, page: number, pageSize: number) {
  const { docs, total } = await repo.listRegistrationsOfUser(ctx.user.id, (page - 1) * pageSize, pageSize);
  const items: RegistrationView[] = [];
  for (const reg of docs) {
    const [ev, session] = await Promise.all([repo.findEvent(String(reg.eventId)), repo.findSession(String(reg.sessionId))]);
    if (ev && session) items.push(await presentRegistration(ctx.deps, reg, ev, session));
  }
  return { items, total, page, pageSize };
}
