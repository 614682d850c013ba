import { randomInt } from 'node:crypto';
import {
  buildFormSchema,
  maskForm,
  type BookingBody,
  type BookingStatus,
  type BookingView,
  type FormField,
  type ScheduleBody,
  type ServiceKind,
} from '@jingkai/shared';
import type { Deps } from '../../deps';
import { isStaffOf, type AuthUser } from '../../http/auth';
import { AppError, conflict, errorBody, notFound, validationError } from '../../http/errors';
import { issuesToFields } from '../../http/validate';
import { addDays, at, toDateString, toIso } from '../../lib/time';
import * as capacity from '../capacity/service';
import * as family from '../family/service';
import * as outbox from '../outbox/service';
import * as services from '../services/repo';
import { bookingWindow, rulesOf } from '../services/service';
import * as users from '../users/repo';
import * as repo from './repo';

/** Booking codes: 6 characters without 0/O, 1/I/L, so they read aloud and type without doubt. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newCode = () => Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

const limitPool = (serviceId: string, date: string, personKey: string) => `limit:${serviceId}:${date}:${personKey}`;

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

export interface Context {
  deps: Deps;
  user: AuthUser;
}

function windowOf(deps: Deps, rules: ReturnType<typeof rulesOf>, slot: { date: string; start: Date }) {
  return { ...bookingWindow(rules, slot), now: deps.now() };
}

const fmt = (d: Date) => {
  const iso = toIso(d);
  return `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日 ${iso.slice(11, 16)}`;
};

type Lookup = ReturnType<typeof lookup>;

/** Services and sites by id, each read once per answer: a list names the same few many times. */
function lookup() {
  const memo = <T>(load: (id: string) => Promise<T>) => {
    const seen = new Map<string, Promise<T>>();
    return (id: string) => {
      let p = seen.get(id);
      if (!p) seen.set(id, (p = load(id)));
      return p;
    };
  };
  return { service: memo(services.findService), site: memo(services.findSite) };
}

async function present(deps: Deps, b: repo.BookingDoc, reveal: { contact?: boolean } = {}, look: Lookup = lookup()): Promise<BookingView> {
  const [svc, site] = await Promise.all([look.service(String(b.serviceId)), look.site(String(b.siteId))]);
  const rules = svc ? rulesOf(svc) : undefined;
  const form = b.formEnc ? (JSON.parse(deps.vault.decrypt(b.formEnc)) as Record<string, unknown>) : {};
  return {
    id: String(b._id),
    code: b.code,
    status: b.status as BookingStatus,
    slotId: String(b.slotId),
    serviceId: String(b.serviceId),
    serviceKind: (svc?.kind ?? 'insurance-appointment') as ServiceKind,
    serviceName: svc?.name ?? '',
    siteId: String(b.siteId),
    siteName: site?.name ?? '',
    siteAddress: site?.address ?? '',
    sitePhone: site?.phone ?? '',
    start: toIso(b.start),
    end: toIso(b.end),
    form: maskForm(svc?.form ?? [], form, reveal),
    forFamilyMember: Boolean(b.familyMemberId),
    cancelReason: b.cancelReason ?? null,
    cancellableUntil: toIso(new Date(b.start.getTime() - (rules?.cancelMinutesBefore ?? 0) * 60_000)),
    createdAt: toIso(b.createdAt),
  };
}

/** Validates the form with the service's own schema, after filling empty person fields from a family member. */
function checkForm(fields: FormField[], raw: Record<string, unknown>, today: string, member?: family.FamilyMemberPlain) {
  const merged: Record<string, unknown> = { ...raw };
  if (member) {
    for (const f of fields) {
      const fill = PREFILL[f.name]?.(member, today);
      if ((merged[f.name] === undefined || merged[f.name] === '') && fill !== null && fill !== undefined) merged[f.name] = fill;
    }
  }
  const parsed = buildFormSchema(fields).safeParse(merged);
  if (!parsed.success) throw validationError(issuesToFields(parsed.error.issues, 'form'));
  return parsed.data as Record<string, unknown>;
}

async function notify(deps: Deps, b: repo.BookingDoc, userOpenid: string, serviceName: string, siteName: string) {
  const t = deps.config.subscribeTemplates;
  const data = {
    thing1: { value: serviceName },
    time2: { value: fmt(b.start) },
    thing3: { value: siteName.slice(0, 20) },
    character_string4: { value: b.code },
  };
  const page = `/packageBooking/detail/index?id=${String(b._id)}`;
  await outbox.enqueue({
    dedupeKey: `booking:${String(b._id)}:confirmed`,
    kind: 'booking.confirmed',
    openid: userOpenid,
    templateId: t.bookingConfirmed,
    page,
    data,
    sendAfter: deps.now(),
  });
  // The evening before, at 18:00 Shanghai time, unless that has already passed.
  const reminderAt = at(addDays(b.date, -1), '18:00');
  if (reminderAt > deps.now()) {
    await outbox.enqueue({
      dedupeKey: `booking:${String(b._id)}:reminder`,
      kind: 'booking.reminder',
      openid: userOpenid,
      templateId: t.bookingReminder,
      page,
      data,
      sendAfter: reminderAt,
    });
  }
}

/**
 * Books a slot. Capacity, duplicates and the per-person daily limit rest on unique indexes (the
 * capacity module); the places are taken before the booking is written and given back if anything
 * after fails, so nothing is half-written.
 */
async function createOnce(ctx: Context, body: BookingBody): Promise<BookingView> {
  const { deps, user } = ctx;
  const slot = await services.findSlot(body.slotId);
  if (!slot) throw notFound('NOT_FOUND', '没有找到这个时段');
  const svc = await services.findService(String(slot.serviceId));
  if (!svc) throw notFound('NOT_FOUND', '没有找到这项服务');
  if (slot.closedReason) throw conflict('SLOT_CLOSED', `该时段暂停办理：${slot.closedReason}`);
  const rules = rulesOf(svc);
  const w = windowOf(deps, rules, slot);
  if (w.now < w.opensAt) throw conflict('BOOKING_NOT_OPEN', `该时段 ${fmt(w.opensAt)} 开放预约`);
  if (w.now >= w.closesAt) throw conflict('BOOKING_CLOSED', '该时段已截止预约');

  // A rush's losers stop here, answered from this instance's memory of the full slot.
  const pool = capacity.slotPool(String(slot._id));
  if (capacity.knownFull(pool)) throw conflict('SLOT_FULL', '该时段已约满');

  const member = body.familyMemberId ? await family.getPlain(deps, user.id, body.familyMemberId) : undefined;
  const form = checkForm(svc.form, body.form, toDateString(w.now), member);
  const idNumber = typeof form.idNumber === 'string' ? form.idNumber : member?.idNumber;
  const personKey = idNumber ? `id:${deps.vault.hash(idNumber)}` : member ? `fm:${member.id}` : `user:${user.id}`;

  // The seat first: in a rush, whether there is one is what most people need to hear, at once.
  const id = repo.newId();
  const claimId = String(id);
  const seat = await capacity.claim(pool, slot.capacity, personKey, claimId);
  if (seat === 'full') throw conflict('SLOT_FULL', '该时段已约满');
  if (seat === 'duplicate') throw conflict('DUPLICATE_BOOKING', '已预约过这个时段');
  try {
    const limit = await capacity.claim(limitPool(String(svc._id), slot.date, personKey), rules.maxActivePerDay, claimId, claimId);
    if (limit !== 'ok') throw conflict('BOOKING_LIMIT', `每人每天最多预约 ${rules.maxActivePerDay} 次该服务`);
    const since = new Date(w.now.getTime() - 90 * 86_400_000);
    const noShows = await repo.countNoShows(personKey, since);
    if (noShows.count >= deps.config.noShow.limit && noShows.last) {
      const until = new Date(noShows.last.getTime() + deps.config.noShow.pauseDays * 86_400_000);
      if (w.now < until) throw conflict('BOOKING_PAUSED', `90 天内 ${noShows.count} 次预约未到场，${toDateString(until)} 后可再预约`);
    }
    const doc: repo.BookingInput = {
      _id: id,
      code: '',
      userId: user.id as unknown as repo.BookingDoc['userId'],
      serviceId: slot.serviceId,
      siteId: slot.siteId,
      slotId: slot._id,
      date: slot.date,
      start: slot.start,
      end: slot.end,
      status: 'confirmed',
      personKey,
      familyMemberId: (member?.id ?? null) as unknown as repo.BookingDoc['familyMemberId'],
      formEnc: deps.vault.encrypt(JSON.stringify(form)),
      cancelReason: null,
      cancelledBy: null,
      servedAt: null,
      noShowAt: null,
      anonymised: false,
    };
    for (let i = 0; ; i++) {
      doc.code = newCode();
      if (await repo.insert(doc)) break;
      if (i > 10) throw new Error('could not draw a free booking code');
    }
    const saved = (await repo.findById(claimId))!;
    const site = await services.findSite(String(slot.siteId));
    const openid = (await users.findForAuth(user.id))?.openid;
    if (openid) await notify(deps, saved, openid, svc.name, site?.name ?? '');
    return present(deps, saved);
  } catch (e) {
    await capacity.release(claimId);
    throw e;
  }
}

/**
 * With an Idempotency-Key, the same person's retries (also parallel ones) get the first answer:
 * the first request writes a pending key, later ones wait for its result.
 */
export async function create(ctx: Context, body: BookingBody, key?: string): Promise<{ status: number; body: unknown }> {
  if (!key) return { status: 201, body: await createOnce(ctx, body) };
  const expiresAt = new Date(ctx.deps.now().getTime() + 24 * 3600_000);
  const begun = await repo.beginIdempotent(ctx.user.id, key, expiresAt);
  if (!begun.fresh) {
    for (let waited = 0; waited < 10_000; waited += 50) {
      const again = await repo.beginIdempotent(ctx.user.id, key, expiresAt);
      if (!again.fresh && again.state === 'done') return { status: again.status, body: JSON.parse(again.body) };
      if (again.fresh) return create(ctx, body, key);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw conflict('IDEMPOTENCY_IN_PROGRESS', '上一次提交还在处理中，请稍候');
  }
  try {
    const view = await createOnce(ctx, body);
    await repo.finishIdempotent(ctx.user.id, key, 201, view);
    return { status: 201, body: view };
  } catch (e) {
    if (e instanceof AppError && e.status < 500) {
      const errBody = errorBody(e);
      await repo.finishIdempotent(ctx.user.id, key, e.status, errBody);
    } else {
      await repo.dropIdempotent(ctx.user.id, key);
    }
    throw e;
  }
}

async function loadFor(ctx: Context, id: string) {
  const b = await repo.findById(id);
  if (!b) throw notFound('NOT_FOUND', '没有找到这个预约');
  const owner = b.userId !== null && String(b.userId) === ctx.user.id;
  const staff = isStaffOf(ctx.user, { serviceId: String(b.serviceId) });
  // Another person's booking is "not found": its existence is not revealed.
  if (!owner && !staff) throw notFound('NOT_FOUND', '没有找到这个预约');
  return { b, owner, staff };
}

export async function get(ctx: Context, id: string): Promise<BookingView> {
  const { b } = await loadFor(ctx, id);
  return present(ctx.deps, b);
}

export async function cancel(ctx: Context, id: string, reason?: string): Promise<{ view: BookingView; byStaff: boolean }> {
  const { deps } = ctx;
  const { b, owner, staff } = await loadFor(ctx, id);
  const byStaff = staff && !owner;
  if (b.status !== 'confirmed')
    throw conflict('NOT_CANCELLABLE', b.status === 'cancelled' ? '这个预约已经取消了' : '这个预约已办结，不能取消');
  if (byStaff && !reason) throw validationError({ reason: '请写明取消原因，市民会看到' });
  if (!byStaff) {
    const svc = await services.findService(String(b.serviceId));
    const until = new Date(b.start.getTime() - rulesOf(svc!).cancelMinutesBefore * 60_000);
    if (deps.now() >= until) throw conflict('CANCEL_CLOSED', `已过取消截止时间（${fmt(until)}），如需取消请致电服务点`);
  }
  const updated = await repo.transition(id, 'confirmed', {
    status: 'cancelled',
    cancelReason: reason ?? null,
    cancelledBy: byStaff ? 'staff' : 'citizen',
  });
  if (!updated) throw conflict('NOT_CANCELLABLE', '这个预约的状态已变化，请刷新');
  await capacity.release(id);
  await outbox.cancelPending(`booking:${id}:reminder`);
  if (byStaff && updated.userId) {
    const owner = await users.findById(String(updated.userId));
    const svc = await services.findService(String(b.serviceId));
    if (owner) {
      await outbox.enqueue({
        dedupeKey: `booking:${id}:cancelled`,
        kind: 'booking.cancelled',
        openid: owner.openid,
        templateId: deps.config.subscribeTemplates.bookingChanged,
        page: `/packageBooking/detail/index?id=${id}`,
        data: { thing1: { value: svc?.name ?? '预约' }, time2: { value: fmt(b.start) }, thing3: { value: (reason ?? '').slice(0, 20) } },
        sendAfter: deps.now(),
      });
    }
  }
  return { view: await present(deps, updated), byStaff };
}

export async function listMine(ctx: Context, page: number, pageSize: number) {
  const { docs, total } = await repo.listByUser(ctx.user.id, (page - 1) * pageSize, pageSize);
  const look = lookup();
  return { items: await Promise.all(docs.map((d) => present(ctx.deps, d, {}, look))), total, page, pageSize };
}

/** 张科长 scans or types a code: the booking of his service becomes 已办结. */
export async function verify(ctx: Context, code: string): Promise<BookingView> {
  const b = await repo.findByCode(code);
  if (!b || !isStaffOf(ctx.user, { serviceId: String(b.serviceId) })) throw notFound('INVALID_CODE', '没有找到这个预约码');
  if (b.status === 'served') throw conflict('ALREADY_SERVED', `该预约已于 ${fmt(b.servedAt!)} 办结`);
  if (b.status !== 'confirmed') throw conflict('NOT_VERIFIABLE', b.status === 'cancelled' ? '该预约已取消' : '该预约已标记为未到场');
  const updated = await repo.transition(String(b._id), 'confirmed', { status: 'served', servedAt: ctx.deps.now() });
  if (!updated) throw conflict('NOT_VERIFIABLE', '这个预约的状态已变化，请刷新');
  return present(ctx.deps, updated, { contact: true });
}

export async function markNoShow(ctx: Context, id: string): Promise<BookingView> {
  const b = await repo.findById(id);
  if (!b || !isStaffOf(ctx.user, { serviceId: String(b.serviceId) })) throw notFound('NOT_FOUND', '没有找到这个预约');
  if (ctx.deps.now() < b.start) throw conflict('TOO_EARLY', '时段开始后才能标记未到场');
  const updated = await repo.transition(id, 'confirmed', { status: 'no_show', noShowAt: ctx.deps.now() });
  if (!updated) throw conflict('NOT_CONFIRMED', '只有已预约的可以标记未到场');
  await capacity.release(id);
  return present(ctx.deps, updated, { contact: true });
}

/** Today's (or a day's) list for staff of the service, with counts per slot; contact details shown. */
export async function dayList(ctx: Context, serviceId: string, date: string | undefined, siteId?: string) {
  if (!isStaffOf(ctx.user, { serviceId })) throw notFound('NOT_FOUND', '没有找到这项服务');
  const day = date ?? toDateString(ctx.deps.now());
  const [slots, bookings, sites] = await Promise.all([
    services.listSlots(serviceId, day, day),
    repo.listForDay(serviceId, day, siteId),
    services.listSites(serviceId),
  ]);
  const siteName = new Map(sites.map((s) => [String(s._id), s.name]));
  const mine = slots.filter((s) => !siteId || String(s.siteId) === siteId);
  const counts = (slotId: string, status: string) => bookings.filter((b) => String(b.slotId) === slotId && b.status === status).length;
  const look = lookup();
  return {
    date: day,
    slots: mine.map((s) => ({
      id: String(s._id),
      siteId: String(s.siteId),
      siteName: siteName.get(String(s.siteId)) ?? '',
      start: toIso(s.start),
      end: toIso(s.end),
      capacity: s.capacity,
      closedReason: s.closedReason ?? null,
      confirmed: counts(String(s._id), 'confirmed'),
      served: counts(String(s._id), 'served'),
      noShow: counts(String(s._id), 'no_show'),
      cancelled: counts(String(s._id), 'cancelled'),
    })),
    items: await Promise.all(bookings.map((b) => present(ctx.deps, b, { contact: true }, look))),
  };
}

/** One-off slot (the contract's POST /api/admin/slots). */
export async function createSlot(ctx: Context, input: { serviceId: string; siteId: string; start: string; end: string; capacity: number }) {
  if (!isStaffOf(ctx.user, { serviceId: input.serviceId })) throw new AppError(403, 'FORBIDDEN');
  const site = await services.findSite(input.siteId);
  if (!site || String(site.serviceId) !== input.serviceId) throw validationError({ siteId: '这个服务点不属于该服务' });
  const start = new Date(input.start);
  const end = new Date(input.end);
  if (end <= start) throw validationError({ end: '结束时间应晚于开始时间' });
  const slot = await services.insertSlot({
    serviceId: site.serviceId,
    siteId: site._id,
    date: toDateString(start),
    start,
    end,
    capacity: input.capacity,
    demo: false,
  });
  if (!slot) throw conflict('SLOT_EXISTS', '该服务点这个时间已有时段');
  return {
    id: String(slot._id),
    serviceId: input.serviceId,
    siteId: input.siteId,
    start: toIso(slot.start),
    end: toIso(slot.end),
    capacity: slot.capacity,
    remaining: slot.capacity,
  };
}

/** Removes seats whose booking was never written (a crash between the two writes). */
export async function sweepOrphanSeats(olderThan: Date): Promise<number> {
  return capacity.sweepOrphans(olderThan, (ids) => repo.existingIds(ids));
}

/**
 * Adds the slots of a weekly schedule (times and capacity on chosen weekdays between two dates),
 * skipping holidays and slots that already exist. Returns how many were created.
 */
export async function addSchedule(ctx: Context, input: ScheduleBody) {
  if (!isStaffOf(ctx.user, { serviceId: input.serviceId })) throw new AppError(403, 'FORBIDDEN');
  const site = await services.findSite(input.siteId);
  if (!site || String(site.serviceId) !== input.serviceId) throw validationError({ siteId: '这个服务点不属于该服务' });
  if (input.to > addDays(input.from, 92)) throw validationError({ to: '一次最多排 93 天' });
  const slots: services.SlotInput[] = [];
  for (let date = input.from; date <= input.to; date = addDays(date, 1)) {
    const weekday = ((new Date(`${date}T12:00:00+08:00`).getUTCDay() + 6) % 7) + 1;
    if (!input.weekdays.includes(weekday) || input.skipDates.includes(date)) continue;
    for (const t of input.times) {
      slots.push({
        serviceId: site.serviceId,
        siteId: site._id,
        date,
        start: at(date, t.start),
        end: at(date, t.end),
        capacity: input.capacity,
        closedReason: null,
        demo: false,
      });
    }
  }
  const created = await services.insertSlots(slots);
  return { planned: slots.length, created, skippedExisting: slots.length - created };
}

/** Closes a slot (training, holiday): no new bookings; every booking in it is cancelled with the reason and a notice. */
export async function closeSlot(ctx: Context, slotId: string, reason: string) {
  const slot = await services.findSlot(slotId);
  if (!slot || !isStaffOf(ctx.user, { serviceId: String(slot.serviceId) })) throw notFound('NOT_FOUND', '没有找到这个时段');
  await services.closeSlot(slotId, reason);
  let cancelled = 0;
  for (const b of await repo.listActiveInSlot(slotId)) {
    await cancel(ctx, String(b._id), reason);
    cancelled++;
  }
  return { id: slotId, closedReason: reason, cancelled };
}
