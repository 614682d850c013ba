import request from 'supertest';
import { OutboxModel } from '../src/modules/outbox/model';
import { addDays } from '../src/lib/time';
import { buildService } from './factories';
import { clearDb, login, testApp, testDay, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();
beforeEach(clearDb);

const FORM = [{ name: 'name', label: '姓名', type: 'text', required: true }] as never;
const nextMonday = () => {
  let d = testDay(1);
  while (new Date(`${d}T12:00:00+08:00`).getUTCDay() !== 1) d = addDays(d, 1);
  return d;
};

describe('weekly schedules and closing a slot (张科长)', () => {
  it('adds next week from a weekly template, skipping a holiday and slots that exist', async () => {
    const app = testApp({ WECHAT_API_BASE: standin.current.url, BOOTSTRAP_ADMIN_OPENIDS: 'dev_zhang' }).callback();
    const staff = await login(app, 'zhang');
    const { serviceId, siteId } = await buildService({ form: FORM });
    const monday = nextMonday();
    const body = {
      serviceId,
      siteId,
      from: monday,
      to: addDays(monday, 6),
      weekdays: [1, 2, 3, 4, 5],
      times: [
        { start: '09:00', end: '09:30' },
        { start: '14:00', end: '14:30' },
      ],
      capacity: 3,
      skipDates: [addDays(monday, 2)],
    };
    const res = await request(app).post('/api/admin/schedules').set(staff.auth).send(body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ planned: 8, created: 8, skippedExisting: 0 });
    const again = await request(app).post('/api/admin/schedules').set(staff.auth).send(body);
    expect(again.body).toEqual({ planned: 8, created: 0, skippedExisting: 8 });
    const slots = await request(app).get(`/api/services/${serviceId}/slots?from=${monday}&to=${addDays(monday, 6)}`);
    expect(slots.body.items.map((s: { start: string }) => s.start.slice(0, 10))).not.toContain(addDays(monday, 2));
    expect(slots.body.items).toHaveLength(8);
    const bad = await request(app)
      .post('/api/admin/schedules')
      .set(staff.auth)
      .send({ ...body, weekdays: [8], times: [{ start: '10:00', end: '09:00' }] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['times', 'weekdays.0']);
    // A schedule opens from yesterday to a year ahead, like one slot.
    const past = await request(app)
      .post('/api/admin/schedules')
      .set(staff.auth)
      .send({ ...body, from: testDay(-3), to: testDay(3) });
    expect(past.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { from: '开始日期不能早于昨天' } });
    const far = await request(app)
      .post('/api/admin/schedules')
      .set(staff.auth)
      .send({ ...body, from: testDay(360), to: testDay(370) });
    expect(far.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { to: '最多排到一年以后' } });
  });

  it('closes Thursday afternoon for a training: bookings cancelled with the reason and a notice, no new ones', async () => {
    const app = testApp({ WECHAT_API_BASE: standin.current.url, BOOTSTRAP_ADMIN_OPENIDS: 'dev_zhang' }).callback();
    const staff = await login(app, 'zhang');
    const { serviceId, siteId } = await buildService({ form: FORM });
    const thursday = addDays(nextMonday(), 3);
    await request(app)
      .post('/api/admin/schedules')
      .set(staff.auth)
      .send({ serviceId, siteId, from: thursday, to: thursday, weekdays: [4], times: [{ start: '14:00', end: '15:00' }], capacity: 5 });
    const slot = (await request(app).get(`/api/services/${serviceId}/slots?from=${thursday}&to=${thursday}`)).body.items[0];
    const citizen = await login(app);
    const b = await request(app)
      .post('/api/bookings')
      .set(citizen.auth)
      .send({ slotId: slot.id, form: { name: '王秀兰' } });
    const closed = await request(app).post(`/api/admin/slots/${slot.id}/close`).set(staff.auth).send({ reason: '业务培训，暂停办理' });
    expect(closed.body).toEqual({ id: slot.id, closedReason: '业务培训，暂停办理', cancelled: 1 });
    const seen = await request(app).get(`/api/bookings/${b.body.id}`).set(citizen.auth);
    expect(seen.body).toMatchObject({ status: 'cancelled', cancelReason: '业务培训，暂停办理' });
    expect(await OutboxModel.countDocuments({ kind: 'booking.cancelled', openid: citizen.openid })).toBe(1);
    const late = await request(app)
      .post('/api/bookings')
      .set((await login(app)).auth)
      .send({ slotId: slot.id, form: { name: '李明' } });
    expect(late.body.error.code).toBe('SLOT_CLOSED');
    const listed = await request(app).get(`/api/services/${serviceId}/slots?from=${thursday}&to=${thursday}`);
    expect(listed.body.items[0]).toMatchObject({ remaining: 5, bookable: false });
  });
});
