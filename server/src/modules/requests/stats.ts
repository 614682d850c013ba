import type { Context } from 'koa';
import { REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, REQUEST_RATES, isoWeekday, type RequestStats } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { validationError } from '../../http/errors';
import { addDays, startOfDate } from '../../lib/time';
import { workbookOf } from '../../lib/workbook';
import * as audit from '../audit';
import type { AuthUser } from '../../http/auth';
import * as services from '../services';
import { UNIT_OF_KIND, ratingKey, visibleUnits } from './present';
import * as ratings from '../ratings';
import * as repo from './repo';

/** The longest period the stats answer covers. */
export const STATS_MAX_DAYS = 366;

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);
const within = (t: Date | null | undefined, from: Date, to: Date) => !!t && t >= from && t < to;

interface Facts {
  requests: repo.RequestDoc[];
  /** Request ids rated (any time) or followed up by a request of their own. */
  ratedOrFollowed: Set<string>;
  requestRatings: ratings.RatingDoc[];
}

/**
 * The four rates over [from, to) (instants), as the README defines them. An item still waiting whose
 * deadline has not come yet is neither on time nor late, so it counts in neither part of that rate.
 */
function ratesOf(f: Facts, from: Date, to: Date, now: Date) {
  const received = f.requests.filter((r) => within(r.receivedAt, from, to));
  const acceptJudged = received.filter((r) => r.acceptedAt || r.acceptDueAt < now);
  const acceptedOnTime = acceptJudged.filter((r) => r.acceptedAt && r.acceptedAt <= r.acceptDueAt);
  const due = f.requests.filter((r) => within(r.dueAt, from, to) && (r.repliedAt || r.dueAt < now));
  const repliedOnTime = due.filter((r) => r.repliedAt && r.repliedAt <= r.dueAt);
  const replied = f.requests.filter((r) => within(r.repliedAt, from, to));
  const followed = replied.filter((r) => f.ratedOrFollowed.has(String(r._id)));
  const rated = f.requestRatings.filter((g) => within(g.at, from, to));
  return {
    total: received.length,
    acceptedOnTimeRate: ratio(acceptedOnTime.length, acceptJudged.length),
    closedOnTimeRate: ratio(repliedOnTime.length, due.length),
    ratedRate: ratio(followed.length, replied.length),
    satisfiedRate: ratio(rated.filter((g) => g.level >= 3).length, rated.length),
  };
}

function byPlace(ratings: ratings.RatingDoc[], keyOf: (g: ratings.RatingDoc) => string | null | undefined) {
  const groups = new Map<string, number[]>();
  for (const g of ratings) {
    const k = keyOf(g);
    if (k) groups.set(k, [...(groups.get(k) ?? []), g.level]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, levels]) => ({
      id,
      count: levels.length,
      average: Math.round((levels.reduce((s, l) => s + l, 0) / levels.length) * 100) / 100,
      satisfiedRate: ratio(levels.filter((l) => l >= 3).length, levels.length),
    }));
}

/** A unit's figures count the requests assigned to it; those not assigned yet are 综合's (the dispatch). */
const inScope = (units: string[] | undefined, r: Pick<repo.RequestDoc, 'unit'>) => !units || (!!r.unit && units.includes(r.unit));

/**
 * The ratings of the period the caller may count: of requests of their units, of bookings of services
 * their units answer for (by the service's kind), of event visits when they handle 活动.
 */
async function ratingsInScope(user: AuthUser, ratings: ratings.RatingDoc[]): Promise<ratings.RatingDoc[]> {
  const units = visibleUnits(user);
  if (!units) return ratings;
  const rated = await repo.findRequests(ratings.filter((g) => g.kind === 'request').map((g) => g.subjectId));
  const requestsSeen = new Set(rated.filter((r) => inScope(units, r)).map((r) => String(r._id)));
  const serviceIds = [...new Set(ratings.filter((g) => g.kind === 'booking' && g.serviceId).map((g) => g.serviceId!))];
  const kinds = new Map(
    (await Promise.all(serviceIds.map((id) => services.findService(id)))).flatMap((s) => (s ? [[String(s._id), s.kind]] : [])),
  );
  return ratings.filter((g) => {
    if (g.kind === 'request') return requestsSeen.has(g.subjectId);
    if (g.kind === 'registration') return units.includes('events');
    const unit = g.serviceId ? UNIT_OF_KIND[kinds.get(g.serviceId) ?? ''] : undefined;
    return !!unit && units.includes(unit);
  });
}

/**
 * GET /api/staff/requests/stats?from=&to=: the dates are Asia/Shanghai days, both included. Staff
 * see the figures of their units (the requests assigned to them, the ratings of their services and,
 * for 活动, of event visits); admins and 综合 those of the whole zone.
 */
export async function stats(deps: Deps, user: AuthUser, q: { from: string; to: string }): Promise<RequestStats> {
  if (addDays(q.from, STATS_MAX_DAYS - 1) < q.to) throw validationError({ 'query.to': `统计区间最长 ${STATS_MAX_DAYS} 天` });
  const from = startOfDate(q.from);
  const to = startOfDate(addDays(q.to, 1));
  const now = deps.now();
  const units = visibleUnits(user);
  const requests = (await repo.requestsTouching(from, to)).filter((r) => inScope(units, r));
  const ids = requests.map((r) => String(r._id));
  const [ratingsOfThese, followUps, period] = await Promise.all([
    ratings.ratingsOf(ids.map((id) => ratingKey('request', id))),
    repo.followUpsOf(ids),
    ratings.ratingsBetween(from, to).then((all) => ratingsInScope(user, all)),
  ]);
  const facts: Facts = {
    requests,
    ratedOrFollowed: new Set([...ratingsOfThese.map((g) => g.subjectId), ...followUps.map((r) => String(r.followUpOf))]),
    requestRatings: period.filter((g) => g.kind === 'request'),
  };
  const byWeek: RequestStats['byWeek'] = [];
  for (let monday = addDays(q.from, 1 - isoWeekday(q.from)); monday <= q.to; monday = addDays(monday, 7)) {
    const start = monday < q.from ? from : startOfDate(monday);
    const end = addDays(monday, 7) > q.to ? to : startOfDate(addDays(monday, 7));
    byWeek.push({ week: monday, ...ratesOf(facts, start, end, now) });
  }
  const received = requests.filter((r) => within(r.receivedAt, from, to));
  return {
    from: q.from,
    to: q.to,
    ...ratesOf(facts, from, to, now),
    byCategory: REQUEST_CATEGORIES.map((category) => ({ category, total: received.filter((r) => r.category === category).length })),
    byWeek,
    ratings: {
      bySite: byPlace(
        period.filter((g) => g.kind === 'booking'),
        (g) => g.siteId,
      ).map(({ id, ...rest }) => ({ siteId: id, ...rest })),
      byEvent: byPlace(
        period.filter((g) => g.kind === 'registration'),
        (g) => g.eventId,
      ).map(({ id, ...rest }) => ({ eventId: id, ...rest })),
    },
  };
}

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/**
 * GET /api/staff/requests/stats/export: the figures of a period as an Excel file for the zone's
 * report: the four rates with their definitions, the requests per category, and each week's rates.
 * Counts and rates only, no personal data; audited.
 */
export async function exportStats(deps: Deps, ctx: Context, q: { from: string; to: string }) {
  const s = await stats(deps, ctx.state.user as AuthUser, q);
  const rows: Record<string, string | number>[] = [
    { item: `统计期间 ${s.from} 至 ${s.to}`, value: '', note: '' },
    { item: '收到诉求', value: s.total, note: '期内收到的诉求件数' },
    ...REQUEST_RATES.map((r) => ({ item: r.name, value: percent(s[r.key]), note: r.definition })),
    { item: '', value: '', note: '' },
    { item: '按类别', value: '件数', note: '' },
    ...s.byCategory.map((c) => ({ item: REQUEST_CATEGORY_LABELS[c.category], value: c.total, note: '' })),
    { item: '', value: '', note: '' },
    { item: '按周（周一起）', value: '收到', note: REQUEST_RATES.map((r) => r.name).join(' · ') },
    ...s.byWeek.map((w) => ({ item: w.week, value: w.total, note: REQUEST_RATES.map((r) => percent(w[r.key])).join(' · ') })),
  ];
  const buffer = await workbookOf(
    '诉求统计',
    [
      { header: '项目', key: 'item', width: 24 },
      { header: '数值', key: 'value', width: 12 },
      { header: '说明', key: 'note', width: 60 },
    ],
    rows,
  );
  await audit.record(ctx, 'request.stats.export', 'request', '-', { from: s.from, to: s.to });
  return { buffer, filename: `requests-stats-${s.from}-${s.to}.xlsx` };
}
