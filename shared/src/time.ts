import type { ServiceRules } from './schemas/services';

/** China has one time zone and no daylight saving: Asia/Shanghai is always UTC+08:00. */
const OFFSET_MS = 8 * 3600 * 1000;

/** `2026-08-18T09:00:00+08:00` */
export function toIso(date: Date): string {
  return new Date(date.getTime() + OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** The `YYYY-MM-DD` calendar date in Asia/Shanghai. */
export function toDateString(date: Date): string {
  return new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight at the start of a Shanghai calendar date. */
/** "12月3日 09:00" in Asia/Shanghai, for messages a citizen reads. */
export function monthDayTime(date: Date): string {
  const iso = toIso(date);
  return `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日 ${iso.slice(11, 16)}`;
}

export function startOfDate(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** `date` plus `days` calendar days, both `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return toDateString(new Date(startOfDate(date).getTime() + days * 86_400_000));
}

/** A Shanghai wall-clock time on a date, e.g. at('2026-08-18', '09:30'). */
export function at(date: string, hhmm: string): Date {
  return new Date(`${date}T${hhmm}:00+08:00`);
}

/** The ISO weekday of a Shanghai calendar date: 1 = Monday … 7 = Sunday (weekly schedules, the demo's opening days). */
export function isoWeekday(date: string): number {
  return ((new Date(`${date}T12:00:00+08:00`).getUTCDay() + 6) % 7) + 1;
}

/** `minutes` before a moment: the cut-offs of the booking rules count back from a slot's start. */
export function minutesBefore(moment: Date, minutes: number): Date {
  return new Date(moment.getTime() - minutes * 60_000);
}

/** Until when a citizen may cancel a booking of a slot starting at `start`. */
export function cancelDeadline(start: Date, rules: Pick<ServiceRules, 'cancelMinutesBefore'>): Date {
  return minutesBefore(start, rules.cancelMinutesBefore);
}

/** When a slot opens for booking (midnight, days ahead), when booking closes, and until when a citizen may cancel. */
export function bookingWindow(
  rules: ServiceRules,
  slot: { date: string; start: Date },
): { opensAt: Date; closesAt: Date; cancelUntil: Date } {
  const opensAt = startOfDate(addDays(slot.date, -rules.opensDaysAhead));
  let closesAt = minutesBefore(slot.start, rules.closesMinutesBefore);
  if (rules.orderCutoff) {
    const cutoff = at(slot.date, rules.orderCutoff);
    if (cutoff < closesAt) closesAt = cutoff;
  }
  return { opensAt, closesAt, cancelUntil: cancelDeadline(slot.start, rules) };
}

/** True while `now` is inside a booking window. */
export const isBookable = (w: { opensAt: Date; closesAt: Date }, now: Date): boolean => now >= w.opensAt && now < w.closesAt;

/** `09:00` → `9:00`, as a time reads in a sentence. */
const spokenTime = (hhmm: string) => hhmm.replace(/^0(\d)/, '$1');

/**
 * Why a slot cannot be booked now, in the words its tile shows (null while it can): a slot staff
 * closed says their reason; before its window opens 未开放; after its cut-off, 助餐's daily one
 * as "今日订餐已于 9:00 截止", any other as 已截止预约; with no place left 已约满. `now` is the
 * caller's injected clock.
 */
export function slotUnavailableReason(
  rules: Pick<ServiceRules, 'opensDaysAhead' | 'closesMinutesBefore' | 'orderCutoff'>,
  slot: { date: string; start: Date; closedReason?: string | null | undefined },
  remaining: number,
  now: Date,
): string | null {
  if (slot.closedReason) return `已停办：${slot.closedReason}`;
  const w = bookingWindow({ cancelMinutesBefore: 0, maxActivePerDay: 1, ...rules }, slot);
  if (now < w.opensAt) return '未开放';
  if (now >= w.closesAt) {
    if (rules.orderCutoff && w.closesAt.getTime() === at(slot.date, rules.orderCutoff).getTime()) {
      const day = slot.date === toDateString(now) ? '今日' : `${Number(slot.date.slice(5, 7))}月${Number(slot.date.slice(8))}日`;
      return `${day}订餐已于 ${spokenTime(rules.orderCutoff)} 截止`;
    }
    return '已截止预约';
  }
  return remaining > 0 ? null : '已约满';
}

/** When the reminder of a booking on `date` is sent: 18:00 Shanghai time the evening before (none once that has passed). */
export const reminderAt = (date: string): Date => at(addDays(date, -1), '18:00');
