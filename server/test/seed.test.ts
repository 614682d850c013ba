import request from 'supertest';
import { formFieldSchema, SERVICE_KINDS } from '@jingkai/shared';
import { comingDate, linkDemoArticles, seedDemo, seedDemoIfEmpty } from '../src/seed/demo';
import { buildNews } from './factories';
import { ServiceModel, SiteModel, SlotModel } from '../src/modules/services/model';
import { EventModel, SessionModel } from '../src/modules/events/model';
import { clearDb, testApp, testDay, testNow, testToday, useTestDb } from './setup/harness';

useTestDb(__filename);
const app = testApp().callback();
const NOW = testNow();

beforeAll(async () => {
  await clearDb();
  expect(await seedDemoIfEmpty(NOW)).toBe(true);
});

describe('demo content', () => {
  it('offers all four service kinds, with 2 community and 7 village stations and 2 homes for meals', async () => {
    const res = await request(app).get('/api/services');
    expect(res.body.items.map((s: { kind: string }) => s.kind).sort()).toEqual([...SERVICE_KINDS].sort());
    const meal = res.body.items.find((s: { kind: string }) => s.kind === 'elderly-meal');
    const detail = await request(app).get(`/api/services/${meal.id}`);
    const names: string[] = detail.body.sites.map((s: { name: string }) => s.name);
    expect(names[0]).toBe('河西社区居家养老服务站');
    expect(names.filter((n) => n.endsWith('社区居家养老服务站'))).toHaveLength(2);
    expect(names.filter((n) => /村?养老服务站$/.test(n) && !n.includes('社区'))).toHaveLength(7);
    expect(names).toEqual(expect.arrayContaining(['辽河养老院', '河西养老院']));
    expect(detail.body.sites.every((s: { demo: boolean; address: string }) => s.demo && s.address.includes('演示'))).toBe(true);
  });

  it('uses only the contract field types in every form', async () => {
    for (const svc of await ServiceModel.find().lean()) {
      for (const field of svc.form) expect(formFieldSchema.safeParse(field).success).toBe(true);
    }
    for (const ev of await EventModel.find().lean()) {
      for (const field of ev.form) expect(formFieldSchema.safeParse(field).success).toBe(true);
    }
  });

  it('has slots over the next 14 days from today, none in the past', async () => {
    // 老年助餐 runs every day, so the first and the last of the 14 days both have slots.
    const dates = ((await SlotModel.distinct('date')) as string[]).sort();
    expect([dates[0], dates.at(-1)]).toEqual([testToday(), testDay(13)]);
    expect(await SlotModel.countDocuments({ demo: false })).toBe(0);
  });

  it('lists the festivals on their true dates, the coming ones, and a job fair within two weeks', async () => {
    const res = await request(app).get('/api/events?status=upcoming');
    const byTitle = new Map<string, { startAt: string; endAt: string; category: string }>(
      res.body.items.map((e: { title: string; startAt: string; endAt: string; category: string }) => [e.title, e]),
    );
    const year = Number(testToday().slice(0, 4));
    const coming = (monthDay: string) => (`${year}-${monthDay}` >= testToday() ? year : year + 1);
    expect(byTitle.get('818哲里木赛马节')?.startAt).toBe(`${coming('08-18')}-08-18T08:30:00+08:00`);
    expect(byTitle.get('科尔沁草原音乐节')?.startAt.slice(0, 7)).toBe(`${coming('07-25')}-07`);
    expect(byTitle.get('科尔沁草原音乐节')?.endAt.slice(0, 7)).toBe(`${coming('07-25')}-07`);
    expect(byTitle.get('西辽河文化节')?.startAt.slice(0, 7)).toBe(`${coming('09-20')}-09`);
    const fair = res.body.items.find((e: { category: string }) => e.category === 'job-fair');
    expect(fair.startAt.slice(0, 10) > testToday() && fair.startAt.slice(0, 10) <= testDay(14)).toBe(true);
    expect(res.body.items).toHaveLength(4);
    expect(await SessionModel.countDocuments()).toBe(8);
    // The 818 race: two sessions on the day.
    const race = res.body.items.find((e: { title: string }) => e.title === '818哲里木赛马节');
    expect((await request(app).get(`/api/events/${race.id}`)).body.sessions).toHaveLength(2);
  });

  it('asks a job fair for the desired job and education, and gives every event an address to navigate to', async () => {
    const list = await request(app).get('/api/events?status=upcoming');
    for (const e of list.body.items as { id: string; category: string }[]) {
      const d = (await request(app).get(`/api/events/${e.id}`)).body;
      expect(d.address).toMatch(/通辽市/);
      expect(d.location).toEqual({ lat: expect.any(Number), lng: expect.any(Number) });
      const names = d.form.map((f: { name: string }) => f.name);
      if (e.category === 'job-fair') expect(names).toEqual(expect.arrayContaining(['desiredJob', 'education']));
      else expect(names).not.toContain('education');
    }
  });

  it('links the 818 article and the 818 event both ways once news is there, so readers sign up from it', async () => {
    const art = await buildNews({ title: '818哲里木赛马节即将开幕 赛马、搏克等你来' });
    await buildNews({ title: '与活动无关的文章' });
    expect(await linkDemoArticles()).toBe(1);
    const race = (await request(app).get('/api/events?status=upcoming')).body.items.find(
      (e: { title: string }) => e.title === '818哲里木赛马节',
    );
    expect((await request(app).get(`/api/news/${art.id}`)).body.eventId).toBe(race.id);
    expect((await request(app).get(`/api/events/${race.id}`)).body.newsId).toBe(art.id);
  });

  it('counts a yearly date from today: this year until it has passed, then next year; no 02-29', () => {
    expect(comingDate('2027-08-17', '08-18')).toBe('2027-08-18');
    expect(comingDate('2027-08-18', '08-18')).toBe('2027-08-18');
    expect(comingDate('2027-08-19', '08-18')).toBe('2028-08-18');
    expect(comingDate('2027-12-31', '07-25')).toBe('2028-07-25');
    expect(comingDate('2028-02-29', '09-20')).toBe('2028-09-20');
    expect(() => comingDate('2027-01-01', '02-29')).toThrow();
    expect(() => comingDate('2027-01-01', '09-31')).toThrow();
  });

  it('is idempotent and does not seed a database that has content', async () => {
    const count = async () => [ServiceModel, SiteModel, SlotModel, EventModel, SessionModel].map((m) => m.countDocuments());
    const before = await Promise.all(await count());
    await seedDemo(NOW);
    expect(await Promise.all(await count())).toEqual(before);
    expect(await seedDemoIfEmpty(NOW)).toBe(false);
  });
});
