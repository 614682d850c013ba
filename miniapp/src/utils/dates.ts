import { addDays, toDateString } from '@jingkai/shared';

export { addDays };

/** Today in Asia/Shanghai, whatever the phone's time zone. */
export function shanghaiToday(now = Date.now()): string {
  return toDateString(new Date(now));
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** `2026-12-01` → { day: '12/1', week: '周二' }, with 今天/明天 for the first two. */
export function dateChip(date: string, today: string): { day: string; week: string } {
  const d = new Date(`${date}T00:00:00Z`);
  const week = date === today ? '今天' : date === addDays(today, 1) ? '明天' : `周${WEEKDAYS[d.getUTCDay()]}`;
  return { day: `${d.getUTCMonth() + 1}/${d.getUTCDate()}`, week };
}

/** The calendar month of a date: `2026-11-27` → { from: '2026-11-01', to: '2026-11-30', label: '11月' }. */
export function monthOf(date: string): { from: string; to: string; label: string } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}`, label: `${m}月` };
}

/** The most days the service page offers at once (and so where the booking form looks for its slot). */
export const SLOT_DAYS_MAX = 14;

/** The days the service page offers: a week at least, as far ahead as the service opens, two weeks at most. */
export const slotDays = (opensDaysAhead = 7): number => Math.min(SLOT_DAYS_MAX, Math.max(7, opensDaysAhead));
