import mongoose from 'mongoose';
import request from 'supertest';
import { isErrorCode, type ErrorCode } from '@jingkai/shared';
import { TokenService } from '../src/lib/token';
import { addDays, toDateString } from '../src/lib/time';
import { buildNews, buildService, buildSlot } from './factories';
import { idNumber } from './factories/ids';
import { clearDb, login, memoryLogger, testApp, testConfig, useStandin, useTestDb } from './setup/harness';

/**
 * A hostile-input suite: each row is one request an attacker (or a broken client) might send. Every
 * row must be refused with the given status and code in the contract's envelope, write nothing
 * (every collection's count is the same before and after), and leave no personal data from the
 * request and no 500 in the log.
 */
useTestDb(__filename);
const standin = useStandin();

const NOW = new Date('2030-06-12T10:00:00+08:00');
const TODAY = toDateString(NOW);
const DAY = addDays(TODAY, 2);
const ID_A = idNumber('1954-02-11', '271');
const ID_B = idNumber('1988-07-30', '516');
/** Nobody has bound it: the negative control books under it (ID_B is the citizen's family member). */
const ID_C = idNumber('1990-01-09', '333');
const PHONE = '13912345678';
/** What no log line may hold: the personal data the requests below carry. */
const PERSONAL = [ID_A, ID_B, ID_C, PHONE];

const FORM = [
  { name: 'name', label: '姓名', type: 'text', required: true },
  { name: 'phone', label: '手机号', type: 'phone', required: true },
  { name: 'idNumber', label: '身份证号', type: 'idNumber', required: false },
  { name: 'ageMonths', label: '月龄', type: 'number', required: false, min: 1, max: 36 },
  { name: 'preferredDate', label: '希望日期', type: 'date', required: false },
];
const goodForm = { name: '王秀兰', phone: PHONE, idNumber: ID_A };

type Persona = 'citizen' | 'other' | 'staff' | 'staffOther' | 'admin';
const { logger, lines } = memoryLogger();
let app: ReturnType<ReturnType<typeof testApp>['callback']>;
const auth = {} as Record<Persona, Record<string, string>>;
const ids = { serviceId: '', siteId: '', slotId: '', bookingId: '', bookingCode: '', memberId: '', newsId: '', userA: '' };
const tokens = { expired: '', otherSecret: '', algNone: '', tampered: '' };

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

beforeAll(async () => {
  await clearDb();
  const env = {
    WECHAT_API_BASE: standin.current.url,
    BOOTSTRAP_ADMIN_OPENIDS: 'dev_hostile_admin',
    WRITE_LIMIT_PER_MINUTE: '10000',
    LOGIN_LIMIT_PER_MINUTE: '10000',
    RATE_LIMIT_PER_IP_PER_MINUTE: '100000',
  };
  app = testApp(env, logger, { now: () => NOW }).callback();
  const admin = await login(app, 'hostile_admin');
  auth.admin = admin.auth;
  const svc = await buildService({ form: FORM as never });
  const otherSvc = await buildService();
  Object.assign(ids, svc);
  for (const p of ['citizen', 'other', 'staff', 'staffOther'] as const) {
    const u = await login(app, `hostile_${p}`);
    auth[p] = u.auth;
    if (p === 'citizen') ids.userA = u.userId;
    if (p === 'staff' || p === 'staffOther') {
      const serviceIds = [p === 'staff' ? svc.serviceId : otherSvc.serviceId];
      await request(app)
        .post('/api/admin/roles')
        .set(admin.auth)
        .send({ userId: u.userId, role: 'staff', serviceIds, news: p === 'staff' })
        .expect(200);
      auth[p] = (await login(app, `hostile_${p}`)).auth;
    }
  }
  ids.slotId = await buildSlot(svc.serviceId, svc.siteId, { date: DAY, capacity: 5 });
  const booked = await request(app).post('/api/bookings').set(auth.citizen).send({ slotId: ids.slotId, form: goodForm });
  if (booked.status !== 201) throw new Error(`booking failed: ${JSON.stringify(booked.body)}`);
  ids.bookingId = booked.body.id;
  ids.bookingCode = booked.body.code;
  const m = await request(app)
    .post('/api/me/family')
    .set(auth.citizen)
    .send({ name: '王建国', relation: 'parent', idNumber: ID_B, consent: true });
  if (m.status !== 201) throw new Error(`family failed: ${JSON.stringify(m.body)}`);
  ids.memberId = m.body.id;
  ids.newsId = (await buildNews()).id;

  const config = testConfig();
  const sub = ids.userA;
  tokens.expired = (
    await new TokenService(config.authTokenSecret, 60, () => new Date(NOW.getTime() - 2 * 86_400_000)).sign({ sub, ver: 0, citizen: true })
  ).token;
  tokens.otherSecret = (await new TokenService(Buffer.alloc(32, 7), 60, () => NOW).sign({ sub, ver: 0, citizen: true })).token;
  const exp = Math.floor(NOW.getTime() / 1000) + 3600;
  tokens.algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub, ver: 0, cit: true, iss: 'jingkai-api', aud: 'jingkai-miniapp', exp })}.`;
  const real = auth.citizen.Authorization!.slice('Bearer '.length).split('.');
  tokens.tampered = `${real[0]}.${b64({ sub: ids.userA, ver: 99, cit: false, iss: 'jingkai-api', aud: 'jingkai-miniapp', exp })}.${real[2]}`;
});

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
interface Case {
  name: string;
  as?: Persona | 'anonymous' | ((t: typeof tokens) => string);
  method: Method;
  path: () => string;
  /** A JSON body. */
  body?: () => unknown;
  /** A raw body with its content type, for bodies JSON cannot express. */
  raw?: () => { type: string; data: string | Buffer; headers?: Record<string, string> };
  status: number;
  code: ErrorCode;
  /** A key `fields` must hold. */
  field?: string;
}

const slotBody = (o: Record<string, unknown> = {}) => ({
  serviceId: ids.serviceId,
  siteId: ids.siteId,
  start: `${DAY}T14:00:00+08:00`,
  end: `${DAY}T15:00:00+08:00`,
  capacity: 5,
  ...o,
});
const scheduleBody = (o: Record<string, unknown> = {}) => ({
  serviceId: ids.serviceId,
  siteId: ids.siteId,
  from: addDays(TODAY, 10),
  to: addDays(TODAY, 20),
  weekdays: [1, 3],
  times: [{ start: '09:00', end: '10:00' }],
  capacity: 3,
  ...o,
});
const booking = (form: Record<string, unknown> = {}, o: Record<string, unknown> = {}) => ({
  slotId: ids.slotId,
  form: { ...goodForm, idNumber: ID_B, ...form },
  ...o,
});
const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const utf8Body = (bytes: number[]) =>
  Buffer.concat([Buffer.from(`{"slotId":"${ids.slotId}","form":{"name":"王`), Buffer.from(bytes), Buffer.from(`","phone":"${PHONE}"}}`)]);
const later = (days: number, hhmm = '09:00') => `${addDays(TODAY, days)}T${hhmm}:00+08:00`;
const OID = '0123456789abcdef01234567';

const CASES: Case[] = [
  // Impossible dates, in every date field
  {
    name: 'slots from=2025-13-45',
    method: 'get',
    path: () => `/api/services/${ids.serviceId}/slots?from=2025-13-45`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.from',
  },
  {
    name: 'slots to=2030-02-30',
    method: 'get',
    path: () => `/api/services/${ids.serviceId}/slots?to=2030-02-30`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.to',
  },
  {
    name: 'slots from=2030-6-1 (not YYYY-MM-DD)',
    method: 'get',
    path: () => `/api/services/${ids.serviceId}/slots?from=2030-6-1`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.from',
  },
  {
    name: 'export from=2025-99-99',
    as: 'staff',
    method: 'get',
    path: () => `/api/staff/bookings/export?serviceId=${ids.serviceId}&from=2025-99-99&to=2025-12-31`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.from',
  },
  {
    name: 'staff day list date=2030-04-31',
    as: 'staff',
    method: 'get',
    path: () => `/api/staff/bookings?serviceId=${ids.serviceId}&date=2030-04-31`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.date',
  },
  {
    name: 'schedule from=2031-02-30',
    as: 'staff',
    method: 'post',
    path: () => '/api/admin/schedules',
    body: () => scheduleBody({ from: '2031-02-30', to: '2031-03-05' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'from',
  },
  {
    name: 'schedule skipDates 2030-02-29 (not a leap year)',
    as: 'staff',
    method: 'post',
    path: () => '/api/admin/schedules',
    body: () => scheduleBody({ skipDates: ['2030-02-29'] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'skipDates.0',
  },
  {
    name: 'a form date 2030-13-01',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    body: () => booking({ preferredDate: '2030-13-01' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'form.preferredDate',
  },
  {
    name: 'a slot starting on 30 February',
    as: 'staff',
    method: 'post',
    path: () => '/api/admin/slots',
    body: () => slotBody({ start: '2031-02-30T09:00:00+08:00' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'start',
  },
  // Numbers only where numbers belong
  {
    name: 'form number true',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    body: () => booking({ ageMonths: true }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'form.ageMonths',
  },
  {
    name: 'form number [12]',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    body: () => booking({ ageMonths: [12] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'form.ageMonths',
  },
  {
    name: 'form number "12" (text in a JSON body)',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    body: () => booking({ ageMonths: '12' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'form.ageMonths',
  },
  {
    name: 'form number 1e400 (Infinity)',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    raw: () => ({ type: 'application/json', data: JSON.stringify(booking()).replace('"form":{', '"form":{"ageMonths":1e400,') }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'form.ageMonths',
  },
  {
    name: 'slot capacity "5"',
    as: 'staff',
    method: 'post',
    path: () => '/api/admin/slots',
    body: () => slotBody({ capacity: '5' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'capacity',
  },
  {
    name: 'slot capacity true',
    as: 'staff',
    method: 'post',
    path: () => '/api/admin/slots',
    body: () => slotBody({ capacity: true }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'capacity',
  },
  {
    name: 'schedule weekdays [true]',
    as: 'staff',
    method: 'post',
    path: () => '/api/admin/schedules',
    body: () => scheduleBody({ weekdays: [true] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'weekdays.0',
  },
  { name: 'news page=true', method: 'get', path: () => '/api/news?page=true', status: 400, code: 'VALIDATION_FAILED', field: 'query.page' },
  { name: 'news page=1e1', method: 'get', path: () => '/api/news?page=1e1', status: 400, code: 'VALIDATION_FAILED', field: 'query.page' },
  {
    name: 'news page=1&page=2 (an array)',
    method: 'get',
    path: () => '/api/news?page=1&page=2',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.page',
  },
  {
    name: 'events pageSize=0x10',
    method: 'get',
    path: () => '/api/events?pageSize=0x10',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.pageSize',
  },
  {
    name: 'audit page= (empty)',
    as: 'admin',
    method: 'get',
    path: () => '/api/admin/audit?page=',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.page',
  },
  // A slot starts between yesterday and a year ahead and lasts at most 24 h
  {
    name: 'a slot starting the day before yesterday',
    as: 'staff',
    method: 'post',
    path: () => '/api/admin/slots',
    body: () => slotBody({ start: later(-2), end: later(-2, '10:00') }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'start',
  },
  {
    name: 'a slot two years ahead',
    as: 'staff',
    method: 'post',
    path: () => '/api/admin/slots',
    body: () => slotBody({ start: later(730), end: later(730, '10:00') }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'start',
  },
  {
    name: 'a slot lasting 25 hours',
    as: 'staff',
    method: 'post',
    path: () => '/api/admin/slots',
    body: () => slotBody({ start: later(3), end: later(4, '10:00') }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'end',
  },
  {
    name: 'a slot ending before it starts',
    as: 'staff',
    method: 'post',
    path: () => '/api/admin/slots',
    body: () => slotBody({ start: later(3, '10:00'), end: later(3, '09:00') }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'end',
  },
  // Malformed percent-encoding
  { name: 'the H5 route /%E0%A4%A', method: 'get', path: () => '/%E0%A4%A', status: 400, code: 'VALIDATION_FAILED', field: 'path' },
  {
    name: 'an H5 page path with %FF',
    method: 'get',
    path: () => '/packageNews/article/index%FF',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'path',
  },
  {
    name: 'an /api path /api/news/%E0%A4%A',
    method: 'get',
    path: () => '/api/news/%E0%A4%A',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'path',
  },
  {
    name: 'an /api path with a lone %',
    method: 'get',
    path: () => '/api/services/%',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'path',
  },
  { name: 'a query q=%E0%A4%A', method: 'get', path: () => '/api/news?q=%E0%A4%A', status: 400, code: 'VALIDATION_FAILED', field: 'query' },
  {
    name: 'a query key %C0%AF (overlong)',
    method: 'get',
    path: () => '/api/news?%C0%AF=1',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query',
  },
  // Operator objects
  {
    name: 'booking slotId {"$ne":null}',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    body: () => booking({}, { slotId: { $ne: null } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'slotId',
  },
  {
    name: 'booking form name {"$gt":""}',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    body: () => booking({ name: { $gt: '' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'form.name',
  },
  {
    name: 'login code {"$ne":null}',
    method: 'post',
    path: () => '/api/auth/login',
    body: () => ({ code: { $ne: null } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'code',
  },
  {
    name: 'verify code {"$regex":".*"}',
    as: 'staff',
    method: 'post',
    path: () => '/api/staff/bookings/verify',
    body: () => ({ code: { $regex: '.*' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'code',
  },
  {
    name: 'family idNumber {"$ne":null}',
    as: 'other',
    method: 'post',
    path: () => '/api/me/family',
    body: () => ({ name: '李四', relation: 'parent', idNumber: { $ne: null }, consent: true }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'idNumber',
  },
  {
    name: 'role grant userId {"$gt":""}',
    as: 'admin',
    method: 'post',
    path: () => '/api/admin/roles',
    body: () => ({ userId: { $gt: '' }, role: 'admin' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'userId',
  },
  {
    name: 'query page[$gt]=1',
    as: 'citizen',
    method: 'get',
    path: () => '/api/me/bookings?page[$gt]=1',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.page[$gt]',
  },
  {
    name: 'query serviceId[$ne]=x',
    as: 'staff',
    method: 'get',
    path: () => '/api/staff/bookings?serviceId[$ne]=x',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.serviceId',
  },
  {
    name: 'an id {"$ne":null} in the path',
    as: 'citizen',
    method: 'get',
    path: () => `/api/bookings/${encodeURIComponent('{"$ne":null}')}`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'params.id',
  },
  // Unknown fields (mass assignment)
  {
    name: 'booking with status: served',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    body: () => booking({}, { status: 'served' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'status',
  },
  {
    name: 'booking with userId',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    body: () => booking({}, { userId: ids.userA }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'userId',
  },
  {
    name: 'a form field the service does not have',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    body: () => booking({ vip: true }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'form.vip',
  },
  {
    name: 'PATCH /api/me with roles',
    as: 'other',
    method: 'patch',
    path: () => '/api/me',
    body: () => ({ roles: ['admin'] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'roles',
  },
  {
    name: 'a slot with remaining',
    as: 'staff',
    method: 'post',
    path: () => '/api/admin/slots',
    body: () => slotBody({ remaining: 0 }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'remaining',
  },
  {
    name: 'slots query capacity=1',
    method: 'get',
    path: () => `/api/services/${ids.serviceId}/slots?capacity=1`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.capacity',
  },
  // Oversized strings and bodies
  {
    name: 'a login code of 5,000 characters',
    method: 'post',
    path: () => '/api/auth/login',
    body: () => ({ code: 'x'.repeat(5000) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'code',
  },
  {
    name: 'a nickname of 1,000 characters',
    as: 'other',
    method: 'patch',
    path: () => '/api/me',
    body: () => ({ nickname: '名'.repeat(1000) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'nickname',
  },
  {
    name: 'a form name of 101 characters',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    body: () => booking({ name: '王'.repeat(101) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'form.name',
  },
  {
    name: 'a form key of 100 characters',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    body: () => booking({ ['k'.repeat(100)]: 1 }),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'a news search of 51 characters',
    method: 'get',
    path: () => `/api/news?q=${'搜'.repeat(51)}`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.q',
  },
  {
    name: 'a body over 64 KB',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    body: () => booking({ name: 'x'.repeat(70_000) }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'a body over 64 KB without Content-Length (chunked)',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    raw: () => ({
      type: 'application/json',
      data: Buffer.from(JSON.stringify(booking({ name: 'x'.repeat(70_000) }))),
      headers: { 'Transfer-Encoding': 'chunked' },
    }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  // Deeply nested bodies
  {
    name: 'a body nested 5,000 deep',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    raw: () => ({ type: 'application/json', data: nested(5000) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body',
  },
  {
    name: 'a form value nested 40 deep',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    raw: () => ({ type: 'application/json', data: JSON.stringify(booking()).replace('"form":{', `"form":{"x":${nested(40)},`) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body',
  },
  {
    name: 'an array nested 10,000 deep',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    raw: () => ({ type: 'application/json', data: '['.repeat(10_000) + ']'.repeat(10_000) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body',
  },
  // Invalid UTF-8 and not JSON
  {
    name: 'invalid UTF-8 bytes (FF FE) in a JSON body',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    raw: () => ({ type: 'application/json', data: utf8Body([0xff, 0xfe]) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body',
  },
  {
    name: 'an overlong UTF-8 sequence (C0 AF)',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    raw: () => ({ type: 'application/json', data: utf8Body([0xc0, 0xaf]) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body',
  },
  {
    name: 'a UTF-8 encoded surrogate (ED A0 80)',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    raw: () => ({ type: 'application/json', data: utf8Body([0xed, 0xa0, 0x80]) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body',
  },
  {
    name: 'a truncated UTF-8 sequence (E4 B8)',
    method: 'post',
    path: () => '/api/auth/login',
    raw: () => ({
      type: 'application/json',
      data: Buffer.concat([Buffer.from('{"code":"'), Buffer.from([0xe4, 0xb8]), Buffer.from('"}')]),
    }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body',
  },
  {
    name: 'JSON that does not parse',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    raw: () => ({ type: 'application/json', data: `{"slotId": "${ids.slotId}", "form": {"phone": "${PHONE}"` }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body',
  },
  {
    name: 'a JSON string as the body',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    raw: () => ({ type: 'application/json', data: `"${PHONE}"` }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body',
  },
  {
    name: 'a JSON array as the body',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    raw: () => ({ type: 'application/json', data: JSON.stringify([booking()]) }),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  // Wrong content types
  {
    name: 'a booking as text/plain',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    raw: () => ({ type: 'text/plain', data: JSON.stringify(booking()) }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'a login as a form post',
    method: 'post',
    path: () => '/api/auth/login',
    raw: () => ({ type: 'application/x-www-form-urlencoded', data: 'code=abc' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'a profile as XML',
    as: 'other',
    method: 'patch',
    path: () => '/api/me',
    raw: () => ({ type: 'application/xml', data: '<nickname>x</nickname>' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'a gzip-encoded JSON body',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    raw: () => ({ type: 'application/json', data: JSON.stringify(booking()), headers: { 'Content-Encoding': 'gzip' } }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  // Prototype pollution
  {
    name: 'a body with __proto__',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    raw: () => ({ type: 'application/json', data: JSON.stringify(booking()).replace(/^\{/, '{"__proto__":{"status":"served"},') }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: '__proto__',
  },
  {
    name: 'a form with __proto__',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    raw: () => ({ type: 'application/json', data: JSON.stringify(booking()).replace('"form":{', '"form":{"__proto__":{"isAdmin":true},') }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: '__proto__',
  },
  {
    name: 'a body with constructor.prototype',
    as: 'other',
    method: 'patch',
    path: () => '/api/me',
    raw: () => ({ type: 'application/json', data: '{"constructor":{"prototype":{"roles":["admin"]}}}' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'constructor',
  },
  {
    name: 'a form field named constructor',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    body: () => booking({ constructor: 'x' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'form.constructor',
  },
  {
    name: 'the export in upper case, past the access log',
    as: 'staff',
    method: 'get',
    path: () => `/API/staff/bookings/export?serviceId=${ids.serviceId}&from=${TODAY}&to=${TODAY}`,
    status: 404,
    code: 'ROUTE_NOT_FOUND',
  },
  {
    name: 'a notice whose title is only markup',
    as: 'staff',
    method: 'post',
    path: () => '/api/staff/news',
    body: () => ({ title: '<img src=x onerror=1>', category: 'notice', text: '明天上午九点到十二点停水，请提前储水。' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'title',
  },
  {
    name: 'a query __proto__[roles]=admin',
    method: 'get',
    path: () => '/api/news?__proto__[roles]=admin',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'a query constructor=x',
    method: 'get',
    path: () => '/api/events?constructor=x',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.constructor',
  },
  // Forged, expired and alg:none tokens
  { name: 'no token on a citizen route', method: 'get', path: () => '/api/me/bookings', status: 401, code: 'UNAUTHENTICATED' },
  {
    name: 'a garbage bearer token',
    as: () => 'not.a.token.at.all',
    method: 'get',
    path: () => '/api/me/bookings',
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  { name: 'an expired token', as: (t) => t.expired, method: 'get', path: () => '/api/me/bookings', status: 401, code: 'UNAUTHENTICATED' },
  {
    name: 'a token signed with another secret',
    as: (t) => t.otherSecret,
    method: 'post',
    path: () => '/api/bookings',
    body: () => booking(),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'an alg:none token',
    as: (t) => t.algNone,
    method: 'post',
    path: () => '/api/bookings',
    body: () => booking(),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a token with a tampered payload',
    as: (t) => t.tampered,
    method: 'get',
    path: () => '/api/admin/users',
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a citizen on an admin route',
    as: 'other',
    method: 'post',
    path: () => '/api/admin/roles',
    body: () => ({ userId: ids.userA, role: 'admin' }),
    status: 403,
    code: 'FORBIDDEN',
  },
  // Other people's ids
  {
    name: 'another citizen’s booking',
    as: 'other',
    method: 'get',
    path: () => `/api/bookings/${ids.bookingId}`,
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'cancelling another citizen’s booking',
    as: 'other',
    method: 'post',
    path: () => `/api/bookings/${ids.bookingId}/cancel`,
    body: () => ({}),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'another citizen’s family member',
    as: 'other',
    method: 'get',
    path: () => `/api/me/family/${ids.memberId}`,
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'deleting another citizen’s family member',
    as: 'other',
    method: 'delete',
    path: () => `/api/me/family/${ids.memberId}`,
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'booking for another citizen’s family member',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    body: () => ({ slotId: ids.slotId, form: {}, familyMemberId: ids.memberId }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'staff of another service verifying the code',
    as: 'staffOther',
    method: 'post',
    path: () => '/api/staff/bookings/verify',
    body: () => ({ code: ids.bookingCode }),
    status: 404,
    code: 'UNKNOWN_BOOKING_CODE',
  },
  {
    name: 'staff of another service marking a no-show',
    as: 'staffOther',
    method: 'post',
    path: () => `/api/staff/bookings/${ids.bookingId}/no-show`,
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'staff of another service closing the slot',
    as: 'staffOther',
    method: 'post',
    path: () => `/api/admin/slots/${ids.slotId}/close`,
    body: () => ({ reason: '培训停办' }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'staff of another service opening a slot',
    as: 'staffOther',
    method: 'post',
    path: () => '/api/admin/slots',
    body: () => slotBody(),
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    name: 'a citizen re-filing an article',
    as: 'other',
    method: 'patch',
    path: () => `/api/staff/news/${ids.newsId}`,
    body: () => ({ hidden: true }),
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    name: 'a booking of a slot that does not exist',
    as: 'other',
    method: 'post',
    path: () => '/api/bookings',
    body: () => booking({}, { slotId: OID }),
    status: 404,
    code: 'NOT_FOUND',
  },
  // Ids that are not ObjectIds
  {
    name: 'booking id 123',
    as: 'citizen',
    method: 'get',
    path: () => '/api/bookings/123',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'params.id',
  },
  {
    name: 'an ID number where a booking id belongs',
    as: 'citizen',
    method: 'get',
    path: () => `/api/bookings/${ID_A}`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'params.id',
  },
  {
    name: 'a phone number where a service id belongs',
    method: 'get',
    path: () => `/api/services/${PHONE}/slots`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'params.id',
  },
  {
    name: 'news id of 24 z',
    method: 'get',
    path: () => `/api/news/${'z'.repeat(24)}`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'params.id',
  },
  {
    name: 'event id of 25 hex',
    method: 'get',
    path: () => `/api/events/${OID}a`,
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'params.id',
  },
  {
    name: 'family id abc',
    as: 'citizen',
    method: 'delete',
    path: () => '/api/me/family/abc',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'params.id',
  },
  {
    name: 'slot id with a NUL byte',
    as: 'staff',
    method: 'post',
    path: () => `/api/admin/slots/${OID}%00/close`,
    body: () => ({ reason: '培训停办' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'params.id',
  },
];

async function counts(): Promise<Record<string, number>> {
  const db = mongoose.connection.db!;
  const out: Record<string, number> = {};
  for (const c of await db.listCollections().toArray()) out[c.name] = await db.collection(c.name).countDocuments();
  return out;
}

async function send(c: Case): Promise<request.Response> {
  let req = request(app)[c.method](c.path());
  const who = c.as ?? 'anonymous';
  if (typeof who === 'function') req = req.set('Authorization', `Bearer ${who(tokens)}`);
  else if (who !== 'anonymous') req = req.set(auth[who]);
  if (c.raw) {
    const r = c.raw();
    req = req.set('Content-Type', r.type).set(r.headers ?? {});
    const bytes = Buffer.from(r.data);
    if (r.headers?.['Transfer-Encoding'] === 'chunked') {
      // Written in pieces, so the request goes without a Content-Length.
      for (let i = 0; i < bytes.length; i += 16_384) req.write(bytes.subarray(i, i + 16_384));
      return new Promise((resolve, reject) => void req.end((err, res) => (res ? resolve(res) : reject(err))));
    }
    // Raw bytes as they are: superagent would otherwise serialise a Buffer as JSON.
    return req.serialize((d) => d as string).send(bytes as unknown as string);
  }
  return c.body ? req.send(c.body() as object) : req;
}

describe('hostile input', () => {
  it('has at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES)('$name → $status $code', async (c) => {
    const before = await counts();
    lines.length = 0;
    const res = await send(c);
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: c.status, code: c.code });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(isErrorCode(res.body.error.code)).toBe(true);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(Object.keys(res.body)).toEqual(['error']);
    if (c.field) expect(Object.keys(res.body.error.fields ?? {})).toContain(c.field);
    expect(await counts()).toEqual(before);
    const log = lines.join('\n');
    for (const p of PERSONAL) expect(log).not.toContain(p);
    const entries = lines.map((l) => JSON.parse(l) as { level: number; status?: number });
    expect(entries.filter((e) => e.level >= 50 || e.status === 500)).toEqual([]);
  });

  it('left no object prototype polluted', () => {
    const probe = {} as Record<string, unknown>;
    expect([probe.status, probe.isAdmin, probe.roles]).toEqual([undefined, undefined, undefined]);
  });

  it('left the booking under attack as it was, still confirmed and its owner’s', async () => {
    const res = await request(app).get(`/api/bookings/${ids.bookingId}`).set(auth.citizen);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'confirmed', code: ids.bookingCode });
  });

  it('negative control: a well-formed booking and slot pass the same checks, and the counts see their writes', async () => {
    const before = await counts();
    const ok = await request(app)
      .post('/api/bookings')
      .set(auth.other)
      .send(booking({ ageMonths: 12, preferredDate: '2032-02-29', idNumber: ID_C }));
    expect(ok.status).toBe(201);
    const slot = await request(app)
      .post('/api/admin/slots')
      .set(auth.staff)
      .send(slotBody({ start: later(365, '09:00'), end: later(366, '09:00') }));
    expect(slot.status).toBe(201);
    const after = await counts();
    expect(after.bookings).toBe((before.bookings ?? 0) + 1);
    expect(after.slots).toBe((before.slots ?? 0) + 1);
  });

  it('keeps a news title that arrives with encoded markup plain text', async () => {
    const res = await request(app)
      .post('/api/staff/news')
      .set(auth.staff)
      .send({ title: '&lt;img src=x onerror=alert(1)&gt;停水通知', category: 'notice', text: '明天上午九点到十二点停水，请提前储水。' });
    expect(res.status).toBe(201);
    const list = await request(app).get('/api/news?category=notice');
    const titles = list.body.items.map((i: { title: string }) => i.title);
    expect(titles).toContain('停水通知');
    expect(titles.join('')).not.toMatch(/<|&lt;/);
  });
});
