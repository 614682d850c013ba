import { getHolidaysInRange, getSolarDateFromLunar, getSolarTermDate, isWorkday } from 'chinese-days';
import type { RequestCategory } from '@jingkai/shared';
import { addDays, at, toDateString } from '../../lib/time';

/**
 * Deadlines in working days, on China's official calendar (`chinese-days`: public holidays and the
 * adjusted working days, 调休, such as a working Saturday after 国庆). A year the calendar does not
 * know yet (the State Council publishes each year's arrangement late in the year before, and the
 * package follows) counts Monday to Friday less the statutory holidays of 《全国年节及纪念日放假办法》,
 * which are fixed by law: their dates are known, only the 调休 around them are not.
 */
export const DEADLINES: Record<RequestCategory, { acceptDays: number; replyDays: number }> = {
  services: { acceptDays: 1, replyDays: 5 },
  environment: { acceptDays: 1, replyDays: 5 },
  business: { acceptDays: 1, replyDays: 10 },
  events: { acceptDays: 1, replyDays: 3 },
  other: { acceptDays: 1, replyDays: 5 },
};

/** A 差评's follow-up: a call-back within a working day, the fix within 15 (Zhejiang and Sichuan practice). */
export const FOLLOW_UP = { acceptDays: 1, replyDays: 15 };

/** Whether a `YYYY-MM-DD` date is a working day in China. */
export function isWorkingDay(date: string): boolean {
  const year = Number(date.slice(0, 4));
  if (calendarKnows(year)) return isWorkday(date);
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !statutoryHolidays(year).has(date);
}

const known = new Map<number, boolean>();
/** Whether `chinese-days` has the year's official arrangement (it lists holidays for it). */
export function calendarKnows(year: number): boolean {
  let k = known.get(year);
  if (k === undefined) known.set(year, (k = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0));
  return k;
}

const statutory = new Map<number, Set<string>>();
/**
 * The 13 statutory holiday days of a year (2025 revision): 元旦, 春节 (除夕 to 初三), 清明, 劳动节
 * (1–2 May), 端午, 中秋, 国庆 (1–3 October); lunar dates and the 清明 solar term from `chinese-days`.
 */
export function statutoryHolidays(year: number): Set<string> {
  let days = statutory.get(year);
  if (days) return days;
  const lunar = (md: string, y = year) => getSolarDateFromLunar(`${y}-${md}`).date;
  const springFestival = lunar('01-01');
  days = new Set([
    `${year}-01-01`,
    addDays(springFestival, -1),
    springFestival,
    addDays(springFestival, 1),
    addDays(springFestival, 2),
    getSolarTermDate(year, 4, 'pure_brightness'),
    `${year}-05-01`,
    `${year}-05-02`,
    lunar('05-05'),
    lunar('08-15'),
    `${year}-10-01`,
    `${year}-10-02`,
    `${year}-10-03`,
  ]);
  statutory.set(year, days);
  return days;
}

/**
 * The end (23:59:59, Asia/Shanghai) of the `n`-th working day after the day of `from`: the day a
 * request arrives does not count, whatever the hour.
 */
export function workingDaysAfter(from: Date, n: number): Date {
  let day = toDateString(from);
  for (let left = n; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left--;
  }
  return new Date(at(day, '23:59').getTime() + 59_000);
}

export function deadlinesOf(receivedAt: Date, rule: { acceptDays: number; replyDays: number }) {
  return { acceptDueAt: workingDaysAfter(receivedAt, rule.acceptDays), dueAt: workingDaysAfter(receivedAt, rule.replyDays) };
}
