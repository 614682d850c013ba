import { bookingWindow, cancelDeadline, isBookable, isoWeekday } from '../src';

describe('the date rules', () => {
  it('counts ISO weekdays on the Shanghai calendar: 2026-08-17 is a Monday, 2026-08-23 a Sunday', () => {
    expect(['2026-08-17', '2026-08-18', '2026-08-22', '2026-08-23'].map(isoWeekday)).toEqual([1, 2, 6, 7]);
  });

  it('opens a slot at midnight days ahead, closes it minutes before or at the order cut-off, whichever is earlier', () => {
    const slot = { date: '2026-08-18', start: new Date('2026-08-18T11:00:00+08:00') };
    const rules = { opensDaysAhead: 7, closesMinutesBefore: 60, cancelMinutesBefore: 120, maxActivePerDay: 1 };
    expect(bookingWindow(rules, slot)).toEqual({
      opensAt: new Date('2026-08-11T00:00:00+08:00'),
      closesAt: new Date('2026-08-18T10:00:00+08:00'),
      cancelUntil: new Date('2026-08-18T09:00:00+08:00'),
    });
    expect(bookingWindow({ ...rules, orderCutoff: '09:00' }, slot).closesAt).toEqual(new Date('2026-08-18T09:00:00+08:00'));
    expect(cancelDeadline(slot.start, { cancelMinutesBefore: 0 })).toEqual(slot.start);
    const w = bookingWindow(rules, slot);
    expect([isBookable(w, new Date('2026-08-10T23:59:59+08:00')), isBookable(w, w.opensAt), isBookable(w, w.closesAt)]).toEqual([
      false,
      true,
      false,
    ]);
  });
});
