import request from 'supertest';
import { buildService, buildSlot } from './factories';
import { idNumber } from './factories/ids';
import { clearDb, login, testApp, testDay, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();

type Persona = 'anonymous' | 'citizen' | 'other' | 'staffOther' | 'staff' | 'newsStaff' | 'admin';
const PERSONAS: Persona[] = ['anonymous', 'citizen', 'other', 'staffOther', 'staff', 'newsStaff', 'admin'];

/**
 * Every route × every persona → the expected status. `citizen` owns the family member under test;
 * `other` is another citizen; `staff` is staff of the service under test, `staffOther` of another;
 * `newsStaff` holds only the 资讯管理 scope (no service).
 */
describe('authorization matrix', () => {
  let app: ReturnType<ReturnType<typeof testApp>['callback']>;
  const auth: Partial<Record<Persona, Record<string, string>>> = {};
  let memberId = '';
  let serviceId = '';
  let targetUserId = '';
  let bookingId = '';

  beforeAll(async () => {
    await clearDb();
    app = testApp({ WECHAT_API_BASE: standin.current.url, BOOTSTRAP_ADMIN_OPENIDS: 'dev_admin' }).callback();
    const admin = await login(app, 'admin');
    auth.admin = admin.auth;
    serviceId = (await buildService()).serviceId;
    const otherService = (await buildService()).serviceId;
    for (const p of ['citizen', 'other', 'staff', 'staffOther', 'newsStaff'] as const) {
      const u = await login(app, p);
      auth[p] = u.auth;
      if (p === 'other') targetUserId = u.userId;
      if (p !== 'citizen' && p !== 'other') {
        const scope = p === 'newsStaff' ? { news: true } : { serviceIds: [p === 'staff' ? serviceId : otherService] };
        const granted = await request(app)
          .post('/api/admin/roles')
          .set(admin.auth)
          .send({ userId: u.userId, role: 'staff', ...scope });
        if (granted.status !== 200) throw new Error(`grant failed: ${JSON.stringify(granted.body)}`);
        // The grant revoked the old token: log in again, as the mini-program does on 401.
        auth[p] = (await login(app, p)).auth;
      }
    }
    const siteId = (await request(app).get(`/api/services/${serviceId}`)).body.sites[0].id;
    const slotId = await buildSlot(serviceId, siteId, { date: testDay(2) });
    const booked = await request(app)
      .post('/api/bookings')
      .set(auth.citizen!)
      .send({ slotId, form: { name: '王秀兰' } });
    if (booked.status !== 201) throw new Error(`booking failed: ${JSON.stringify(booked.body)}`);
    bookingId = booked.body.id;
    const m = await request(app)
      .post('/api/me/family')
      .set(auth.citizen!)
      .send({ name: '王秀兰', relation: 'parent', idNumber: idNumber('1950-05-01'), consent: true });
    memberId = m.body.id;
  });

  const routes: { name: string; send: (a?: Record<string, string>) => request.Test; expect: Record<Persona, number> }[] = [
    {
      name: 'GET /api/health',
      send: (a) =>
        request(app)
          .get('/api/health')
          .set(a ?? {}),
      expect: { anonymous: 200, citizen: 200, other: 200, staffOther: 200, staff: 200, newsStaff: 200, admin: 200 },
    },
    {
      name: 'GET /api/news',
      send: (a) =>
        request(app)
          .get('/api/news')
          .set(a ?? {}),
      expect: { anonymous: 200, citizen: 200, other: 200, staffOther: 200, staff: 200, newsStaff: 200, admin: 200 },
    },
    {
      name: 'GET /api/services/:id',
      send: (a) =>
        request(app)
          .get(`/api/services/${serviceId}`)
          .set(a ?? {}),
      expect: { anonymous: 200, citizen: 200, other: 200, staffOther: 200, staff: 200, newsStaff: 200, admin: 200 },
    },
    {
      name: 'GET /api/me',
      send: (a) =>
        request(app)
          .get('/api/me')
          .set(a ?? {}),
      expect: { anonymous: 401, citizen: 200, other: 200, staffOther: 200, staff: 200, newsStaff: 200, admin: 200 },
    },
    {
      name: 'GET /api/me/family',
      send: (a) =>
        request(app)
          .get('/api/me/family')
          .set(a ?? {}),
      expect: { anonymous: 401, citizen: 200, other: 200, staffOther: 200, staff: 200, newsStaff: 200, admin: 200 },
    },
    {
      name: "GET /api/me/family/:id (citizen's)",
      send: (a) =>
        request(app)
          .get(`/api/me/family/${memberId}`)
          .set(a ?? {}),
      expect: { anonymous: 401, citizen: 200, other: 404, staffOther: 404, staff: 404, newsStaff: 404, admin: 404 },
    },
    {
      name: 'GET /api/me/export',
      send: (a) =>
        request(app)
          .get('/api/me/export')
          .set(a ?? {}),
      expect: { anonymous: 401, citizen: 200, other: 200, staffOther: 200, staff: 200, newsStaff: 200, admin: 200 },
    },
    {
      name: 'GET /api/admin/users',
      send: (a) =>
        request(app)
          .get('/api/admin/users')
          .set(a ?? {}),
      expect: { anonymous: 401, citizen: 403, other: 403, staffOther: 403, staff: 403, newsStaff: 403, admin: 200 },
    },
    {
      name: 'GET /api/admin/audit',
      send: (a) =>
        request(app)
          .get('/api/admin/audit')
          .set(a ?? {}),
      expect: { anonymous: 401, citizen: 403, other: 403, staffOther: 403, staff: 403, newsStaff: 403, admin: 200 },
    },
    {
      name: 'GET /api/me/bookings',
      send: (a) =>
        request(app)
          .get('/api/me/bookings')
          .set(a ?? {}),
      expect: { anonymous: 401, citizen: 200, other: 200, staffOther: 200, staff: 200, newsStaff: 200, admin: 200 },
    },
    {
      name: 'GET /api/me/requests',
      send: (a) =>
        request(app)
          .get('/api/me/requests')
          .set(a ?? {}),
      expect: { anonymous: 401, citizen: 200, other: 200, staffOther: 200, staff: 200, newsStaff: 200, admin: 200 },
    },
    {
      name: 'GET /api/staff/requests (no persona but admin holds 诉求办理)',
      send: (a) =>
        request(app)
          .get('/api/staff/requests')
          .set(a ?? {}),
      expect: { anonymous: 401, citizen: 403, other: 403, staffOther: 403, staff: 403, newsStaff: 403, admin: 200 },
    },
    {
      name: 'GET /api/staff/requests/stats',
      send: (a) =>
        request(app)
          .get('/api/staff/requests/stats?from=2026-01-01&to=2026-01-31')
          .set(a ?? {}),
      expect: { anonymous: 401, citizen: 403, other: 403, staffOther: 403, staff: 403, newsStaff: 403, admin: 200 },
    },
    {
      name: "POST /api/bookings/:id/rating (citizen's, not served yet)",
      send: (a) =>
        request(app)
          .post(`/api/bookings/${bookingId}/rating`)
          .set(a ?? {})
          .send({ level: 5 }),
      expect: { anonymous: 401, citizen: 409, other: 404, staffOther: 404, staff: 404, newsStaff: 404, admin: 404 },
    },
    {
      name: "GET /api/bookings/:id (citizen's)",
      send: (a) =>
        request(app)
          .get(`/api/bookings/${bookingId}`)
          .set(a ?? {}),
      expect: { anonymous: 401, citizen: 200, other: 404, staffOther: 404, staff: 200, newsStaff: 404, admin: 200 },
    },
    {
      name: 'GET /api/staff/bookings (the service)',
      send: (a) =>
        request(app)
          .get(`/api/staff/bookings?serviceId=${serviceId}`)
          .set(a ?? {}),
      expect: { anonymous: 401, citizen: 403, other: 403, staffOther: 404, staff: 200, newsStaff: 404, admin: 200 },
    },
    {
      name: 'POST /api/staff/bookings/verify (unknown code)',
      send: (a) =>
        request(app)
          .post('/api/staff/bookings/verify')
          .set(a ?? {})
          .send({ code: 'ZZZZZZ' }),
      expect: { anonymous: 401, citizen: 403, other: 403, staffOther: 404, staff: 404, newsStaff: 404, admin: 404 },
    },
    {
      name: 'POST /api/admin/slots',
      send: (a) =>
        request(app)
          .post('/api/admin/slots')
          .set(a ?? {})
          .send({
            serviceId,
            siteId: '0123456789abcdef01234567',
            start: '2030-01-01T09:00:00+08:00',
            end: '2030-01-01T10:00:00+08:00',
            capacity: 1,
          }),
      expect: { anonymous: 401, citizen: 403, other: 403, staffOther: 403, staff: 400, newsStaff: 403, admin: 400 },
    },
    {
      name: "POST /api/bookings/:id/cancel (citizen's, last)",
      send: (a) =>
        request(app)
          .post(`/api/bookings/${bookingId}/cancel`)
          .set(a ?? {})
          .send({}),
      expect: { anonymous: 401, citizen: 200, other: 404, staffOther: 404, staff: 409, newsStaff: 404, admin: 409 },
    },
    // Before the grant below, which makes `other` staff and so revokes their token.
    {
      name: 'GET /api/staff/news',
      send: (a) =>
        request(app)
          .get('/api/staff/news')
          .set(a ?? {}),
      expect: { anonymous: 401, citizen: 403, other: 403, staffOther: 403, staff: 403, newsStaff: 200, admin: 200 },
    },
    {
      name: 'PATCH /api/staff/news/:id (unknown article)',
      send: (a) =>
        request(app)
          .patch('/api/staff/news/0123456789abcdef01234567')
          .set(a ?? {})
          .send({ hidden: true }),
      expect: { anonymous: 401, citizen: 403, other: 403, staffOther: 403, staff: 403, newsStaff: 404, admin: 404 },
    },
    {
      name: 'POST /api/staff/news (empty notice)',
      send: (a) =>
        request(app)
          .post('/api/staff/news')
          .set(a ?? {})
          .send({}),
      expect: { anonymous: 401, citizen: 403, other: 403, staffOther: 403, staff: 403, newsStaff: 400, admin: 400 },
    },
    {
      name: 'POST /api/staff/news/import (not a link)',
      send: (a) =>
        request(app)
          .post('/api/staff/news/import')
          .set(a ?? {})
          .send({ url: 'x' }),
      expect: { anonymous: 401, citizen: 403, other: 403, staffOther: 403, staff: 403, newsStaff: 400, admin: 400 },
    },
    {
      name: 'GET /api/admin/news/rules',
      send: (a) =>
        request(app)
          .get('/api/admin/news/rules')
          .set(a ?? {}),
      expect: { anonymous: 401, citizen: 403, other: 403, staffOther: 403, staff: 403, newsStaff: 403, admin: 200 },
    },
    {
      name: 'GET /api/admin/news/sync',
      send: (a) =>
        request(app)
          .get('/api/admin/news/sync')
          .set(a ?? {}),
      expect: { anonymous: 401, citizen: 403, other: 403, staffOther: 403, staff: 403, newsStaff: 403, admin: 200 },
    },
    {
      name: 'POST /api/admin/roles',
      send: (a) =>
        request(app)
          .post('/api/admin/roles')
          .set(a ?? {})
          .send({ userId: targetUserId, role: 'staff', serviceIds: [serviceId] }),
      expect: { anonymous: 401, citizen: 403, other: 403, staffOther: 403, staff: 403, newsStaff: 403, admin: 200 },
    },
  ];

  for (const route of routes) {
    it(`${route.name}: ${PERSONAS.map((p) => `${p} ${route.expect[p]}`).join(', ')}`, async () => {
      const got: Record<string, number> = {};
      for (const p of PERSONAS) got[p] = (await route.send(auth[p])).status;
      expect(got).toEqual(route.expect);
    });
  }
});
