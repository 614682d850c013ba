import { monthOf } from '../src/utils/dates';
import { answerText, formatDate, formatDateTime, formatTime } from '../src/utils/format';

describe('date formatting for citizens', () => {
  it('reads the date and time in the offset the API sends (Asia/Shanghai), whatever the device zone', () => {
    expect(formatDate('2025-01-22T10:07:40+08:00')).toBe('2025年1月22日');
    expect(formatTime('2026-08-18T09:05:00+08:00')).toBe('09:05');
    const in2026 = Date.parse('2026-12-03T10:00:00+08:00');
    expect(formatDateTime('2026-08-18T09:00:00+08:00', in2026)).toBe('8月18日 周二 09:00');
    expect(formatDateTime('2026-11-29T23:30:00+08:00', in2026)).toBe('11月29日 周日 23:30');
  });

  it('names the year of a date outside the current year (Asia/Shanghai), and only then', () => {
    const in2026 = Date.parse('2026-12-03T10:00:00+08:00');
    expect(formatDateTime('2027-08-18T09:00:00+08:00', in2026)).toBe('2027年8月18日 周三 09:00');
    expect(formatDateTime('2025-08-18T09:00:00+08:00', in2026)).toBe('2025年8月18日 周一 09:00');
    // New Year's Eve, 17:00 UTC, is already 2027 in Shanghai.
    expect(formatDateTime('2027-01-02T09:00:00+08:00', Date.parse('2026-12-31T17:00:00Z'))).toBe('1月2日 周六 09:00');
  });
});

describe('calendar months for exports', () => {
  it('spans the whole month of a date, leap February included', () => {
    expect(monthOf('2026-11-27')).toEqual({ from: '2026-11-01', to: '2026-11-30', label: '11月' });
    expect(monthOf('2028-02-03')).toEqual({ from: '2028-02-01', to: '2028-02-29', label: '2月' });
    expect(monthOf('2026-12-31').to).toBe('2026-12-31');
  });
});

describe('form answers as read on a page', () => {
  it('gives a month count its unit (孩子月龄：22 个月), and leaves other answers as they are', () => {
    expect(answerText({ label: '孩子月龄', value: 22 })).toBe('22 个月');
    expect(answerText({ label: '孩子月龄', value: '22' })).toBe('22 个月');
    expect(answerText({ label: '取餐方式', value: '到店取餐' })).toBe('到店取餐');
    expect(answerText({ label: '名额', value: 3 })).toBe('3');
  });
});
