import { isWorkday } from 'chinese-days';
import {
  DEADLINES,
  FOLLOW_UP,
  calendarKnows,
  deadlinesOf,
  isWorkingDay,
  statutoryHolidays,
  workingDaysAfter,
} from '../src/modules/requests/deadlines';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19);

describe('a year the official calendar does not know yet: the statutory holidays, fixed by law', () => {
  it('computes them where the official calendar has them, in the years it knows (2014–2026: every one is a day off)', () => {
    for (let year = 2014; year <= 2026; year++) {
      expect(calendarKnows(year)).toBe(true);
      const [, eve, , , , , , may2] = [...statutoryHolidays(year)];
      // Before the 2025 revision 除夕 and 2 May were not statutory days (some years worked them).
      const law = [...statutoryHolidays(year)].filter((d) => year >= 2025 || (d !== eve && d !== may2));
      expect(law.filter((d) => isWorkday(d))).toEqual([]);
    }
  });

  it('counts 元旦, 春节, 清明, 端午, 中秋 and 国庆 2027 as days off, so a deadline across them moves', () => {
    expect(calendarKnows(2027)).toBe(false);
    const off = ['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01'];
    expect(off.map(isWorkingDay)).toEqual(off.map(() => false));
    expect(['2027-01-04', '2027-02-09', '2027-10-04'].map(isWorkingDay)).toEqual([true, true, true]);
    // Filed on 31 December 2026: accepted by the end of Monday 4 January, not of 元旦.
    expect(iso(workingDaysAfter(at('2026-12-31T10:00:00+08:00'), 1))).toBe('2027-01-04T23:59:59');
  });
});

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
