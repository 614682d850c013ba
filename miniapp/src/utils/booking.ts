import { BOOKING_STATUS_LABELS, reminderAt, type BookingView, type ServiceRules, type Slot } from '@jingkai/shared';
import { formatSlot } from './format';
import { spellOut } from './speech-text';

/**
 * What the success page says about a booking just made: whom it is for, and a reminder sentence
 * that promises the evening-before reminder only when the server will still send it (18:00 the day
 * before, shared reminderAt); a same-day booking is told it is today. The sentence follows the way
 * chosen on the form: 送餐上门 (`pickup: delivery`) is brought to the address, anything else is
 * fetched at the station.
 */
export function successNote(b: Pick<BookingView, 'start' | 'createdAt' | 'forName' | 'forFamilyMember' | 'form'>): {
  forWhom: string;
  reminder: string;
} {
  const forWhom = b.forFamilyMember ? `为家人 ${b.forName} 预约` : b.forName ? `为本人（${b.forName}）预约` : '为本人预约';
  const date = b.start.slice(0, 10);
  const booked = b.createdAt.slice(0, 10);
  const show = b.form.pickup === 'delivery' ? '我们会按时把餐送到您填写的地址，请保持电话畅通。' : '请按时前往，向工作人员出示预约码。';
  if (reminderAt(date).getTime() > Date.parse(b.createdAt)) return { forWhom, reminder: `${show}前一天晚上 6 点会提醒您。` };
  return { forWhom, reminder: date === booked ? `就在今天，${show}` : `就在明天，${show}` };
}

/** A booking as 朗读 reads it: what, when, where, and the code letter by letter. */
export function bookingSpeech(
  b: Pick<BookingView, 'serviceName' | 'start' | 'end' | 'siteName' | 'siteAddress' | 'code' | 'status'>,
): string {
  const when = formatSlot(b.start, b.end).replace('–', '到');
  return `${b.serviceName}，${BOOKING_STATUS_LABELS[b.status]}。${when}，${b.siteName}，${b.siteAddress}。预约码 ${spellOut(b.code)}。`;
}

type DaySlot = Pick<Slot, 'start' | 'remaining' | 'bookable' | 'unavailableReason'>;

/**
 * What a date chip of the service page says under the date, for one site's slots: how many places
 * are free, or plainly why none are (休息: no slot that day; 约满; 已截止 after the cut-off; 停办;
 * 未开放 before the window opens), never a bare 无号.
 */
export function dayNote(slots: DaySlot[], date: string): { text: string; open: boolean } {
  const day = slots.filter((s) => s.start.startsWith(date));
  const free = day.filter((s) => s.bookable).reduce((n, s) => n + s.remaining, 0);
  if (free > 0) return { text: `余${free}`, open: true };
  if (day.length === 0) return { text: '休息', open: false };
  const reasons = day.map((s) => s.unavailableReason ?? '');
  const word = reasons.some((r) => r.includes('约满') || r === '')
    ? '约满'
    : reasons.some((r) => r.includes('截止'))
      ? '已截止'
      : reasons.some((r) => r.startsWith('已停办'))
        ? '停办'
        : '未开放';
  return { text: word, open: false };
}

/** The date the service page starts on: the first of `dates` with a free place, else the first. */
export function firstOpenDay(dates: string[], slots: DaySlot[]): string | undefined {
  return dates.find((d) => dayNote(slots, d).open) ?? dates[0];
}

/** 60 → 1 小时, 1440 → 1 天, 30 → 30 分钟. */
function duration(minutes: number): string {
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} 天`;
  if (minutes % 60 === 0) return `${minutes / 60} 小时`;
  return `${minutes} 分钟`;
}

/**
 * When a service can be booked and cancelled, in words, from its rules: the page says what the
 * server enforces (a literal such as 提前一天预订 would contradict 助餐's same-day 9:00 cut-off).
 */
export function rulesText(rules: ServiceRules): string {
  const closes = rules.orderCutoff
    ? `每天 ${rules.orderCutoff.replace(/^0/, '')} 前可预订当天的餐`
    : `最晚提前 ${duration(rules.closesMinutesBefore)}预约`;
  return `可预约 ${rules.opensDaysAhead} 天内的时段，${closes}；距开始 ${duration(rules.cancelMinutesBefore)}以上可以取消。`;
}
