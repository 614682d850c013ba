import type { StaffDay } from '@jingkai/shared';
import { isStaffOf } from '../../http/auth';
import { notFound } from '../../http/errors';
import { toDateString, toIso } from '../../lib/time';
import * as services from '../services';
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

/**
 * Closes a slot (training, holiday): every booking in it is cancelled as staff, with the reason and a
 * notice, and only then the slot closes; a booking that slipped in meanwhile is cancelled after. So a
 * closed slot never keeps a confirmed booking, and a crash midway leaves the slot open with fewer
 * bookings, never closed with confirmed ones. It lives here, not with the slots in modules/services:
 * it cancels bookings, and bookings already depend on services (services never import bookings).
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
