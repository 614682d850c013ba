import request from 'supertest';
import { Types } from 'mongoose';
import { RatingModel } from '../src/modules/ratings/model';
import { RequestModel } from '../src/modules/requests/model';
import { TokenService } from '../src/lib/token';
import { AuditModel } from '../src/modules/audit/model';
import { clearDb, login, requestStaffOf, testApp, testConfig, useStandin, useTestDb } from './setup/harness';
import { binary, rows } from './setup/workbook';
import { buildService } from './factories';

useTestDb(__filename);
const standin = useStandin();

const env = () => ({ WECHAT_API_BASE: standin.current.url, BOOTSTRAP_ADMIN_OPENIDS: 'dev_admin', LOGIN_LIMIT_PER_MINUTE: '100000' });
const NOW = new Date('2026-10-20T12:00:00+08:00');
let app: ReturnType<ReturnType<typeof testApp>['callback']>;
beforeAll(() => {
  const cfg = testConfig(env());
  app = testApp(env(), undefined, {
    now: () => NOW,
    tokens: new TokenService(cfg.authTokenSecret, cfg.authTokenTtlMinutes, () => new Date()),
  }).callback();
});

const t = (s: string) => new Date(`2026-${s}+08:00`);
const end = (day: string) => t(`${day}T23:59:59`);
const owner = new Types.ObjectId();
let n = 0;

async function req(o: {
  received: string;
  acceptDue: string;
  accepted?: string;
  due: string;
  replied?: string;
  category?: string;
  followUpOf?: Types.ObjectId;
}) {
  const _id = new Types.ObjectId();
  await RequestModel.create({
    _id,
    trackingNo: `JK26100${String(++n).padStart(5, '0')}`,
    originKey: `filed:${String(_id)}`,
    userId: owner,
    category: o.category ?? 'services',
    text: '测试用的诉求内容，十个字以上',
    contact: 'phone',
    status: o.replied ? 'replied' : o.accepted ? 'accepted' : 'held',
    receivedAt: t(o.received),
    acceptDueAt: end(o.acceptDue),
    dueAt: end(o.due),
    acceptedAt: o.accepted ? t(o.accepted) : null,
    repliedAt: o.replied ? t(o.replied) : null,
    followUpOf: o.followUpOf ?? null,
  });
  return _id;
}

async function rating(
  kind: 'request' | 'booking' | 'registration',
  subject: string,
  level: number,
  at: string,
  where: { siteId?: string; eventId?: string } = {},
) {
  await RatingModel.create({ key: `${kind}:${subject}`, kind, subjectId: subject, userId: owner, level, at: t(at), ...where });
}

const S1 = '000000000000000000000001';
const S2 = '000000000000000000000002';
const E1 = '0000000000000000000000e1';

/**
 * The fixed data set, period 5–18 October 2026 (two weeks), the clock at 20 October noon:
 *   A 10-05 accepted on time, replied on time 10-12, rated 5 (10-13)
 *   B 10-06 accepted late, replied late 10-16, rated 1 (10-16) → follow-up F
 *   C 10-09 (environment) accepted on time, replied on time 10-15, not rated
 *   D 10-12 never accepted, acceptance due 10-13 (late); reply due 10-19 (after the period)
 *   E 10-16 accepted on time 10-19; reply due 10-23
 *   F 10-16 17:00 (B's follow-up) accepted on time 10-17; reply due 11-06
 *   G 09-30 (before the period) replied late 10-14 (due 10-13), rated 3 (10-15)
 *   H 10-17 (business) not accepted, acceptance due 10-21 (not yet: counts in no rate)
 */
beforeAll(async () => {
  await clearDb();
  const A = await req({
    received: '10-05T10:00:00',
    acceptDue: '10-08',
    accepted: '10-08T09:00:00',
    due: '10-13',
    replied: '10-12T10:00:00',
  });
  const B = await req({
    received: '10-06T10:00:00',
    acceptDue: '10-08',
    accepted: '10-09T09:00:00',
    due: '10-14',
    replied: '10-16T10:00:00',
  });
  await req({
    received: '10-09T10:00:00',
    acceptDue: '10-10',
    accepted: '10-10T09:00:00',
    due: '10-15',
    replied: '10-15T10:00:00',
    category: 'environment',
  });
  await req({ received: '10-12T10:00:00', acceptDue: '10-13', due: '10-19' });
  await req({ received: '10-16T10:00:00', acceptDue: '10-19', accepted: '10-19T09:00:00', due: '10-23' });
  await req({ received: '10-16T17:00:00', acceptDue: '10-19', accepted: '10-17T09:00:00', due: '11-06', followUpOf: B });
  const G = await req({
    received: '09-30T10:00:00',
    acceptDue: '10-08',
    accepted: '10-08T09:00:00',
    due: '10-13',
    replied: '10-14T10:00:00',
  });
  await req({ received: '10-17T10:00:00', acceptDue: '10-21', due: '10-30', category: 'business' });
  await rating('request', String(A), 5, '10-13T10:00:00');
  await rating('request', String(B), 1, '10-16T11:00:00');
  await rating('request', String(G), 3, '10-15T10:00:00');
  await rating('booking', 'b1', 5, '10-06T10:00:00', { siteId: S1 });
  await rating('booking', 'b2', 4, '10-07T10:00:00', { siteId: S1 });
  await rating('booking', 'b3', 1, '10-14T10:00:00', { siteId: S1 });
  await rating('booking', 'b4', 2, '10-15T10:00:00', { siteId: S2 });
  await rating('booking', 'b5', 5, '10-19T10:00:00', { siteId: S2 });
  await rating('registration', 'r1', 4, '10-10T10:00:00', { eventId: E1 });
});

describe('GET /api/staff/requests/stats: the four rates on a fixed data set', () => {
  it('computes each rate as the README defines it, with the hand-computed values', async () => {
    const admin = await login(app, 'admin');
    const res = await request(app).get('/api/staff/requests/stats?from=2026-10-05&to=2026-10-18').set(admin.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: '2026-10-05',
      to: '2026-10-18',
      // A B C D E F H (G came before the period).
      total: 7,
      // Judged: A B C D E F (H is not due yet); on time: A C E F.
      acceptedOnTimeRate: 0.6667,
      // Due in the period: A B C G (D is due 10-19); replied on time: A C.
      closedOnTimeRate: 0.5,
      // Replied in the period: A B C G; rated or followed up: A B G.
      ratedRate: 0.75,
      // Rated in the period: 5, 1, 3.
      satisfiedRate: 0.6667,
      byCategory: [
        { category: 'services', total: 5 },
        { category: 'environment', total: 1 },
        { category: 'business', total: 1 },
        { category: 'events', total: 0 },
        { category: 'other', total: 0 },
      ],
      byWeek: [
        { week: '2026-10-05', total: 3, acceptedOnTimeRate: 0.6667, closedOnTimeRate: null, ratedRate: null, satisfiedRate: null },
        { week: '2026-10-12', total: 4, acceptedOnTimeRate: 0.6667, closedOnTimeRate: 0.5, ratedRate: 0.75, satisfiedRate: 0.6667 },
      ],
      ratings: {
        bySite: [
          { siteId: S1, count: 3, average: 3.33, satisfiedRate: 0.6667 },
          { siteId: S2, count: 1, average: 2, satisfiedRate: 0 },
        ],
        byEvent: [{ eventId: E1, count: 1, average: 4, satisfiedRate: 1 }],
      },
    });
  });

  it('a week cut by the period counts only its days inside; an empty period answers null rates', async () => {
    const admin = await login(app, 'admin');
    const part = await request(app).get('/api/staff/requests/stats?from=2026-10-07&to=2026-10-13').set(admin.auth);
    // Received 10-07..10-13: C (on time), D (late).
    expect(part.body.byWeek).toEqual([
      { week: '2026-10-05', total: 1, acceptedOnTimeRate: 1, closedOnTimeRate: null, ratedRate: null, satisfiedRate: null },
      // D received; A and G due 10-13 (A on time, G late); A replied 10-12 and rated; A rated 10-13.
      { week: '2026-10-12', total: 1, acceptedOnTimeRate: 0, closedOnTimeRate: 0.5, ratedRate: 1, satisfiedRate: 1 },
    ]);
    const empty = await request(app).get('/api/staff/requests/stats?from=2026-01-05&to=2026-01-06').set(admin.auth);
    expect(empty.body).toMatchObject({ total: 0, acceptedOnTimeRate: null, closedOnTimeRate: null, ratedRate: null, satisfiedRate: null });
  });

  it('refuses a reversed or too long period (400 naming the field) and citizens (403)', async () => {
    const admin = await login(app, 'admin');
    const reversed = await request(app).get('/api/staff/requests/stats?from=2026-10-18&to=2026-10-05').set(admin.auth);
    expect([reversed.status, Object.keys(reversed.body.error.fields)]).toEqual([400, ['query.to']]);
    const long = await request(app).get('/api/staff/requests/stats?from=2025-01-01&to=2026-10-05').set(admin.auth);
    expect([long.status, Object.keys(long.body.error.fields)]).toEqual([400, ['query.to']]);
    const missing = await request(app).get('/api/staff/requests/stats').set(admin.auth);
    expect(missing.status).toBe(400);
    const citizen = await login(app);
    expect((await request(app).get('/api/staff/requests/stats?from=2026-10-05&to=2026-10-18').set(citizen.auth)).status).toBe(403);
  });

  it('exports the queue as an Excel workbook, audited', async () => {
    const admin = await login(app, 'admin');
    const res = await request(app).get('/api/staff/requests/export?category=services').set(admin.auth).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const sheet = await rows(res.body as Buffer);
    expect(sheet[0]![0]).toBe('编号');
    expect(sheet.length).toBe(1 + 6);
    expect(await AuditModel.findOne({ action: 'request.export' }).lean()).toMatchObject({ detail: { rows: 6, category: 'services' } });
  });

  it('exports the figures of the period as an Excel workbook with the hand-computed rates, audited', async () => {
    const admin = await login(app, 'admin');
    const res = await request(app)
      .get('/api/staff/requests/stats/export?from=2026-10-05&to=2026-10-18')
      .set(admin.auth)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    const sheet = await rows(res.body as Buffer);
    const value = (item: string) => sheet.find((r) => r[0] === item)?.[1];
    expect([value('收到诉求'), value('受理及时率'), value('按时办结率'), value('回访率'), value('满意率')]).toEqual([
      '7',
      '66.7%',
      '50.0%',
      '75.0%',
      '66.7%',
    ]);
    expect(sheet.find((r) => r[0] === '受理及时率')![2]).toBe('期内收到的诉求中，在受理时限内受理的比例');
    expect(value('便民服务')).toBe('5');
    expect(sheet.find((r) => r[0] === '2026-10-12')!.slice(1)).toEqual(['4', '66.7% · 50.0% · 75.0% · 66.7%']);
    expect(await AuditModel.findOne({ action: 'request.stats.export' }).lean()).toMatchObject({
      detail: { from: '2026-10-05', to: '2026-10-18' },
    });
    const citizen = await login(app);
    expect((await request(app).get('/api/staff/requests/stats/export?from=2026-10-05&to=2026-10-18').set(citizen.auth)).status).toBe(403);
  });
});

describe('the stats are scoped: staff see the figures of their units, admins the whole zone', () => {
  const staffOf = (units: string[]) => requestStaffOf(app, units);
  const PERIOD = 'from=2026-10-05&to=2026-10-18';

  beforeAll(async () => {
    // A, C and G went to 养老, B to 托育; the rest is not assigned (综合's). Sites: S1 a meal service, S2 医保.
    const unitOf: Record<string, string> = {
      JK2610000001: 'elderly',
      JK2610000002: 'childcare',
      JK2610000003: 'elderly',
      JK2610000007: 'elderly',
    };
    for (const [trackingNo, unit] of Object.entries(unitOf)) await RequestModel.updateOne({ trackingNo }, { $set: { unit } });
    const meal = await buildService({ kind: 'elderly-meal' });
    const insurance = await buildService({ kind: 'insurance-doorstep' });
    await RatingModel.updateMany({ siteId: S1 }, { $set: { serviceId: meal.serviceId } });
    await RatingModel.updateMany({ siteId: S2 }, { $set: { serviceId: insurance.serviceId } });
  });

  it('养老 sees its three requests and its meal site; 托育 its one request and no site; 活动 only the event', async () => {
    const get = async (units: string[]) =>
      (
        await request(app)
          .get(`/api/staff/requests/stats?${PERIOD}`)
          .set((await staffOf(units)).auth)
      ).body;
    const elderly = await get(['elderly']);
    // Received in the period: A C; due: A C G (A C on time); replied: A C G (A G rated); rated: A 5, G 3.
    expect(elderly).toMatchObject({ total: 2, acceptedOnTimeRate: 1, closedOnTimeRate: 0.6667, ratedRate: 0.6667, satisfiedRate: 1 });
    expect(elderly.byCategory.filter((c: { total: number }) => c.total)).toEqual([
      { category: 'services', total: 1 },
      { category: 'environment', total: 1 },
    ]);
    expect(elderly.ratings).toEqual({ bySite: [{ siteId: S1, count: 3, average: 3.33, satisfiedRate: 0.6667 }], byEvent: [] });
    const childcare = await get(['childcare']);
    expect(childcare).toMatchObject({ total: 1, acceptedOnTimeRate: 0, closedOnTimeRate: 0, ratedRate: 1, satisfiedRate: 0 });
    expect(childcare.ratings).toEqual({ bySite: [], byEvent: [] });
    const events = await get(['events']);
    expect(events).toMatchObject({ total: 0, acceptedOnTimeRate: null, satisfiedRate: null });
    expect(events.ratings).toEqual({ bySite: [], byEvent: [{ eventId: E1, count: 1, average: 4, satisfiedRate: 1 }] });
    // 综合 and admins: the whole zone, as before.
    for (const whole of [
      await get(['general']),
      (
        await request(app)
          .get(`/api/staff/requests/stats?${PERIOD}`)
          .set((await login(app, 'admin')).auth)
      ).body,
    ])
      expect(whole).toMatchObject({ total: 7, acceptedOnTimeRate: 0.6667, closedOnTimeRate: 0.5, ratedRate: 0.75, satisfiedRate: 0.6667 });
  });

  it('the export of the figures is scoped the same way', async () => {
    const elderly = await staffOf(['elderly']);
    const res = await request(app).get(`/api/staff/requests/stats/export?${PERIOD}`).set(elderly.auth).buffer(true).parse(binary);
    const sheet = await rows(res.body as Buffer);
    const value = (item: string) => sheet.find((r) => r[0] === item)?.[1];
    expect([value('收到诉求'), value('受理及时率'), value('按时办结率'), value('回访率'), value('满意率')]).toEqual([
      '2',
      '100.0%',
      '66.7%',
      '66.7%',
      '100.0%',
    ]);
  });
});
