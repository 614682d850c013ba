import type { EventDetail, EventSession, EventSummary } from '@jingkai/shared';
import { formatDateTime } from './format';

/** Where a session's signup stands at `now`, and what its button says. */
export type SignupState =
  | { kind: 'notYet'; text: string }
  | { kind: 'open'; text: string }
  | { kind: 'waitlist'; text: string }
  | { kind: 'full'; text: string }
  | { kind: 'closed'; text: string };

export function signupState(s: EventSession, waitlistOn: boolean, now: Date): SignupState {
  if (s.signupOpensAt && new Date(s.signupOpensAt) > now) return { kind: 'notYet', text: `${formatDateTime(s.signupOpensAt)} 开放报名` };
  if (new Date(s.signupClosesAt) <= now) return { kind: 'closed', text: '报名已截止' };
  if (s.remaining > 0) return { kind: 'open', text: '立即报名' };
  if (waitlistOn) return { kind: 'waitlist', text: s.waitlist > 0 ? `排队候补（已有 ${s.waitlist} 人）` : '排队候补' };
  return { kind: 'full', text: '名额已满' };
}

/** One line about the places of a session, for its row on the event page. */
export function placesText(s: EventSession, waitlistOn: boolean): string {
  if (s.remaining > 0) return `余 ${s.remaining} 个名额`;
  if (!waitlistOn) return '已满';
  return s.waitlist > 0 ? `已满 · ${s.waitlist} 人候补` : '已满 · 可候补';
}

/** The session to offer first: the first one open for signup, else the first still to come, else the first. */
export function firstSession(ev: Pick<EventDetail, 'sessions' | 'waitlist'>, now: Date): EventSession | undefined {
  const open = ev.sessions.find((s) => ['open', 'waitlist'].includes(signupState(s, ev.waitlist, now).kind));
  return open ?? ev.sessions.find((s) => new Date(s.startAt) > now) ?? ev.sessions[0];
}

export type EventPhase = 'ongoing' | 'upcoming' | 'past';

export const PHASE_LABELS: Record<EventPhase, string> = { ongoing: '正在进行', upcoming: '即将开始', past: '往期回顾' };

export function eventPhase(e: Pick<EventSummary, 'startAt' | 'endAt'>, now: Date): EventPhase {
  if (new Date(e.endAt) <= now) return 'past';
  return new Date(e.startAt) <= now ? 'ongoing' : 'upcoming';
}

/** The events of a list in the tab's three groups, in order, leaving out empty ones. */
export function groupByPhase<T extends Pick<EventSummary, 'startAt' | 'endAt'>>(
  items: T[],
  now: Date,
): { phase: EventPhase; items: T[] }[] {
  const phases: EventPhase[] = ['ongoing', 'upcoming', 'past'];
  return phases.map((phase) => ({ phase, items: items.filter((e) => eventPhase(e, now) === phase) })).filter((g) => g.items.length > 0);
}
