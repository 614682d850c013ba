import { isoWeekday, slotTimesProblem, type CreatedSlot, type ScheduleBody, type ScheduleResult } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { isStaffOf, type AuthUser } from '../../http/auth';
import { AppError, conflict, validationError } from '../../http/errors';
import { addDays, at, toDateString, toIso } from '../../lib/time';
import * as repo from './repo';

/** Slot administration by staff of the service (or an admin): one-off slots and weekly schedules. */
export interface StaffContext {
  deps: Deps;
  user: AuthUser;
}

/** One-off slot (the contract's POST /api/admin/slots). */
export async function createSlot(
  ctx: StaffContext,
  input: { serviceId: string; siteId: string; start: string; end: string; capacity: number },
): Promise<CreatedSlot> {
  if (!isStaffOf(ctx.user, { serviceId: input.serviceId })) throw AppError.of('FORBIDDEN');
  const site = await repo.findSite(input.siteId);
  if (!site || String(site.serviceId) !== input.serviceId) throw validationError({ siteId: '这个服务点不属于该服务' });
  const start = new Date(input.start);
  const end = new Date(input.end);
  const problem = slotTimesProblem(start, end, ctx.deps.now());
  if (problem) throw validationError(problem);
  const slot = await repo.insertSlot({
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
export async function addSchedule(ctx: StaffContext, input: ScheduleBody): Promise<ScheduleResult> {
  if (!isStaffOf(ctx.user, { serviceId: input.serviceId })) throw AppError.of('FORBIDDEN');
  const site = await repo.findSite(input.siteId);
  if (!site || String(site.serviceId) !== input.serviceId) throw validationError({ siteId: '这个服务点不属于该服务' });
  if (input.to > addDays(input.from, 92)) throw validationError({ to: '一次最多排 93 天' });
  // The same window as one slot: from yesterday to a year ahead.
  const today = toDateString(ctx.deps.now());
  if (input.from < addDays(today, -1)) throw validationError({ from: '开始日期不能早于昨天' });
  if (input.to > addDays(today, 365)) throw validationError({ to: '最多排到一年以后' });
  const slots: repo.SlotInput[] = [];
  for (let date = input.from; date <= input.to; date = addDays(date, 1)) {
    if (!input.weekdays.includes(isoWeekday(date)) || input.skipDates.includes(date)) continue;
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
  const created = await repo.insertSlots(slots);
  return { planned: slots.length, created, skippedExisting: slots.length - created };
}
