import { BOOKING_STATUS_LABELS, reminderAt, type BookingView } from '@jingkai/shared';
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
