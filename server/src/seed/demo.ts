import { isoWeekday } from '@jingkai/shared';
import { addDays, at, toDateString } from '../lib/time';
import { insertSlots, listServices, upsertService, upsertSite, type SlotInput } from '../modules/services';
import { setEventArticle, upsertEvent } from '../modules/events';
import { findNewsIdByTitle } from '../modules/news';
import { DEMO_EVENTS, DEMO_SERVICES } from './demo-data';
import { Types } from 'mongoose';

export const SLOT_DAYS = 14;

/** The official account's 2025 plan article (the stand-in's `seed-2025-plan`), pinned to 首页 in the demo. */
export const DEMO_PINNED_ARTICLE = 'oa:seed-2025-plan:0';

type Progress = (message: string) => void;

/** ISO weekday, 1 = Monday .. 7 = Sunday, of a Shanghai date. */

export async function seedServices(today: string, progress: Progress): Promise<void> {
  for (const [i, svc] of DEMO_SERVICES.entries()) {
    const serviceId = await upsertService({
      key: svc.key,
      kind: svc.kind,
      name: svc.name,
      summary: svc.summary,
      description: svc.description,
      phone: svc.phone,
      sortOrder: i,
      form: svc.form,
      rules: svc.rules,
      demo: true,
    });
    const slots: SlotInput[] = [];
    for (const [j, site] of svc.sites.entries()) {
      const siteId = await upsertSite({ ...site, serviceId: new Types.ObjectId(serviceId), sortOrder: j, demo: true });
      for (let d = 0; d < SLOT_DAYS; d++) {
        const date = addDays(today, d);
        if (!svc.schedule.weekdays.includes(isoWeekday(date))) continue;
        for (const [from, to] of svc.schedule.times) {
          slots.push({
            serviceId: new Types.ObjectId(serviceId),
            siteId: new Types.ObjectId(siteId),
            date,
            start: at(date, from),
            end: at(date, to),
            capacity: svc.schedule.capacity,
            demo: true,
          });
        }
      }
    }
    const inserted = await insertSlots(slots);
    progress(`services: ${i + 1}/${DEMO_SERVICES.length} ${svc.name} — ${svc.sites.length} sites, ${inserted} new slots`);
  }
}

/**
 * The coming `MM-DD` counted from `today`: this year's while it has not passed (today included),
 * else next year's. Only for dates every year has (no 02-29).
 */
export function comingDate(today: string, monthDay: string): string {
  const [m = 0, d = 0] = monthDay.split('-').map(Number);
  const probe = new Date(Date.UTC(2001, m - 1, d)); // 2001 is no leap year: 02-29 rolls over and is refused
  if (!/^\d{2}-\d{2}$/.test(monthDay) || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    throw new Error(`not a date every year has: ${monthDay}`);
  }
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}-${monthDay}`;
  return thisYear >= today ? thisYear : `${year + 1}-${monthDay}`;
}

export async function seedEvents(today: string, progress: Progress): Promise<void> {
  for (const [i, ev] of DEMO_EVENTS.entries()) {
    const first = 'inDays' in ev.first ? addDays(today, ev.first.inDays) : comingDate(today, ev.first.on);
    const sessions = Array.from({ length: ev.sessions }, (_, k) => {
      const date = addDays(first, k * ev.sessionDays);
      return { startAt: at(date, ev.hours[0]), endAt: at(date, ev.hours[1]), capacity: ev.capacity };
    });
    await upsertEvent(
      {
        key: ev.key,
        title: ev.title,
        category: ev.category,
        venue: ev.venue,
        address: ev.address,
        lat: ev.location.lat,
        lng: ev.location.lng,
        description: ev.description,
        coverUrl: null,
        startAt: sessions[0]!.startAt,
        endAt: sessions.at(-1)!.endAt,
        maxAttendees: ev.maxAttendees,
        waitlist: ev.waitlist,
        form: ev.form,
        demo: true,
      },
      sessions,
    );
    progress(`events: ${i + 1}/${DEMO_EVENTS.length} ${ev.title}`);
  }
}

/** Writes (or refreshes) all demo content. Idempotent: running it twice leaves the same rows. */
export async function seedDemo(now: Date, progress: Progress = () => {}): Promise<void> {
  const today = toDateString(now);
  await seedServices(today, progress);
  await seedEvents(today, progress);
}

/**
 * Seeds only a database without services. Returns whether it seeded. News is not seeded: it comes
 * from the official account (the local stand-in publishes the seed article and a dozen more).
 */
export async function seedDemoIfEmpty(now: Date, progress: Progress = () => {}): Promise<boolean> {
  if ((await listServices()).length > 0) return false;
  await seedDemo(now, progress);
  return true;
}

/**
 * Once news is mirrored, each demo event's article links to it (as staff would link them), so a
 * reader of the 赛马节 article can sign up from it. Returns how many were linked.
 */
export async function linkDemoArticles(): Promise<number> {
  let linked = 0;
  for (const ev of DEMO_EVENTS) {
    const newsId = ev.article ? await findNewsIdByTitle(ev.article) : null;
    if (newsId && (await setEventArticle(ev.key, newsId))) linked++;
  }
  return linked;
}
