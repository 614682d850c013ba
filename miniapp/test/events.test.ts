import type { EventSession } from '@jingkai/shared';
import { eventPhase, firstSession, groupByPhase, placesText, signupState } from '../src/utils/events';

const NOW = new Date('2026-08-01T10:00:00+08:00');
const session = (o: Partial<EventSession> = {}): EventSession => ({
  id: 'a'.repeat(24),
  startAt: '2026-08-18T08:30:00+08:00',
  endAt: '2026-08-18T18:00:00+08:00',
  capacity: 500,
  remaining: 12,
  waitlist: 0,
  signupOpensAt: null,
  signupClosesAt: '2026-08-18T08:30:00+08:00',
  ...o,
});

describe('the 报名 button of a session', () => {
  it('says when signups open, and that they closed', () => {
    expect(signupState(session({ signupOpensAt: '2026-08-03T10:00:00+08:00' }), true, NOW)).toEqual({
      kind: 'notYet',
      text: '8月3日 周一 10:00 开放报名',
    });
    expect(signupState(session({ signupClosesAt: '2026-08-01T10:00:00+08:00' }), true, NOW).kind).toBe('closed');
    expect(signupState(session({ signupOpensAt: '2026-08-01T10:00:00+08:00' }), true, NOW).kind).toBe('open');
  });

  it('offers the waitlist with how many wait once full, and nothing when there is no waitlist', () => {
    expect(signupState(session({ remaining: 0, waitlist: 7 }), true, NOW).text).toBe('排队候补（已有 7 人）');
    expect(signupState(session({ remaining: 0 }), false, NOW)).toEqual({ kind: 'full', text: '名额已满' });
    expect(placesText(session({ remaining: 0, waitlist: 3 }), true)).toBe('已满 · 3 人候补');
    expect(placesText(session(), true)).toBe('余 12 个名额');
  });

  it('offers first the first session open for signup', () => {
    const closed = session({ id: 'b'.repeat(24), signupClosesAt: '2026-07-30T00:00:00+08:00' });
    const open = session({ id: 'c'.repeat(24) });
    expect(firstSession({ sessions: [closed, open], waitlist: true }, NOW)?.id).toBe(open.id);
  });
});

describe('the 活动 tab groups', () => {
  it('puts an event in 正在进行 from its start to its end, then in 往期回顾', () => {
    const e = { startAt: '2026-08-01T08:00:00+08:00', endAt: '2026-08-01T18:00:00+08:00' };
    expect(eventPhase(e, new Date('2026-08-01T07:59:00+08:00'))).toBe('upcoming');
    expect(eventPhase(e, NOW)).toBe('ongoing');
    expect(eventPhase(e, new Date('2026-08-01T18:00:00+08:00'))).toBe('past');
    const later = { startAt: '2026-09-20T09:30:00+08:00', endAt: '2026-09-21T17:00:00+08:00' };
    expect(groupByPhase([later, e], NOW).map((g) => [g.phase, g.items.length])).toEqual([
      ['ongoing', 1],
      ['upcoming', 1],
    ]);
  });
});
