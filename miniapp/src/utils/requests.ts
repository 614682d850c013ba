import {
  RATING_LEVEL_LABELS,
  REQUEST_CATEGORIES,
  REQUEST_CATEGORY_LABELS,
  REQUEST_STATUS_LABELS,
  REQUEST_UNIT_LABELS,
  REQUEST_RATES,
  addDays,
  isPoorRating,
  isoWeekday,
  type RatingView,
  type RequestCategory,
  type RequestDetail,
  type RequestRateKey,
  type RequestStats,
  type RequestStatus,
} from '@jingkai/shared';
import type { BarSpec, LineSpec } from './chart';
import { formatDateTime } from './format';

/** The five faces as the citizen sees them, left to right: 非常满意 (5) … 非常不满意 (1). */
export const FACES = [5, 4, 3, 2, 1].map((level) => ({ level, label: RATING_LEVEL_LABELS[level - 1]! }));

/** What a given rating says back: the level, and for a 差评 that someone will call. */
export function ratingSummary(r: Pick<RatingView, 'level'> & { followUpId?: string | null }): { title: string; followUp: string | null } {
  return {
    title: `您的评价：${RATING_LEVEL_LABELS[r.level - 1] ?? ''}`,
    followUp: isPoorRating(r.level) && r.followUpId ? '很抱歉没能让您满意。工作人员会在 1 个工作日内联系您，15 个工作日内处理好。' : null,
  };
}

/** Statuses in which the request waits for staff (and the citizen may add information). */
export const OPEN_STATUSES: readonly RequestStatus[] = ['held', 'received', 'accepted', 'assigned'];
export const isOpen = (s: RequestStatus) => OPEN_STATUSES.includes(s);

export const statusLabel = (s: RequestStatus) => REQUEST_STATUS_LABELS[s];
export const categoryLabel = (c: RequestCategory) => REQUEST_CATEGORY_LABELS[c];
export const isCategory = (v: string): v is RequestCategory => (REQUEST_CATEGORIES as readonly string[]).includes(v);

/**
 * The deadline line of a request: by when it is accepted and answered, or which deadline it missed
 * (a request not accepted yet and late missed its acceptance deadline, which comes first); nothing
 * once answered. Without `acceptDueAt` (the citizen's list) a late acceptance is said without a time.
 */
export function dueText(r: { status: RequestStatus; dueAt: string; overdue: boolean; acceptDueAt?: string }): string | null {
  if (!isOpen(r.status)) return null;
  const notAccepted = r.status === 'held' || r.status === 'received';
  if (r.overdue && notAccepted) return r.acceptDueAt ? `已超期：应于 ${formatDateTime(r.acceptDueAt)} 前受理` : '已超过受理时限，正在催办';
  if (r.overdue) return `已超期：应于 ${formatDateTime(r.dueAt)} 前答复`;
  const reply = `${formatDateTime(r.dueAt)} 前答复`;
  return notAccepted && r.acceptDueAt ? `${formatDateTime(r.acceptDueAt)} 前受理，${reply}` : reply;
}

const BY = { citizen: '您', staff: '工作人员', system: '系统' } as const;

/** One line of the timeline: the step, who took it, and to which unit it went. */
export function timelineLine(e: RequestDetail['timeline'][number], forStaff = false): string {
  const who = forStaff && e.by === 'citizen' ? '市民' : BY[e.by];
  const unit = e.unit ? `（${REQUEST_UNIT_LABELS[e.unit]}）` : '';
  return `${REQUEST_STATUS_LABELS[e.status]}${unit} · ${who}`;
}

/** The steps staff may take next from a status, as the server allows them. */
export function nextSteps(s: RequestStatus): ('accepted' | 'assigned' | 'replied' | 'closed')[] {
  switch (s) {
    case 'held':
    case 'received':
      return ['accepted'];
    case 'accepted':
      return ['assigned', 'replied'];
    case 'assigned':
      return ['replied'];
    case 'replied':
    case 'rated':
      return ['closed'];
    default:
      return [];
  }
}

/** The filing form's fields, by the names the server's 400 uses (`photos.1` is the photos' field). */
export function requestFormErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) out[k.split('.')[0]!] ??= v;
  return out;
}

/** `2026-11-30` → `11/30`. */
export const weekLabel = (day: string) => {
  const m = /^\d{4}-(\d{2})-(\d{2})/.exec(day);
  return m ? `${Number(m[1])}/${Number(m[2])}` : day;
};

/** The last `weeks` whole weeks from Monday, up to `today`: the dashboard's period. */
export function weeksUpTo(today: string, weeks: number): { from: string; to: string } {
  const monday = addDays(today, 1 - isoWeekday(today));
  return { from: addDays(monday, -7 * (weeks - 1)), to: today };
}

const RATE_COLORS: Record<RequestRateKey, string> = {
  acceptedOnTimeRate: '#1a5fb4',
  closedOnTimeRate: '#2e7d32',
  ratedRate: '#d97706',
  satisfiedRate: '#7c3aed',
};

/** The four rates (names and definitions from shared), with their colours on the line chart. */
export const RATES = REQUEST_RATES.map((r) => ({ ...r, color: RATE_COLORS[r.key] }));

/** The dashboard's charts from the stats answer: the weekly rates as lines, the counts by category as bars. */
export function statsCharts(s: RequestStats): { weekly: LineSpec; byCategory: BarSpec } {
  return {
    weekly: {
      kind: 'line',
      labels: s.byWeek.map((w) => weekLabel(w.week)),
      series: RATES.map((r) => ({ name: r.name, color: r.color, values: s.byWeek.map((w) => w[r.key]) })),
    },
    byCategory: {
      kind: 'bar',
      labels: REQUEST_CATEGORIES.map((c) => REQUEST_CATEGORY_LABELS[c]),
      values: REQUEST_CATEGORIES.map((c) => s.byCategory.find((b) => b.category === c)?.total ?? 0),
    },
  };
}

/** How many of a site's or event's ratings were 差评 (levels 1–2): the ratings not at 基本满意 or better. */
export const poorCount = (r: { count: number; satisfiedRate: number | null }): number =>
  r.satisfiedRate === null ? 0 : Math.round(r.count * (1 - r.satisfiedRate));

/** Sites or events with the most 差评 first, then the lower average. */
export const mostPoorFirst = <T extends { count: number; average: number; satisfiedRate: number | null }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => poorCount(b) - poorCount(a) || a.average - b.average);
