import { shanghaiToday } from './dates';

/** Formats ISO times from the API for reading, in the time zone they carry (Asia/Shanghai). */

/** `2025-01-22T10:07:40+08:00` → `2025年1月22日` */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** `…T09:00:00+08:00` → `09:00` */
export function formatTime(iso: string): string {
  const m = /T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[1]}:${m[2]}` : '';
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/**
 * `2026-08-18T09:00:00+08:00` → `8月18日 周二 09:00` in 2026, `2026年8月18日 周二 09:00` in any other
 * year (Asia/Shanghai's year at `now`), so next summer's race is not read as this summer's.
 */
export function formatDateTime(iso: string, now = Date.now()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay();
  const year = m[1] === shanghaiToday(now).slice(0, 4) ? '' : `${m[1]}年`;
  return `${year}${Number(m[2])}月${Number(m[3])}日 周${WEEKDAYS[day]} ${formatTime(iso)}`;
}

/** A slot as a citizen reads it: `12月3日 周四 11:00–12:30`, and ` · 河西社区居家养老服务站` when the site is known. */
export function formatSlot(start: string, end: string, siteName?: string): string {
  const when = `${formatDateTime(start)}–${formatTime(end)}`;
  return siteName ? `${when} · ${siteName}` : when;
}

/** A distance as a citizen reads it: `约 350 米` under a kilometre, `约 1.2 公里` above, `约 12 公里` from 10 km. */
export function formatDistance(metres: number): string {
  if (metres < 1000) return `约 ${Math.max(10, Math.round(metres / 10) * 10)} 米`;
  const km = metres / 1000;
  return `约 ${km < 10 ? km.toFixed(1) : Math.round(km)} 公里`;
}

/** A form answer as read on a page: a month count (孩子月龄) gets its unit, 个月; anything else as it is. */
export function answerText(a: { label: string; value: string | number }): string {
  return /月龄$/.test(a.label) && /^\d+$/.test(String(a.value)) ? `${a.value} 个月` : String(a.value);
}
