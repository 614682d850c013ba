import type { RequestStats } from '@jingkai/shared';
import {
  FACES,
  mostPoorFirst,
  poorCount,
  dueText,
  weeksUpTo,
  nextSteps,
  ratingSummary,
  requestFormErrors,
  statsCharts,
  timelineLine,
  weekLabel,
} from '../src/utils/requests';

describe('诉求 for citizens', () => {
  it('shows the five faces from 非常满意 to 非常不满意', () => {
    expect(FACES.map((f) => `${f.level}${f.label}`)).toEqual(['5非常满意', '4满意', '3基本满意', '2不满意', '1非常不满意']);
  });

  it('says by when an open request is accepted and answered, which deadline a late one missed, and nothing once answered', () => {
    const due = '2026-12-09T18:00:00+08:00';
    const accept = '2026-12-03T18:00:00+08:00';
    expect(dueText({ status: 'accepted', dueAt: due, overdue: false })).toBe('12月9日 周三 18:00 前答复');
    expect(dueText({ status: 'received', dueAt: due, acceptDueAt: accept, overdue: false })).toBe(
      '12月3日 周四 18:00 前受理，12月9日 周三 18:00 前答复',
    );
    // Late to be accepted while the reply deadline is still ahead: the acceptance deadline is the one missed.
    expect(dueText({ status: 'received', dueAt: due, acceptDueAt: accept, overdue: true })).toBe('已超期：应于 12月3日 周四 18:00 前受理');
    expect(dueText({ status: 'held', dueAt: due, overdue: true })).toBe('已超过受理时限，正在催办');
    expect(dueText({ status: 'assigned', dueAt: '2026-12-01T18:00:00+08:00', overdue: true })).toBe(
      '已超期：应于 12月1日 周二 18:00 前答复',
    );
    expect(dueText({ status: 'replied', dueAt: '2026-12-01T18:00:00+08:00', overdue: true })).toBeNull();
  });

  it('tells a 差评 that someone will call back, and a good rating only its level', () => {
    expect(ratingSummary({ level: 4, followUpId: null })).toEqual({ title: '您的评价：满意', followUp: null });
    expect(ratingSummary({ level: 1, followUpId: 'f1' }).followUp).toMatch(/1 个工作日内联系您/);
  });

  it('names who took a step, a citizen as 您 to themselves and 市民 to staff', () => {
    const e = { status: 'assigned' as const, at: '2026-12-02T09:00:00+08:00', by: 'staff' as const, unit: 'elderly' as const };
    expect(timelineLine(e)).toBe('已转办（养老） · 工作人员');
    expect(timelineLine({ status: 'received', at: e.at, by: 'citizen' })).toBe('已接收 · 您');
    expect(timelineLine({ status: 'received', at: e.at, by: 'citizen' }, true)).toBe('已接收 · 市民');
  });

  it("puts the server's field errors on the form's fields (photos.1 is the photos field)", () => {
    expect(requestFormErrors({ text: '请至少写 10 个字', 'photos.1': '没有找到这张照片' })).toEqual({
      text: '请至少写 10 个字',
      photos: '没有找到这张照片',
    });
  });
});

describe('诉求 for staff', () => {
  it('offers the steps the server allows next', () => {
    expect(nextSteps('held')).toEqual(['accepted']);
    expect(nextSteps('received')).toEqual(['accepted']);
    expect(nextSteps('accepted')).toEqual(['assigned', 'replied']);
    expect(nextSteps('assigned')).toEqual(['replied']);
    expect(nextSteps('rated')).toEqual(['closed']);
    expect(nextSteps('closed')).toEqual([]);
  });

  it('turns the stats into weekly lines of the four rates and bars of every category', () => {
    const week = (date: string, r: number | null) => ({
      week: date,
      total: 1,
      acceptedOnTimeRate: r,
      closedOnTimeRate: r,
      ratedRate: null,
      satisfiedRate: 1,
    });
    const stats = {
      from: '2026-11-23',
      to: '2026-12-03',
      total: 3,
      acceptedOnTimeRate: 1,
      closedOnTimeRate: 0.5,
      ratedRate: null,
      satisfiedRate: 1,
      byCategory: [
        { category: 'services', total: 2 },
        { category: 'other', total: 1 },
      ],
      byWeek: [week('2026-11-23', 1), week('2026-11-30', 0.5)],
      ratings: { bySite: [], byEvent: [] },
    } satisfies RequestStats;
    const { weekly, byCategory } = statsCharts(stats);
    expect(weekly.labels).toEqual(['11/23', '11/30']);
    expect(weekly.series.map((s) => [s.name, s.values])).toEqual([
      ['受理及时率', [1, 0.5]],
      ['按时办结率', [1, 0.5]],
      ['回访率', [null, null]],
      ['满意率', [1, 1]],
    ]);
    expect(byCategory).toEqual({ kind: 'bar', labels: ['便民服务', '环境卫生', '企业服务', '活动', '其他'], values: [2, 0, 0, 0, 1] });
    expect(weekLabel('2026-01-05')).toBe('1/5');
  });

  it('asks for whole weeks from Monday up to today', () => {
    expect(weeksUpTo('2026-12-03', 8)).toEqual({ from: '2026-10-12', to: '2026-12-03' });
    expect(weeksUpTo('2026-11-30', 1)).toEqual({ from: '2026-11-30', to: '2026-11-30' });
    expect(weeksUpTo('2026-12-06', 4)).toEqual({ from: '2026-11-09', to: '2026-12-06' });
  });

  it('puts the sites with the most 差评 first', () => {
    const a = { id: 'a', count: 10, average: 4.1, satisfiedRate: 0.9 };
    const b = { id: 'b', count: 4, average: 2.5, satisfiedRate: 0.5 };
    const c = { id: 'c', count: 2, average: 1.5, satisfiedRate: 0 };
    expect([a, b, c].map(poorCount)).toEqual([1, 2, 2]);
    expect(mostPoorFirst([a, b, c]).map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });
});
