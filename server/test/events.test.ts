import request from 'supertest';
import { buildEvent } from './factories';
import { clearDb, testApp, testNow, useTestDb } from './setup/harness';

useTestDb(__filename);
const app = testApp().callback();

beforeEach(clearDb);

const days = (n: number) => new Date(testNow().getTime() + n * 86_400_000);

describe('GET /api/events', () => {
  it('lists upcoming events soonest first, in the contract shape', async () => {
    await buildEvent({ title: '已结束', startAt: days(-3), endAt: days(-2) });
    const later = await buildEvent({ title: '赛马节', category: 'sports', startAt: days(30), endAt: days(31) });
    const sooner = await buildEvent({ title: '招聘会', category: 'job-fair', startAt: days(2), endAt: days(2.2) });
    const res = await request(app).get('/api/events?status=upcoming');
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { id: string }) => e.id)).toEqual([sooner, later]);
    expect(Object.keys(res.body.items[0]).sort()).toEqual(['category', 'coverUrl', 'endAt', 'id', 'startAt', 'title', 'venue']);
    expect(res.body.items[0].startAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    const past = await request(app).get('/api/events?status=past');
    expect(past.body.items.map((e: { title: string }) => e.title)).toEqual(['已结束']);
  });

  it('refuses an unknown status with 400 naming query.status', async () => {
    const res = await request(app).get('/api/events?status=soon');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['query.status']);
  });
});

describe('GET /api/events/:id', () => {
  it('returns the event with its sessions, capacity, remaining and waitlist counts', async () => {
    const s1 = { startAt: days(10), endAt: days(10.2), capacity: 50 };
    const s2 = { startAt: days(11), endAt: days(11.2), capacity: 20 };
    const id = await buildEvent({ startAt: s1.startAt, endAt: s2.endAt, maxAttendees: 3 }, [s2, s1]);
    const res = await request(app).get(`/api/events/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, maxAttendees: 3, waitlist: true, form: [] });
    expect(res.body.sessions.map((s: { capacity: number }) => s.capacity)).toEqual([50, 20]);
    expect(res.body.sessions[0]).toEqual({
      id: expect.any(String),
      startAt: expect.any(String),
      endAt: expect.any(String),
      capacity: 50,
      remaining: 50,
      waitlist: 0,
      // Signups open at once and close when the session starts.
      signupOpensAt: null,
      signupClosesAt: res.body.sessions[0].startAt,
    });
  });

  it('is 404 for an unknown event', async () => {
    expect((await request(app).get('/api/events/0123456789abcdef01234567')).status).toBe(404);
  });
});
