import { Types } from 'mongoose';
import pino from 'pino';
import type { NewsCategory } from '@jingkai/shared';
import { publishChange } from '../../src/modules/news/cache';
import { storeArticle } from '../../src/modules/news/store';
import { DEFAULT_CATEGORY_RULES } from '../../src/modules/news/categories';
import { createDeps } from '../../src/deps';
import { testConfig, testNow } from '../setup/harness';
import { NewsModel } from '../../src/modules/news/model';
import { SlotModel } from '../../src/modules/services/model';
import { insertSlots, upsertService, upsertSite, type ServiceInput, type SiteInput } from '../../src/modules/services/repo';
import { upsertEvent, type EventInput } from '../../src/modules/events/repo';

let n = 0;
const next = () => ++n;

export interface NewsOverrides {
  title?: string;
  digest?: string;
  category?: NewsCategory;
  html?: string;
  publishedAt?: Date;
  hidden?: boolean;
}

const factoryDeps = () => createDeps(testConfig(), pino({ level: 'silent' }), { now: testNow });

/** An article stored through the same pipeline as a sync (sanitise, segment, classify), then shown. */
export async function buildNews(o: NewsOverrides = {}) {
  const i = next();
  const sourceKey = `test:${i}`;
  await storeArticle(
    factoryDeps(),
    {
      sourceKey,
      origin: 'staff',
      title: o.title ?? `测试文章 ${i}`,
      digest: o.digest ?? `摘要 ${i}`,
      author: null,
      html: o.html ?? `<p>正文 ${i}</p>`,
      coverUrl: null,
      url: null,
      source: '测试',
      publishedAt: o.publishedAt ?? new Date(Date.UTC(2025, 0, i)),
      sourceUpdatedAt: 0,
    },
    { rules: DEFAULT_CATEGORY_RULES, forceCategory: o.category ?? 'news' },
  );
  const doc = await NewsModel.findOne({ sourceKey }).lean();
  if (o.hidden) await NewsModel.updateOne({ _id: doc!._id }, { $set: { hidden: true, hiddenBy: 'staff' } });
  await publishChange();
  return { id: String(doc!._id), ...doc! };
}

export async function buildService(overrides: Partial<ServiceInput> = {}, siteOverrides: Partial<SiteInput> = {}) {
  const i = next();
  const serviceId = await upsertService({
    key: `svc-${i}`,
    kind: 'insurance-appointment',
    name: `服务 ${i}`,
    summary: '测试服务',
    description: '',
    phone: '0475-0000000',
    sortOrder: i,
    form: [{ name: 'name', label: '姓名', type: 'text', required: true }],
    rules: { opensDaysAhead: 30, closesMinutesBefore: 0, cancelMinutesBefore: 0, maxActivePerDay: 5 },
    demo: false,
    ...overrides,
  });
  const siteId = await upsertSite({
    serviceId: new Types.ObjectId(serviceId),
    key: `site-${i}`,
    name: `服务点 ${i}`,
    address: '测试地址',
    phone: '0475-0000001',
    hours: '9:00-17:00',
    lat: 43.6,
    lng: 122.2,
    sortOrder: 0,
    demo: false,
    ...siteOverrides,
  });
  return { serviceId, siteId };
}

export async function buildSlot(serviceId: string, siteId: string, o: { date: string; from?: string; to?: string; capacity?: number }) {
  const start = new Date(`${o.date}T${o.from ?? '09:00'}:00+08:00`);
  await insertSlots([
    {
      serviceId: new Types.ObjectId(serviceId),
      siteId: new Types.ObjectId(siteId),
      date: o.date,
      start,
      end: new Date(`${o.date}T${o.to ?? '10:00'}:00+08:00`),
      capacity: o.capacity ?? 3,
      demo: false,
    },
  ]);
  const doc = await SlotModel.findOne({ siteId, start }).lean();
  return String(doc!._id);
}

export async function buildEvent(overrides: Partial<EventInput> = {}, sessions?: { startAt: Date; endAt: Date; capacity: number }[]) {
  const i = next();
  const startAt = overrides.startAt ?? new Date(testNow().getTime() + 7 * 86_400_000);
  const endAt = overrides.endAt ?? new Date(startAt.getTime() + 3 * 3600_000);
  const id = await upsertEvent(
    {
      key: `ev-${i}`,
      title: `活动 ${i}`,
      category: 'festival',
      venue: '测试场地',
      description: '',
      coverUrl: null,
      startAt,
      endAt,
      maxAttendees: 3,
      waitlist: true,
      form: [],
      demo: false,
      ...overrides,
    },
    sessions ?? [{ startAt, endAt, capacity: 100 }],
  );
  return id;
}
