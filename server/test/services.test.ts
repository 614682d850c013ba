import request from 'supertest';
import { buildService, buildSlot } from './factories';
import { insertSeat } from '../src/modules/capacity/repo';
import { slotPool } from '../src/modules/capacity';
import { clearDb, testApp, useTestDb } from './setup/harness';

useTestDb(__filename);
const app = testApp().callback();

beforeEach(clearDb);

/** A slot's reason, or null while it is bookable (which these tests, on the run's clock, leave open). */
const reasonOrNull = { asymmetricMatch: (v: unknown) => v === null || typeof v === 'string', toString: () => 'reasonOrNull' };

describe('GET /api/services', () => {
  it('lists bookable services with kind, name and the number of sites', async () => {
    const { serviceId } = await buildService({ kind: 'elderly-meal', name: '老年助餐' });
    const res = await request(app).get('/api/services');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [{ id: serviceId, kind: 'elderly-meal', name: '老年助餐', summary: '测试服务', phone: '0475-0000000', siteCount: 1 }],
      total: 1,
      page: 1,
      pageSize: 1,
    });
  });
});

describe('GET /api/services/:id', () => {
  it('returns the service with its sites and booking form', async () => {
    const { serviceId, siteId } = await buildService({
      form: [{ name: 'pickup', label: '取餐方式', type: 'select', required: true, options: [{ value: 'store', label: '到店取餐' }] }],
    });
    const res = await request(app).get(`/api/services/${serviceId}`);
    expect(res.status).toBe(200);
    expect(res.body.sites).toEqual([
      {
        id: siteId,
        name: expect.any(String),
        address: '测试地址',
        phone: '0475-0000001',
        hours: '9:00-17:00',
        location: { lat: 43.6, lng: 122.2 },
        demo: false,
      },
    ]);
    expect(res.body.form).toEqual([
      { name: 'pickup', label: '取餐方式', type: 'select', required: true, options: [{ value: 'store', label: '到店取餐' }] },
    ]);
  });

  it('gives a 助餐 site its weekly menu, and a site without one no menu at all (the field is optional)', async () => {
    const menu = [
      { weekday: 1, start: '11:00', dishes: '米饭、红烧鸡块、清炒西兰花' },
      { weekday: 1, start: '17:00', dishes: '小米粥、肉末茄子、花卷' },
    ];
    const meal = await buildService({ kind: 'elderly-meal' }, { menu });
    const plain = await buildService();
    const res = await request(app).get(`/api/services/${meal.serviceId}`);
    expect(res.status).toBe(200);
    expect(res.body.sites.map((s: { menu?: unknown }) => s.menu)).toEqual([menu]);
    const other = await request(app).get(`/api/services/${plain.serviceId}`);
    expect(other.body.sites[0]).not.toHaveProperty('menu');
  });

  it('is 404 for an unknown service', async () => {
    const res = await request(app).get('/api/services/0123456789abcdef01234567');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('GET /api/services/:id/slots', () => {
  it('returns slots starting on the dates from..to, both included, with exact remaining', async () => {
    const { serviceId, siteId } = await buildService();
    await buildSlot(serviceId, siteId, { date: '2026-12-01' });
    const inRange = await buildSlot(serviceId, siteId, { date: '2026-12-02', from: '14:00', to: '14:30', capacity: 2 });
    const last = await buildSlot(serviceId, siteId, { date: '2026-12-03' });
    await buildSlot(serviceId, siteId, { date: '2026-12-04' });
    expect(await insertSeat(slotPool(inRange), 1, 'person-a', 'claim-1')).toBe('ok');

    const res = await request(app).get(`/api/services/${serviceId}/slots?from=2026-12-02&to=2026-12-03`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      asOf: expect.any(String),
      items: [
        {
          id: inRange,
          siteId,
          start: '2026-12-02T14:00:00+08:00',
          end: '2026-12-02T14:30:00+08:00',
          capacity: 2,
          remaining: 1,
          bookable: expect.any(Boolean),
          unavailableReason: reasonOrNull,
        },
        {
          id: last,
          siteId,
          start: '2026-12-03T09:00:00+08:00',
          end: '2026-12-03T10:00:00+08:00',
          capacity: 3,
          remaining: 3,
          bookable: expect.any(Boolean),
          unavailableReason: reasonOrNull,
        },
      ],
    });
  });

  it('refuses a reversed or overlong range and malformed dates, naming the field', async () => {
    const { serviceId } = await buildService();
    const reversed = await request(app).get(`/api/services/${serviceId}/slots?from=2026-12-05&to=2026-12-01`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.fields).toEqual({ 'query.to': '结束日期不能早于开始日期' });
    const long = await request(app).get(`/api/services/${serviceId}/slots?from=2026-01-01&to=2026-03-01`);
    expect(long.status).toBe(400);
    const bad = await request(app).get(`/api/services/${serviceId}/slots?from=12/01/2026`);
    expect(bad.body.error.fields).toEqual({ 'query.from': '日期格式应为 YYYY-MM-DD' });
  });
});
