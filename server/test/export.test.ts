import request from 'supertest';
import { buildService, buildSlot } from './factories';
import { idNumber } from './factories/ids';
import { clearDb, login, testApp, testDay, useStandin, useTestDb } from './setup/harness';
import { binary, rows } from './setup/workbook';

useTestDb(__filename);
const standin = useStandin();
beforeEach(clearDb);

const FORM = [
  { name: 'name', label: '姓名', type: 'text', required: true },
  { name: 'phone', label: '手机号', type: 'phone', required: true },
  { name: 'idNumber', label: '身份证号', type: 'idNumber', required: true },
] as never;

describe('GET /api/staff/bookings/export', () => {
  it('exports a range to Excel with ID numbers and phones masked, and records the export in the audit log', async () => {
    const app = testApp({ WECHAT_API_BASE: standin.current.url, BOOTSTRAP_ADMIN_OPENIDS: 'dev_wuyun' }).callback();
    const admin = await login(app, 'wuyun');
    const { serviceId, siteId } = await buildService({ form: FORM });
    const day = testDay(2);
    const slotId = await buildSlot(serviceId, siteId, { date: day });
    const citizen = await login(app);
    const id = idNumber('1960-01-02');
    await request(app)
      .post('/api/bookings')
      .set(citizen.auth)
      .send({ slotId, form: { name: '王秀兰', phone: '13900000009', idNumber: id } });
    const u = await login(app, 'zhang');
    await request(app)
      .post('/api/admin/roles')
      .set(admin.auth)
      .send({ userId: u.userId, role: 'staff', serviceIds: [serviceId] });
    const staff = await login(app, 'zhang');

    const res = await request(app)
      .get(`/api/staff/bookings/export?serviceId=${serviceId}&from=${day}&to=${day}`)
      .set(staff.auth)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const sheet = await rows(res.body as Buffer);
    expect(sheet[0]).toEqual(['预约码', '服务点', '开始时间', '状态', '姓名', '手机号', '身份证号', '预约于']);
    expect(sheet[1]!.slice(3, 7)).toEqual(['已预约', '王秀兰', '139****0009', `150502********${id.slice(-4)}`]);
    expect(JSON.stringify(sheet)).not.toContain(id);

    expect(
      (await request(app).get(`/api/staff/bookings/export?serviceId=${serviceId}&from=${day}&to=${day}&reveal=contact`).set(staff.auth))
        .status,
    ).toBe(403);
    const full = await request(app)
      .get(`/api/staff/bookings/export?serviceId=${serviceId}&from=${day}&to=${day}&reveal=contact`)
      .set(admin.auth)
      .buffer(true)
      .parse(binary);
    const fullSheet = await rows(full.body as Buffer);
    expect(fullSheet[1]![5]).toBe('13900000009');
    expect(JSON.stringify(fullSheet)).not.toContain(id);

    const audit = await request(app).get('/api/admin/audit?action=booking.export').set(admin.auth);
    expect(
      audit.body.items.map((i: { actorId: string; detail: { rows: number; reveal: string | null } }) => [
        i.actorId,
        i.detail.rows,
        i.detail.reveal,
      ]),
    ).toEqual([
      [admin.userId, 1, 'contact'],
      [staff.userId, 1, null],
    ]);
  });
});
