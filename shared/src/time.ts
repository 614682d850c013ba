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
