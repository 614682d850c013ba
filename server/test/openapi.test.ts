import request from 'supertest';
import { ROUTE_DOCS } from '../src/http/openapi';
import { testApp } from './setup/harness';

const app = testApp().callback();

/** The contract's fixed endpoints (api-contract.md), in OpenAPI path form. */
const CONTRACT = [
  'GET /api/health',
  'POST /api/auth/login',
  'GET /api/news',
  'GET /api/news/{id}',
  'GET /api/services',
  'GET /api/services/{id}',
  'GET /api/services/{id}/slots',
  'POST /api/admin/slots',
  'POST /api/bookings',
  'GET /api/bookings/{id}',
  'POST /api/bookings/{id}/cancel',
  'GET /api/me/bookings',
  'GET /api/events',
  'GET /api/events/{id}',
];

describe('GET /api/openapi.json', () => {
  it('documents every route the server has, each with a summary, and nothing it does not have', async () => {
    const res = await request(app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const ops = Object.entries(res.body.paths as Record<string, Record<string, { summary: string }>>).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, summary: op.summary })),
    );
    expect(ops.filter((o) => !o.summary).map((o) => o.key)).toEqual([]);
    expect(ops.map((o) => o.key).sort()).toEqual(Object.keys(ROUTE_DOCS).sort());
    expect(ops.map((o) => o.key)).toEqual(expect.arrayContaining(CONTRACT));
  });

  it('describes requests with the same zod schemas that validate them', async () => {
    const { body } = await request(app).get('/api/openapi.json');
    const list = body.paths['/api/news'].get;
    const category = list.parameters.find((p: { name: string }) => p.name === 'category');
    expect(category).toMatchObject({ in: 'query', required: false, schema: { enum: ['plan', 'policy', 'news', 'notice', 'livelihood'] } });
    expect(list.parameters.find((p: { name: string }) => p.name === 'q').schema.maxLength).toBe(50);
    const booking = body.paths['/api/bookings'].post;
    expect(booking.requestBody.content['application/json'].schema.required).toEqual(['slotId', 'form']);
    expect(booking.responses['201']).toBeDefined();
    expect(booking.security).toEqual([{ bearer: [] }]);
  });

  it('gives every operation a unique operationId and its security: bearer for a person, none for the public', async () => {
    const { body } = await request(app).get('/api/openapi.json');
    const ops = Object.entries(body.paths as Record<string, Record<string, { operationId: string; security: unknown }>>).flatMap(
      ([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, ...op })),
    );
    const ids = ops.map((o) => o.operationId);
    expect(ids.every((id) => /^[a-z]+[A-Za-z]*$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ops.length);
    expect(ops.find((o) => o.key === 'GET /api/services/{id}/slots')!.operationId).toBe('getServicesByIdSlots');
    for (const o of ops) expect([o.key, o.security]).toEqual([o.key, ROUTE_DOCS[o.key]!.who === 'anyone' ? [] : [{ bearer: [] }]]);
    expect(body.info.license.name).toBeTruthy();
  });

  it('describes answers with the shared response schemas, the concepts as named components', async () => {
    const { body } = await request(app).get('/api/openapi.json');
    const answer = (path: string, method: string, status: string) => body.paths[path][method].responses[status].content;
    expect(answer('/api/bookings', 'post', '201')['application/json'].schema).toEqual({ $ref: '#/components/schemas/BookingView' });
    expect(body.components.schemas.BookingView.required).toEqual(expect.arrayContaining(['id', 'code', 'status', 'slotId', 'start']));
    expect(body.components.schemas.BookingView.additionalProperties).toBe(false);
    const schedule = answer('/api/admin/schedules', 'post', '201')['application/json'].schema;
    expect(schedule.required).toEqual(['planned', 'created', 'skippedExisting']);
    const mine = answer('/api/me/bookings', 'get', '200')['application/json'].schema;
    expect(mine.properties.items.items).toEqual({ $ref: '#/components/schemas/BookingView' });
    expect(answer('/api/staff/bookings/export', 'get', '200')).toHaveProperty([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(body.paths['/api/me/family/{id}'].delete.responses['204'].content).toBeUndefined();
    // Every reference points at a component that exists.
    const refs = [...JSON.stringify(body).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.filter((r) => !(r in body.components.schemas))).toEqual([]);
  });
});
