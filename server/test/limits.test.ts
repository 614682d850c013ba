import request from 'supertest';
import { BookingModel } from '../src/modules/bookings/model';
import { addDays, at } from '../src/lib/time';
import { buildService, buildSlot } from './factories';
import { idNumber } from './factories/ids';
import { clearDb, login, testApp, testDay, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();
beforeEach(clearDb);

const FORM = [
  { name: 'name', label: '姓名', type: 'text', required: true },
  { name: 'idNumber', label: '身份证号', type: 'idNumber', required: true },
] as never;
const day = testDay(3);
let now = at(addDays(day, -1), '10:00');
const app = () =>
  testApp({ WECHAT_API_BASE: standin.current.url, WRITE_LIMIT_PER_MINUTE: '10000', BOOTSTRAP_ADMIN_OPENIDS: 'dev_boss' }, undefined, {
    now: () => now,
  }).callback();

type App = ReturnType<typeof app>;

async function serviceWithSlots(times: string[], date = day) {
  const { serviceId, siteId } = await buildService({
    form: FORM,
    rules: { opensDaysAhead: 30, closesMinutesBefore: 0, cancelMinutesBefore: 0, maxActivePerDay: 1 },
  });
  const slots: string[] = [];
  for (const t of times)
    slots.push(
      await buildSlot(serviceId, siteId, { date, from: t, to: t.replace(/^(\d\d)/, (h) => String(Number(h) + 1).padStart(2, '0')) }),
    );
  return { serviceId, siteId, slots };
}

const book = (a: App, auth: Record<string, string>, slotId: string, form: Record<string, unknown>, familyMemberId?: string) =>
  request(a)
    .post('/api/bookings')
    .set(auth)
    .send({ slotId, form, ...(familyMemberId ? { familyMemberId } : {}) });

let phones = 0;
/** Adds a family member; 本人 needs a bound phone first, so it binds one. */
async function addMember(a: App, auth: Record<string, string>, name: string, id: string, relation = 'parent') {
  if (relation === 'self') {
    const code = `phone_1394750${String(++phones).padStart(4, '0')}`;
    expect((await request(a).post('/api/me/phone').set(auth).send({ code })).status).toBe(200);
  }
  return request(a).post('/api/me/family').set(auth).send({ name, relation, idNumber: id, phone: '13947500001', consent: true });
}

describe('limits bind people, not typed strings', () => {
  beforeEach(() => {
    now = at(addDays(day, -1), '10:00');
  });

  it('three made-up but valid ID numbers from one account still count as one person: one booking a day', async () => {
    const a = app();
    const { slots } = await serviceWithSlots(['09:00', '11:00', '14:00']);
    const { auth } = await login(a, 'mallory');
    const made = [idNumber('1990-01-01', '001'), idNumber('1991-02-02', '002'), idNumber('1992-03-03', '003')];
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await book(a, auth, slots[i]!, { name: `假人${i}`, idNumber: made[i] }));
    expect(answers.map((r) => r.status)).toEqual([201, 409, 409]);
    expect(answers[1]!.body.error.code).toBe('BOOKING_LIMIT');
    // The message tells an honest citizen what to do for a relative.
    expect(answers[1]!.body.error.message).toContain('添加');
    expect(await BookingModel.countDocuments({ status: 'confirmed' })).toBe(1);
  });

  it('an ID number another account has bound cannot be booked under (409 ID_NUMBER_BOUND), and its owner is never locked out', async () => {
    const a = app();
    const { slots } = await serviceWithSlots(['09:00', '14:00']);
    const neighbourId = idNumber('1950-05-05', '051');
    const neighbour = await login(a, 'neighbour');
    expect((await addMember(a, neighbour.auth, '赵大妈', neighbourId, 'self')).status).toBe(201);
    const mallory = await login(a, 'mallory');
    const res = await book(a, mallory.auth, slots[0]!, { name: '赵大妈', idNumber: neighbourId });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ID_NUMBER_BOUND');
    expect(await BookingModel.countDocuments()).toBe(0);
    expect((await book(a, neighbour.auth, slots[1]!, { name: '赵大妈', idNumber: neighbourId })).status).toBe(201);
  });

  it('a booking under a not-yet-registered ID number counts against the booker, so that person can still book later', async () => {
    const a = app();
    const { slots } = await serviceWithSlots(['09:00', '14:00']);
    const strangerId = idNumber('1948-08-08', '081');
    const mallory = await login(a, 'mallory');
    expect((await book(a, mallory.auth, slots[0]!, { name: '钱大爷', idNumber: strangerId })).status).toBe(201);
    // 钱大爷 joins the same day and books for himself under his own ID number.
    const qian = await login(a, 'qian');
    expect((await addMember(a, qian.auth, '钱大爷', strangerId, 'self')).status).toBe(201);
    expect((await book(a, qian.auth, slots[1]!, { name: '钱大爷', idNumber: strangerId })).status).toBe(201);
  });

  it('no-shows under typed ID numbers pause the account that booked, not the people whose numbers were typed', async () => {
    const a = app();
    const typed = idNumber('1960-06-06', '061');
    let mallory = await login(a, 'mallory');
    for (const date of [day, addDays(day, 1), addDays(day, 2)]) {
      const { slots } = await serviceWithSlots(['09:00'], date);
      const b = await book(a, mallory.auth, slots[0]!, { name: '孙阿姨', idNumber: typed });
      expect(b.status).toBe(201);
      now = at(date, '10:30');
      const boss = await login(a, 'boss');
      mallory = await login(a, 'mallory');
      expect((await request(a).post(`/api/staff/bookings/${b.body.id}/no-show`).set(boss.auth)).status).toBe(200);
    }
    const { slots } = await serviceWithSlots(['09:00'], addDays(day, 5));
    const paused = await book(a, mallory.auth, slots[0]!, { name: '别人', idNumber: idNumber('1970-07-07', '071') });
    expect(paused.body.error?.code).toBe('BOOKING_PAUSED');
    // 孙阿姨 herself, booking from her own account, is not paused.
    const sun = await login(a, 'sun');
    expect((await addMember(a, sun.auth, '孙阿姨', typed, 'self')).status).toBe(201);
    expect((await book(a, sun.auth, slots[0]!, { name: '孙阿姨', idNumber: typed })).status).toBe(201);
  });

  it('two children who both saved their father share his daily limit', async () => {
    const a = app();
    const { slots } = await serviceWithSlots(['09:00', '14:00']);
    const fatherId = idNumber('1956-03-08', '031');
    const son = await login(a, 'son');
    const daughter = await login(a, 'daughter');
    const bySon = await addMember(a, son.auth, '李建国', fatherId);
    const byDaughter = await addMember(a, daughter.auth, '李建国', fatherId);
    expect([bySon.status, byDaughter.status]).toEqual([201, 201]);
    expect((await book(a, son.auth, slots[0]!, {}, bySon.body.id)).status).toBe(201);
    const second = await book(a, daughter.auth, slots[1]!, {}, byDaughter.body.id);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('BOOKING_LIMIT');
  });

  it('an account books at most three people a day for one service, however many family members it declares', async () => {
    const a = app();
    const { slots } = await serviceWithSlots(['08:00', '09:00', '10:00', '11:00', '14:00']);
    const { auth } = await login(a, 'collector');
    const members: string[] = [];
    const names = ['张大爷', '李奶奶', '王阿姨', '刘大爷'];
    for (let i = 0; i < 4; i++) members.push((await addMember(a, auth, names[i]!, idNumber(`1950-01-0${i + 1}`, `10${i}`))).body.id);
    expect(members.every(Boolean)).toBe(true);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await book(a, auth, slots[i]!, {}, members[i]));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 409]);
    expect(answers[3]!.body.error).toMatchObject({
      code: 'BOOKING_LIMIT',
      message: '一个账号每天最多为 3 人次预约该服务，如需更多请致电服务点',
    });
    // Deleting a member and adding a new one frees nothing: the bound is on the account.
    await request(a).delete(`/api/me/family/${members[0]}`).set(auth);
    const fresh = await addMember(a, auth, '赵大妈', idNumber('1951-05-05', '555'));
    expect(fresh.status).toBe(201);
    expect((await book(a, auth, slots[4]!, {}, fresh.body.id)).body.error?.code).toBe('BOOKING_LIMIT');
  });
});

describe('who may add a person', () => {
  it('one 本人 per account, and only with a bound phone', async () => {
    const a = app();
    const me = await login(a, 'selfish');
    const first = await request(a)
      .post('/api/me/family')
      .set(me.auth)
      .send({ name: '周明', relation: 'self', idNumber: idNumber('1985-05-05', '201'), consent: true });
    expect(first.status).toBe(400);
    expect(first.body.error.fields).toEqual({ relation: '添加“本人”前，请先在「我的」中绑定手机号' });
    expect((await addMember(a, me.auth, '周明', idNumber('1985-05-05', '201'), 'self')).status).toBe(201);
    const second = await request(a)
      .post('/api/me/family')
      .set(me.auth)
      .send({ name: '周二', relation: 'self', idNumber: idNumber('1986-06-06', '202'), consent: true });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'DUPLICATE_FAMILY_MEMBER', message: '您已经添加过“本人”了' });
  });

  it('someone’s 本人 cannot be added by another account, so nobody books under them', async () => {
    const a = app();
    const ownerId = idNumber('1950-05-05', '051');
    const owner = await login(a, 'owner');
    expect((await addMember(a, owner.auth, '赵大妈', ownerId, 'self')).status).toBe(201);
    const mallory = await login(a, 'mallory');
    const res = await addMember(a, mallory.auth, '赵大妈', ownerId, 'parent');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ID_NUMBER_BOUND');
  });
});
