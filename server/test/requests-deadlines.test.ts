import { DEADLINES, FOLLOW_UP, deadlinesOf, isWorkingDay, workingDaysAfter } from '../src/modules/requests/deadlines';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19);

describe('deadlines in working days (chinese-days, the official calendar)', () => {
  it('knows 国庆 2026 (1–7 October off) and the adjusted working Saturday, 10 October', () => {
    expect(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12'].map(isWorkingDay)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['2026-10-01', '2026-10-05', '2026-10-07', '2026-10-11', '2026-10-17'].map(isWorkingDay)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('a request received on the eve of 国庆 is to be accepted by 8 October and replied by 13 October', () => {
    const d = deadlinesOf(at('2026-09-30T16:45:00+08:00'), DEADLINES.services);
    expect(iso(d.acceptDueAt)).toBe('2026-10-08T23:59:59');
    // 8, 9, 10 (Saturday, a working day), 12, 13.
    expect(iso(d.dueAt)).toBe('2026-10-13T23:59:59');
  });

  it('the day of receipt never counts, whatever the hour; a weekend or holiday day of receipt neither', () => {
    expect(iso(workingDaysAfter(at('2026-10-09T00:00:01+08:00'), 1))).toBe('2026-10-10T23:59:59');
    expect(iso(workingDaysAfter(at('2026-10-09T23:59:00+08:00'), 1))).toBe('2026-10-10T23:59:59');
    expect(iso(workingDaysAfter(at('2026-10-03T12:00:00+08:00'), 1))).toBe('2026-10-08T23:59:59');
    // Shanghai dates, not UTC ones: 1 Oct 07:00 +08:00 is still 30 Sep in UTC.
    expect(iso(workingDaysAfter(at('2026-10-01T07:00:00+08:00'), 1))).toBe('2026-10-08T23:59:59');
  });

  it('a 差评 follow-up on 9 October is due in 15 working days: 29 October; events in 3', () => {
    const d = deadlinesOf(at('2026-10-09T15:00:00+08:00'), FOLLOW_UP);
    expect(iso(d.acceptDueAt)).toBe('2026-10-10T23:59:59');
    expect(iso(d.dueAt)).toBe('2026-10-29T23:59:59');
    expect(iso(deadlinesOf(at('2026-09-30T10:00:00+08:00'), DEADLINES.events).dueAt)).toBe('2026-10-10T23:59:59');
  });

  it('negative control: counted on plain weekdays, the same request would be due a week earlier', () => {
    let day = '2026-09-30';
    let left = 5;
    while (left > 0) {
      day = new Date(new Date(`${day}T12:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
      const wd = new Date(`${day}T12:00:00Z`).getUTCDay();
      if (wd !== 0 && wd !== 6) left--;
    }
    expect(day).toBe('2026-10-07');
    expect(iso(workingDaysAfter(at('2026-09-30T10:00:00+08:00'), 5)).slice(0, 10)).not.toBe(day);
  });
});
