import { isWorkday } from 'chinese-days';
import type { RequestCategory } from '@jingkai/shared';
import { addDays, at, toDateString } from '../../lib/time';

/**
 * Deadlines in working days, on China's official calendar (`chinese-days`: public holidays and the
 * adjusted working days, 调休, such as a working Saturday after 国庆). Years the calendar does not
 * know yet count Monday to Friday.
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
export const isWorkingDay = (date: string): boolean => isWorkday(date);

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
