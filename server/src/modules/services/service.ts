import {
  bookingWindow,
  isBookable,
  slotUnavailableReason,
  type ServiceDetail,
  type ServiceRules,
  type ServiceSite,
  type ServiceSummary,
  type SlotsAnswer,
} from '@jingkai/shared';
import { isDbUp } from '../../db';
import { dbUnavailable, notFound, validationError } from '../../http/errors';
import type { SerialisedJson } from '../../lib/serialised';
import { perOwner, ServedAnswers } from '../../lib/served';
import { addDays, startOfDate, toDateString, toIso } from '../../lib/time';
import * as capacity from '../capacity';
import type { ServiceDoc, SiteDoc } from './model';
import * as repo from './repo';

function toSummary(d: ServiceDoc, siteCount: number): ServiceSummary {
  return { id: String(d._id), kind: d.kind as ServiceSummary['kind'], name: d.name, summary: d.summary, phone: d.phone, siteCount };
}

function toSite(s: SiteDoc): ServiceSite {
  return {
    id: String(s._id),
    name: s.name,
    address: s.address,
    phone: s.phone,
    hours: s.hours,
    location: { lat: s.lat, lng: s.lng },
    demo: s.demo,
    ...(s.menu?.length ? { menu: s.menu.map((m) => ({ weekday: m.weekday, start: m.start, dishes: m.dishes })) } : {}),
  };
}

/** The one place of the booking rules' defaults; the model keeps none, so a service stored without a rule gets these. */
export const DEFAULT_RULES: ServiceRules = {
  opensDaysAhead: 7,
  closesMinutesBefore: 60,
  cancelMinutesBefore: 60,
  maxActivePerDay: 1,
};

/** Unless a service sets its own: an account books for itself and two more people a day. */
const ACCOUNT_TIMES_PERSON = 3;

export function rulesOf(svc: ServiceDoc): ServiceRules {
  const merged = { ...DEFAULT_RULES, ...(svc.rules ?? {}) } as Omit<ServiceRules, 'maxPerAccountPerDay'> & {
    maxPerAccountPerDay?: number | null;
    orderCutoff?: string | null;
  };
  // The account's bound follows the person's limit unless the service sets its own.
  const r = {
    ...merged,
    maxPerAccountPerDay: merged.maxPerAccountPerDay ?? merged.maxActivePerDay * ACCOUNT_TIMES_PERSON,
  } as ServiceRules & {
    orderCutoff?: string | null;
  };
  if (!r.orderCutoff) delete r.orderCutoff;
  return r;
}

/**
 * The last answer of each public services read, kept while the database is up and served only while
 * it is away: services change rarely, and a citizen can still read what there is to book.
 */
const lastAnswers = new Map<string, unknown>();
async function remembered<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!isDbUp()) {
    if (lastAnswers.has(key)) return lastAnswers.get(key) as T;
    throw dbUnavailable();
  }
  const value = await load();
  if (lastAnswers.size >= 1_000) lastAnswers.clear();
  lastAnswers.set(key, value);
  return value;
}

export async function list(): Promise<ServiceSummary[]> {
  return remembered('list', async () => {
    const [services, counts] = await Promise.all([repo.listServices(), repo.countSitesByService()]);
    return services.map((s) => toSummary(s, counts.get(String(s._id)) ?? 0));
  });
}

export async function get(id: string): Promise<ServiceDetail> {
  return remembered(`service:${id}`, async () => {
    const [svc, sites] = await Promise.all([repo.findService(id), repo.listSites(id)]);
    if (!svc) throw notFound('NOT_FOUND', '没有找到这项服务');
    return { ...toSummary(svc, sites.length), description: svc.description, rules: rulesOf(svc), sites: sites.map(toSite), form: svc.form };
  });
}

/** The longest range one slots query may cover. */
export const MAX_SLOT_RANGE_DAYS = 31;

/**
 * The serialised slot list of one query, kept while nothing it shows can have changed: no seat count
 * this instance holds (`counts.version`, which also moves when another instance's change is learnt),
 * no slot or service written here (`repo.slotGeneration`), no window opening or closing and no
 * midnight on the injected clock. The slot list is what every citizen opens before booking: a
 * repeated question costs a lookup, not 150 slots' windows.
 */
const servedSlots = perOwner<capacity.SeatCounts, ServedAnswers>(() => new ServedAnswers());

export async function slotsServed(
  id: string,
  from: string | undefined,
  to: string | undefined,
  now: Date,
  counts: capacity.SeatCounts,
): Promise<SerialisedJson> {
  const { start, end } = slotRange(from, to, now);
  await counts.sync();
  const stamp = `${counts.version}:${repo.slotGeneration()}`;
  return servedSlots(counts).get(`${id}|${start}|${end}`, stamp, now, () => buildSlots(id, start, end, now, counts));
}

function slotRange(from: string | undefined, to: string | undefined, now: Date): { start: string; end: string } {
  const start = from ?? toDateString(now);
  const end = to ?? addDays(start, 13);
  if (end < start) throw validationError({ 'query.to': '结束日期不能早于开始日期' });
  if (end > addDays(start, MAX_SLOT_RANGE_DAYS - 1)) throw validationError({ 'query.to': `一次最多查询 ${MAX_SLOT_RANGE_DAYS} 天` });
  return { start, end };
}

/** The slot list now, and until when (on the injected clock) its windows and reasons hold. */
async function buildSlots(
  id: string,
  start: string,
  end: string,
  now: Date,
  counts: capacity.SeatCounts,
): Promise<{ answer: SlotsAnswer; until: number }> {
  const svc = await repo.findService(id);
  if (!svc) throw notFound('NOT_FOUND', '没有找到这项服务');
  const docs = await repo.listSlots(id, start, end);
  const { left, asOf } = await counts.available(docs.map((d) => ({ poolId: capacity.slotPool(String(d._id)), capacity: d.capacity })));
  const rules = rulesOf(svc);
  const t = now.getTime();
  // "今日订餐…" becomes a date at midnight.
  let until = startOfDate(addDays(toDateString(now), 1)).getTime();
  const items = docs.map((d) => {
    const remaining = left.get(capacity.slotPool(String(d._id))) ?? d.capacity;
    const w = bookingWindow(rules, d);
    for (const edge of [w.opensAt.getTime(), w.closesAt.getTime()]) if (edge > t && edge < until) until = edge;
    return {
      id: String(d._id),
      siteId: String(d.siteId),
      start: toIso(d.start),
      end: toIso(d.end),
      capacity: d.capacity,
      remaining,
      bookable: !d.closedReason && isBookable(w, now),
      unavailableReason: slotUnavailableReason(rules, d, remaining, now),
    };
  });
  return { answer: { items, asOf: toIso(asOf) }, until };
}
