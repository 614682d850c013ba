import request from 'supertest';
import { formFieldSchema, SERVICE_KINDS } from '@jingkai/shared';
import { seedDemo, seedDemoIfEmpty } from '../src/seed/demo';
import { ServiceModel, SiteModel, SlotModel } from '../src/modules/services/model';
import { EventModel, SessionModel } from '../src/modules/events/model';
import { clearDb, testApp, useTestDb } from './setup/harness';

useTestDb(__filename);
const app = testApp().callback();
const NOW = new Date('2026-11-27T02:00:00Z'); // a Friday, 10:00 in Shanghai

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

  it('has slots over the next 14 days, none in the past', async () => {
    const dates = (await SlotModel.distinct('date')) as string[];
    expect(dates.sort()[0]).toBe('2026-11-27');
    expect(dates.sort().at(-1)).toBe('2026-12-10');
    expect(await SlotModel.countDocuments({ demo: false })).toBe(0);
  });

  it('has the festivals and a job fair, dated from today so something is always open', async () => {
    const res = await request(app).get('/api/events?status=upcoming');
    const titles = res.body.items.map((e: { title: string }) => e.title);
    expect(titles).toEqual(expect.arrayContaining(['科尔沁草原音乐节', '西辽河文化节', '818哲里木赛马节']));
    expect(res.body.items.some((e: { category: string }) => e.category === 'job-fair')).toBe(true);
    // Seeded relative to NOW, the list (relative to the real clock) shows them while they are ahead.
    expect(await SessionModel.countDocuments()).toBeGreaterThanOrEqual(8);
  });

  it('is idempotent and does not seed a database that has content', async () => {
    const count = async () => [ServiceModel, SiteModel, SlotModel, EventModel, SessionModel].map((m) => m.countDocuments());
    const before = await Promise.all(await count());
    await seedDemo(NOW);
    expect(await Promise.all(await count())).toEqual(before);
    expect(await seedDemoIfEmpty(NOW)).toBe(false);
  });
});
