import {
  ageOn,
  birthDateOfIdNumber,
  CHILD_AGE,
  issuesToFields,
  monthDayTime,
  toDateString,
  type RegistrationBody,
  type RegistrationView,
} from '@jingkai/shared';
import type { Deps } from '../../deps';
import type { AuthUser } from '../../http/auth';
import { AppError, conflict, notFound, validationError } from '../../http/errors';
import { formSchemaOf } from '../../lib/form-schema';
import * as capacity from '../capacity';
import * as family from '../family';
import { notifyRegistration } from './notify';
import { presentRegistration, signupWindow } from './present';
import { issueTickets } from './tickets';
import * as repo from './repo';

export interface Context {
  deps: Deps;
  user: AuthUser;
}

interface Person {
  name: string;
  idNumber: string;
  phone: string | null;
  familyMemberId: string | null;
  isChild: boolean;
}

/** The attendees as people: saved family members filled in on the server, typed ones checked. */
async function peopleOf(ctx: Context, body: RegistrationBody, today: string): Promise<Person[]> {
  const people: Person[] = [];
  for (const [i, a] of body.attendees.entries()) {
    if ('familyMemberId' in a) {
      const m = await family.getPlain(ctx.deps, ctx.user.id, a.familyMemberId).catch(() => {
        throw validationError({ [`attendees.${i}.familyMemberId`]: '没有找到这位家人' });
      });
      // A child is only ever saved by its guardian (the family module makes sure).
      people.push({
        name: m.name,
        idNumber: m.idNumber,
        phone: m.phone,
        familyMemberId: m.id,
        isChild: ageOn(m.birthDate, today) < CHILD_AGE,
      });
      continue;
    }
    const isChild = ageOn(birthDateOfIdNumber(a.idNumber), today) < CHILD_AGE;
    if (isChild)
      throw validationError({ [`attendees.${i}.idNumber`]: '未满 14 周岁的参加人，请先由监护人在「我的-家人」中添加，再选择 TA' });
    people.push({ name: a.name, idNumber: a.idNumber, phone: a.phone ?? null, familyMemberId: null, isChild: false });
  }
  const seen = new Map<string, number>();
  for (const [i, p] of people.entries()) {
    if (seen.has(p.idNumber)) throw validationError({ [`attendees.${i}.idNumber`]: '同一位参加人不能重复填写' });
    seen.set(p.idNumber, i);
  }
  // An ID number only other accounts have bound is theirs to sign up, as with bookings.
  for (const [i, p] of people.entries()) {
    if (p.familyMemberId) continue;
    if ((await family.bindingOf(ctx.deps, ctx.user.id, p.idNumber)).kind === 'others') {
      throw new AppError(409, 'ID_NUMBER_BOUND', '这个身份证号已由其他账号添加，不能用来报名', {
        [`attendees.${i}.idNumber`]: '这个身份证号已由其他账号添加',
      });
    }
  }
  return people;
}

/** Tests only: without the checks after the writes, a race test shows the oversell they prevent. */
export const capacityRecheck = { enabled: true };

/**
 * The group's places under the session's capacity as it stands after the claim: an admin lowering
 * it at the same moment (patchEvent refuses to once anyone holds a place, and checks again after
 * writing) must not leave a seat above it, so a claim made under the old capacity is given back and
 * made again under the new one.
 */
async function claimSeats(pool: string, sessionId: string, places: number, hashes: string[], opId: string, holdsNone: boolean) {
  for (let attempt = 0; ; attempt++) {
    const seats = await capacity.claimGroup(pool, places, hashes, opId, { holdsNone });
    if (!capacityRecheck.enabled) return seats;
    const now = (await repo.findSession(sessionId))?.capacity ?? places;
    if (seats.result !== 'ok' || now >= places || attempt >= 2) return seats;
    await capacity.release(opId);
    places = now;
    holdsNone = true;
  }
}

/** Identity holds younger than this may belong to a sign-up still being written. */
const HOLD_GRACE_MS = 2 * 60_000;

/** Whether the registration holding an account's place at an event has ended (or was never written). */
async function registrationEnded(id: string, heldSince: Date, now: Date): Promise<boolean> {
  const reg = await repo.findRegistration(id);
  if (!reg) return now.getTime() - heldSince.getTime() > HOLD_GRACE_MS;
  return reg.status === 'cancelled' || reg.attendees.every((a) => a.status === 'cancelled');
}

/**
 * Signs up named attendees for one session, all or nothing, under `opId` (the registration's id,
 * the same for every attempt of an Idempotency-Key). The real-name rule comes first: one row per
 * (event, ID number) in a unique index, covering places and the waitlist alike. Then the places, as
 * one group claim in the session's pool; a full session puts the whole group on the waitlist when the
 * event keeps one (and so does anyone already waiting, so nobody overtakes the line).
 */
export async function register(
  ctx: Context,
  eventId: string,
  body: RegistrationBody,
  opts: { opId: string; resumed: boolean },
): Promise<RegistrationView> {
  const { deps } = ctx;
  const { opId } = opts;
  const [ev, session] = await Promise.all([repo.findEvent(eventId), repo.findSession(body.sessionId)]);
  if (!ev) throw notFound('NOT_FOUND', '没有找到这个活动');
  if (!session || String(session.eventId) !== eventId) throw validationError({ sessionId: '这个场次不属于该活动' });
  if (opts.resumed) {
    const done = await repo.findRegistration(opId);
    if (done) return presentRegistration(deps, done, ev, session);
  }
  const now = deps.now();
  const win = signupWindow(session);
  if (win.opensAt && now < win.opensAt) throw conflict('REGISTRATION_NOT_OPEN', `报名 ${monthDayTime(win.opensAt)} 开始`);
  if (now >= win.closesAt) throw conflict('REGISTRATION_CLOSED', '这一场的报名已截止');
  if (body.attendees.length > ev.maxAttendees) throw validationError({ attendees: `每次最多为 ${ev.maxAttendees} 人报名` });
  // A group larger than the session could never get in, not even from the waitlist.
  if (body.attendees.length > session.capacity)
    throw validationError({ attendees: `这一场共 ${session.capacity} 个名额，最多 ${session.capacity} 人一起报名` });
  const form = formSchemaOf(ev.form).safeParse(body.form);
  if (!form.success) throw validationError(issuesToFields(form.error.issues, 'form', body.form));
  const people = await peopleOf(ctx, body, toDateString(now));
  const hashes = people.map((p) => deps.vault.hash(p.idNumber));

  const taken = await repo.holdIdentities(eventId, hashes, opId);
  if (taken >= 0) {
    throw new AppError(409, 'DUPLICATE_REGISTRATION', `${people[taken]!.name} 已报名本活动（每个身份证号只能报名一次）`, {
      [`attendees.${taken}.idNumber`]: '这位参加人已报名本活动',
    });
  }
  // Limits bind the account, not what is typed into the form: one live registration per account and
  // event, so one account holds at most `maxAttendees` places (attendees can be cancelled one by one).
  const holder = await repo.holdAccount(eventId, ctx.user.id, opId, (id, since) => registrationEnded(id, since, now));
  if (holder) {
    await repo.releaseIdentities(eventId, hashes, opId);
    throw new AppError(409, 'ALREADY_REGISTERED', '您已报名本活动，可在「我的报名」查看；要换人，请先取消再报名', undefined, undefined, {
      ...(holder === 'contended' ? {} : { registrationId: holder }),
    });
  }
  let status: 'confirmed' | 'waitlisted';
  try {
    const pool = capacity.sessionPool(String(session._id));
    // A resumed attempt may find the whole group seated by the one that died, or only part of it
    // (a claim cut off between rounds): then it seats the rest, or gives the part back.
    const seated = opts.resumed ? await capacity.holdersSeated(opId, pool) : new Set<string>();
    const held = seated.size > 0 && hashes.every((h) => seated.has(h));
    const waiting = !held && ev.waitlist && (await repo.anyWaiting(String(session._id)));
    if (waiting && seated.size) await capacity.release(opId);
    const seats = held
      ? { result: 'ok' as const }
      : waiting
        ? { result: 'full' as const }
        : await claimSeats(pool, String(session._id), session.capacity, hashes, opId, seated.size === 0);
    if (seats.result === 'duplicate') throw conflict('DUPLICATE_REGISTRATION', '有参加人已报名本场');
    if (seats.result === 'full' && !ev.waitlist) throw conflict('SESSION_FULL', '这一场已经报满了');
    status = seats.result === 'ok' ? 'confirmed' : 'waitlisted';
    await repo.insertRegistration({
      _id: repo.newId(opId),
      eventId: ev._id,
      sessionId: session._id,
      userId: repo.newId(ctx.user.id),
      status,
      attendees: people.map((p, i) => ({
        nameEnc: deps.vault.encrypt(p.name),
        idNumberEnc: deps.vault.encrypt(p.idNumber),
        idHash: hashes[i]!,
        phoneEnc: p.phone ? deps.vault.encrypt(p.phone) : null,
        familyMemberId: p.familyMemberId,
        status: 'active',
        ticketId: null,
        isChild: p.isChild,
      })),
      formEnc: deps.vault.encrypt(JSON.stringify(form.data)),
      waitSince: status === 'waitlisted' ? now : null,
      confirmedAt: status === 'confirmed' ? now : null,
      cancelledAt: null,
    });
  } catch (e) {
    // A refusal gives everything back; a database that went away keeps it for the retry (same opId).
    if (e instanceof AppError) {
      await capacity.release(opId);
      await repo.releaseIdentities(eventId, [...hashes, repo.accountHold(ctx.user.id)], opId);
    }
    throw e;
  }
  const reg = (await repo.findRegistration(opId))!;
  // A first attempt knows its tickets: all new, none scanned (FerretDB would scan tickets and check-ins to find them).
  const issued = status === 'confirmed' ? await issueTickets(deps, reg) : opts.resumed ? null : [];
  await notifyRegistration(deps, reg, ev, session, status === 'confirmed' ? 'registration.confirmed' : 'registration.waitlisted');
  return presentRegistration(deps, reg, ev, session, issued ?? undefined);
}
