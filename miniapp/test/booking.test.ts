import { dayNote, firstOpenDay, rulesText, successNote } from '../src/utils/booking';

const booking = (start: string, createdAt: string, forFamilyMember = false, forName = '王秀兰', pickup = 'store') => ({
  start,
  createdAt,
  forName,
  forFamilyMember,
  form: { name: forName, pickup },
});

describe('the success page’s words', () => {
  it('promises the evening-before reminder only while it will still be sent', () => {
    expect(successNote(booking('2026-12-05T11:00:00+08:00', '2026-12-03T08:00:00+08:00')).reminder).toBe(
      '请按时前往，向工作人员出示预约码。前一天晚上 6 点会提醒您。',
    );
    // Booked at 08:00 for today's lunch: no "前一天晚上".
    const today = successNote(booking('2026-12-03T11:00:00+08:00', '2026-12-03T08:00:00+08:00')).reminder;
    expect(today).toBe('就在今天，请按时前往，向工作人员出示预约码。');
    expect(today).not.toContain('前一天晚上');
    // Booked at 19:00 for tomorrow: the 18:00 reminder has passed.
    expect(successNote(booking('2026-12-04T11:00:00+08:00', '2026-12-03T19:00:00+08:00')).reminder).toBe(
      '就在明天，请按时前往，向工作人员出示预约码。',
    );
  });

  it('tells a 送餐上门 booking that the meal is brought to the address, a 到店 one to come to the station', () => {
    const delivery = successNote(booking('2026-12-05T11:00:00+08:00', '2026-12-03T08:00:00+08:00', false, '王秀兰', 'delivery')).reminder;
    expect(delivery).toBe('我们会按时把餐送到您填写的地址，请保持电话畅通。前一天晚上 6 点会提醒您。');
    expect(delivery).not.toContain('前往');
    const today = successNote(booking('2026-12-03T11:00:00+08:00', '2026-12-03T08:00:00+08:00', false, '王秀兰', 'delivery')).reminder;
    expect(today).toBe('就在今天，我们会按时把餐送到您填写的地址，请保持电话畅通。');
    expect(successNote(booking('2026-12-05T11:00:00+08:00', '2026-12-03T08:00:00+08:00')).reminder).toContain('请按时前往');
  });

  it('names whom the booking is for', () => {
    expect(successNote(booking('2026-12-05T11:00:00+08:00', '2026-12-03T08:00:00+08:00', true)).forWhom).toBe('为家人 王秀兰 预约');
    expect(successNote(booking('2026-12-05T11:00:00+08:00', '2026-12-03T08:00:00+08:00')).forWhom).toBe('为本人（王秀兰）预约');
    expect(successNote(booking('2026-12-05T11:00:00+08:00', '2026-12-03T08:00:00+08:00', false, '')).forWhom).toBe('为本人预约');
  });
});

describe('the date strip of a service page', () => {
  const slot = (date: string, remaining: number, unavailableReason: string | null) => ({
    start: `${date}T11:00:00+08:00`,
    remaining,
    bookable: unavailableReason === null,
    unavailableReason,
  });
  const slots = [
    slot('2026-12-03', 5, '今日订餐已于 9:00 截止'),
    slot('2026-12-04', 0, '已约满'),
    slot('2026-12-06', 3, null),
    slot('2026-12-07', 8, '未开放'),
    slot('2026-12-08', 8, '已停办：设备检修'),
  ];
  const dates = ['2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08'];

  it('says plainly why a day has no place, never 无号', () => {
    expect(dates.map((d) => dayNote(slots, d).text)).toEqual(['已截止', '约满', '休息', '余3', '未开放', '停办']);
    expect(dates.map((d) => dayNote(slots, d).open)).toEqual([false, false, false, true, false, false]);
  });

  it('starts on the first day with a free place, or on the first day when none has one', () => {
    expect(firstOpenDay(dates, slots)).toBe('2026-12-06');
    expect(firstOpenDay(dates, slots.slice(0, 2))).toBe('2026-12-03');
  });
});

describe('the service page’s booking rules, in words from the rules (#12: 提前一天预订 beside a same-day 9:00 cut-off)', () => {
  it('助餐: same-day orders before the cut-off', () => {
    const meal = { opensDaysAhead: 7, closesMinutesBefore: 60, orderCutoff: '09:00', cancelMinutesBefore: 120, maxActivePerDay: 2 };
    expect(rulesText(meal)).toBe('可预约 7 天内的时段，每天 9:00 前可预订当天的餐；距开始 2 小时以上可以取消。');
    expect(rulesText({ ...meal, orderCutoff: '10:30' })).toContain('每天 10:30 前可预订当天的餐');
    expect(rulesText(meal)).not.toContain('提前一天');
  });

  it('other services: how long before the start booking and cancelling close', () => {
    expect(rulesText({ opensDaysAhead: 14, closesMinutesBefore: 24 * 60, cancelMinutesBefore: 12 * 60, maxActivePerDay: 1 })).toBe(
      '可预约 14 天内的时段，最晚提前 1 天预约；距开始 12 小时以上可以取消。',
    );
    expect(rulesText({ opensDaysAhead: 7, closesMinutesBefore: 30, cancelMinutesBefore: 60, maxActivePerDay: 1 })).toContain(
      '最晚提前 30 分钟预约',
    );
  });
});
