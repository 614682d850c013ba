import { randomInt } from 'node:crypto';
import { bookingWindow, issuesToFields, type BookingBody, type BookingView, type FormField } from '@jingkai/shared';
import type { Deps } from '../../deps';
import type { AuthUser } from '../../http/auth';
import { AppError, conflict, notFound, validationError } from '../../http/errors';
import { formSchemaOf } from '../../lib/form-schema';
import { toDateString } from '../../lib/time';
import * as capacity from '../capacity';
import * as family from '../family';
import * as services from '../services';
import * as users from '../users';
import { cancelBySystem } from './lifecycle';
import { notifyConfirmed } from './notify';
import { fmt, present } from './present';
import * as repo from './repo';

export interface Context {
  deps: Deps;
  user: AuthUser;
}

/** Booking codes: 6 characters without 0/O, 1/I/L, so they read aloud and type without doubt. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newCode = () => Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

const recheck = { enabled: true };
/** Test-only: the negative control turns off the check of the stored slot after the booking is written. */
export function setClosedSlotRecheckForTests(enabled: boolean): void {
  recheck.enabled = enabled;
}

export const limitPool = (serviceId: string, date: string, personKey: string) => `limit:${serviceId}:${date}:${personKey}`;

/** Whole months from a birth date to a day, both `YYYY-MM-DD`. */
const monthsBetween = (birth: string, day: string) =>
  (Number(day.slice(0, 4)) - Number(birth.slice(0, 4))) * 12 +
  Number(day.slice(5, 7)) -
  Number(birth.slice(5, 7)) -
  (day.slice(8) < birth.slice(8) ? 1 : 0);

/** Person fields a saved family member fills when the citizen left them empty. */
export const PREFILL: Record<string, (m: family.FamilyMemberPlain, today: string) => string | number | null> = {
  name: (m) => m.name,
  childName: (m) => m.name,
  phone: (m) => m.phone,
  idNumber: (m) => m.idNumber,
  address: (m) => m.address,
  ageMonths: (m, today) => monthsBetween(m.birthDate, today),
};

/** Validates the form with the service's own schema, after filling empty person fields from a family member. */
function checkForm(fields: FormField[], raw: Record<string, unknown>, today: string, member?: family.FamilyMemberPlain) {
  const merged: Record<string, unknown> = { ...raw };
  if (member) {
    for (const f of fields) {
      const fill = PREFILL[f.name]?.(member, today);
      if ((merged[f.name] === undefined || merged[f.name] === '') && fill !== null && fill !== undefined) merged[f.name] = fill;
    }
  }
  const parsed = formSchemaOf(fields).safeParse(merged);
  if (!parsed.success) throw validationError(issuesToFields(parsed.error.issues, 'form', merged));
  return parsed.data as Record<string, unknown>;
}

/**
 * Whom a booking counts against, for duplicates, the daily limit and no-shows. Limits bind accounts
 * and the people bound to them, not strings typed into a form:
 * - the account itself (no ID number, its own 本人 entry, or a typed ID number nobody has bound): `user:<id>`;
 * - a family member the account added with consent: `id:<keyed hash>`, shared by every account that
 *   added the same person (two children booking for their father share his limit);
 * - an ID number only other accounts have bound cannot be booked under (409 ID_NUMBER_BOUND), so
 *   nobody can lock a neighbour out or earn them no-shows.
 * `viaAccount` says a typed ID number was counted against the account.
 */
async function personOf(deps: Deps, userId: string, idNumber: string | undefined, member: family.FamilyMemberPlain | undefined) {
  const account = `user:${userId}`;
  if (!idNumber) return { key: member && member.relation !== 'self' ? `fm:${member.id}` : account, viaAccount: false };
  const bound = await family.bindingOf(deps, userId, idNumber);
  if (bound.kind === 'others')
    throw conflict('ID_NUMBER_BOUND', '这个身份证号已由其他账号添加，不能用来预约；如是您的家人，请先在「我的-家人」中添加 TA');
  if (bound.kind === 'mine') return { key: bound.relation === 'self' ? account : `id:${deps.vault.hash(idNumber)}`, viaAccount: false };
  return { key: account, viaAccount: true };
}

/**
 * Books a slot under `opId`, the id the booking and its seats are written under. Capacity,
 * duplicates and the per-person daily limit rest on unique indexes (the capacity module); the places
 * are taken before the booking is written and given back if anything after fails, so nothing is
 * half-written. Called again with the same opId (an Idempotency-Key retry after a crash), it finishes
 * the first attempt's work: its seats count as its own and a booking already written is returned.
 */
export async function create(
  ctx: Context,
  body: BookingBody,
  { opId = String(repo.newId()), resumed = false }: { opId?: string; resumed?: boolean } = {},
): Promise<BookingView> {
  const { deps, user } = ctx;
  // A resumed attempt may find its booking written, or its seats taken, by the attempt that died.
  const held = resumed ? await capacity.poolsHeldBy(opId) : new Set<string>();
  if (resumed) {
    const done = await repo.findById(opId);
    if (done) return finish(ctx, done);
  }
  const slot = await services.findSlot(body.slotId);
  if (!slot) throw notFound('NOT_FOUND', '没有找到这个时段');
  const svc = await services.findService(String(slot.serviceId));
  if (!svc) throw notFound('NOT_FOUND', '没有找到这项服务');
  if (slot.closedReason) throw conflict('SLOT_CLOSED', `该时段暂停办理：${slot.closedReason}`);
  const rules = services.rulesOf(svc);
  const w = bookingWindow(rules, slot);
  const now = deps.now();
  if (now < w.opensAt) throw conflict('BOOKING_NOT_OPEN', `该时段 ${fmt(w.opensAt)} 开放预约`);
  if (now >= w.closesAt) throw conflict('BOOKING_CLOSED', '该时段已截止预约');

  // A rush's losers stop here, answered from this instance's memory of the full slot.
  const pool = capacity.slotPool(String(slot._id));
  if (!held.has(pool) && capacity.knownFull(pool)) throw conflict('SLOT_FULL', '该时段已约满');

  const member = body.familyMemberId ? await family.getPlain(deps, user.id, body.familyMemberId) : undefined;
  const form = checkForm(svc.form, body.form, toDateString(now), member);
  const idNumber = typeof form.idNumber === 'string' ? form.idNumber : member?.idNumber;
  const person = await personOf(deps, user.id, idNumber, member);

  // The seat first: in a rush, whether there is one is what most people need to hear, at once.
  const claimId = opId;
  const limits = limitPool(String(svc._id), slot.date, person.key);
  const seat = held.has(pool) ? 'ok' : await capacity.claim(pool, slot.capacity, person.key, claimId);
  if (seat === 'full') throw conflict('SLOT_FULL', '该时段已约满');
  if (seat === 'duplicate') throw conflict('DUPLICATE_BOOKING', '已预约过这个时段');
  try {
    const limit = held.has(limits) ? 'ok' : await capacity.claimOwn(limits, rules.maxActivePerDay, claimId, claimId);
    if (limit !== 'ok') {
      const hint = person.viaAccount ? '；为家人预约，请先在「我的-家人」中添加 TA' : '';
      throw conflict('BOOKING_LIMIT', `每人每天最多预约 ${rules.maxActivePerDay} 次该服务${hint}`);
    }
    const perAccount = rules.maxPerAccountPerDay!;
    const accountPool = limitPool(String(svc._id), slot.date, `account:${user.id}`);
    const account = held.has(accountPool) ? 'ok' : await capacity.claimOwn(accountPool, perAccount, claimId, claimId);
    if (account !== 'ok') throw conflict('BOOKING_LIMIT', `一个账号每天最多为 ${perAccount} 人次预约该服务，如需更多请致电服务点`);
    const since = new Date(now.getTime() - 90 * 86_400_000);
    const noShows = await repo.countNoShows(person.key, since);
    if (noShows.count >= deps.config.noShow.limit && noShows.last) {
      const until = new Date(noShows.last.getTime() + deps.config.noShow.pauseDays * 86_400_000);
      if (now < until) throw conflict('BOOKING_PAUSED', `90 天内 ${noShows.count} 次预约未到场，${toDateString(until)} 后可再预约`);
    }
    const doc: repo.BookingInput = {
      _id: repo.newId(opId),
      code: '',
      userId: user.id as unknown as repo.BookingDoc['userId'],
      serviceId: slot.serviceId,
      siteId: slot.siteId,
      slotId: slot._id,
      date: slot.date,
      start: slot.start,
      end: slot.end,
      status: 'confirmed',
      personKey: person.key,
      familyMemberId: (member?.id ?? null) as unknown as repo.BookingDoc['familyMemberId'],
      formEnc: deps.vault.encrypt(JSON.stringify(form)),
      cancelReason: null,
      cancelledBy: null,
      servedAt: null,
      noShowAt: null,
      anonymised: false,
      createdAt: now,
    };
    for (let i = 0; ; i++) {
      doc.code = newCode();
      const inserted = await repo.insert(doc);
      if (inserted !== 'code-taken') break;
      if (i > 10) throw new Error('could not draw a free booking code');
    }
  } catch (e) {
    // A refusal gives the places back at once. Any other failure (the database went away) keeps
    // them: the answer may be lost, not the write, and a retry under the same opId takes them up
    // again; the sweeper frees them after a minute if nobody does.
    if (e instanceof AppError) await capacity.release(claimId);
    throw e;
  }
  if (resumed && !(await capacity.poolsHeldBy(opId)).has(pool)) {
    // The sweeper freed the dead attempt's seat just as this one wrote the booking: take one again.
    const again = await capacity.claim(pool, slot.capacity, person.key, claimId);
    if (again !== 'ok') {
      await cancelBySystem(deps, opId, '名额已满');
      throw conflict('SLOT_FULL', '该时段已约满');
    }
  }
  // A slot closed while this booking was on its way (another instance's cache, a read during the
  // close): the close's last pass may have missed it, so the booking checks the slot as stored now.
  const stored = recheck.enabled ? await services.findSlotFresh(String(slot._id)) : slot;
  if (stored?.closedReason) {
    await cancelBySystem(deps, opId, stored.closedReason);
    throw conflict('SLOT_CLOSED', `该时段暂停办理：${stored.closedReason}`);
  }
  // The booking is written: from here a failure keeps it, and a retry under the same opId finishes.
  return finish(ctx, (await repo.findById(opId))!);
}

/** Queues the confirmation and the reminder (deduplicated, so a resumed attempt queues nothing twice). */
async function finish(ctx: Context, saved: repo.BookingDoc): Promise<BookingView> {
  const [svc, site, who] = await Promise.all([
    services.findService(String(saved.serviceId)),
    services.findSite(String(saved.siteId)),
    users.findForAuth(ctx.user.id),
  ]);
  if (who?.openid) await notifyConfirmed(ctx.deps, saved, who.openid, svc?.name ?? '', site?.name ?? '');
  return present(ctx.deps, saved, { childName: true });
}
