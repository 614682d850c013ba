import { slotTimesProblem, type ScheduleBody, type StaffDay } from '@jingkai/shared';
import { isStaffOf } from '../../http/auth';
import { AppError, conflict, notFound, validationError } from '../../http/errors';
import { addDays, at, toDateString, toIso } from '../../lib/time';
import * as services from '../services/repo';
import { cancelAsStaff, type Context } from './lifecycle';
import { lookup, present } from './present';
import * as repo from './repo';

/** Today's (or a day's) list for staff of the service, with counts per slot; contact details shown. */
export async function dayList(ctx: Context, serviceId: string, date: string | undefined, siteId?: string): Promise<StaffDay> {
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
  if (!isStaffOf(ctx.user, { serviceId: input.serviceId })) throw AppError.of('FORBIDDEN');
  const site = await services.findSite(input.siteId);
  if (!site || String(site.serviceId) !== input.serviceId) throw validationError({ siteId: '这个服务点不属于该服务' });
  const start = new Date(input.start);
  const end = new Date(input.end);
  const problem = slotTimesProblem(start, end, ctx.deps.now());
  if (problem) throw validationError(problem);
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

/**
 * Adds the slots of a weekly schedule (times and capacity on chosen weekdays between two dates),
 * skipping holidays and slots that already exist. Returns how many were created.
 */
export async function addSchedule(ctx: Context, input: ScheduleBody) {
  if (!isStaffOf(ctx.user, { serviceId: input.serviceId })) throw AppError.of('FORBIDDEN');
  const site = await services.findSite(input.siteId);
  if (!site || String(site.serviceId) !== input.serviceId) throw validationError({ siteId: '这个服务点不属于该服务' });
  if (input.to > addDays(input.from, 92)) throw validationError({ to: '一次最多排 93 天' });
  // The same window as one slot: from yesterday to a year ahead.
  const today = toDateString(ctx.deps.now());
  if (input.from < addDays(today, -1)) throw validationError({ from: '开始日期不能早于昨天' });
  if (input.to > addDays(today, 365)) throw validationError({ to: '最多排到一年以后' });
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

/**
 * Closes a slot (training, holiday): every booking in it is cancelled as staff, with the reason and a
 * notice, and only then the slot closes; a booking that slipped in meanwhile is cancelled after. So a
 * closed slot never keeps a confirmed booking, and a crash midway leaves the slot open with fewer
 * bookings, never closed with confirmed ones.
 */
export async function closeSlot(ctx: Context, slotId: string, reason: string) {
  const slot = await services.findSlot(slotId);
  if (!slot || !isStaffOf(ctx.user, { serviceId: String(slot.serviceId) })) throw notFound('NOT_FOUND', '没有找到这个时段');
  const cancelAll = async () => {
    let n = 0;
    for (const b of await repo.listActiveInSlot(slotId)) if (await cancelAsStaff(ctx.deps, String(b._id), reason)) n++;
    return n;
  };
  let cancelled = await cancelAll();
  await services.closeSlot(slotId, reason);
  cancelled += await cancelAll();
  return { id: slotId, closedReason: reason, cancelled };
}
