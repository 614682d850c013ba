import request from 'supertest';
import { buildEvent, buildService } from './factories';
import { clearDb, login, testApp, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();
let app: ReturnType<ReturnType<typeof testApp>['callback']>;
beforeAll(() => {
  app = testApp({ WECHAT_API_BASE: standin.current.url, BOOTSTRAP_ADMIN_OPENIDS: 'dev_wuyun' }).callback();
});
beforeEach(clearDb);

describe('roles and the audit log', () => {
  it('lets an admin grant 张科长 staff for 医保 only; his old token is revoked and the grant is audited', async () => {
    const admin = await login(app, 'wuyun');
    const zhang = await login(app, 'zhang');
    const { serviceId } = await buildService({ kind: 'insurance-appointment' });
    const grant = await request(app)
      .post('/api/admin/roles')
      .set(admin.auth)
      .set('x-request-id', 'req-grant-1')
      .send({ userId: zhang.userId, role: 'staff', serviceIds: [serviceId] });
    expect(grant.status).toBe(200);
    expect(grant.body).toMatchObject({
      id: zhang.userId,
      roles: ['citizen', 'staff'],
      staffScopes: { serviceIds: [serviceId], eventIds: [], news: false },
    });
    expect((await request(app).get('/api/me').set(zhang.auth)).status).toBe(401);
    const relogged = await login(app, 'zhang');
    expect(relogged.userId).toBe(zhang.userId);
    const me = await request(app).get('/api/me').set(relogged.auth);
    expect(me.body.roles).toEqual(['citizen', 'staff']);

    const log = await request(app).get('/api/admin/audit?action=role.grant').set(admin.auth);
    expect(log.body.items).toEqual([
      {
        id: expect.any(String),
        actorId: admin.userId,
        action: 'role.grant',
        targetType: 'user',
        targetId: zhang.userId,
        detail: { role: 'staff', serviceIds: [serviceId], eventIds: [], news: false },
        requestId: 'req-grant-1',
        at: expect.stringMatching(/\+08:00$/),
      },
    ]);
  });

  it('revokes staff with every scope, and refuses an admin revoking their own admin role', async () => {
    const admin = await login(app, 'wuyun');
    const user = await login(app);
    const eventId = await buildEvent();
    await request(app)
      .post('/api/admin/roles')
      .set(admin.auth)
      .send({ userId: user.userId, role: 'staff', eventIds: [eventId] });
    const res = await request(app).post('/api/admin/roles/revoke').set(admin.auth).send({ userId: user.userId, role: 'staff' });
    expect(res.body).toMatchObject({ roles: ['citizen'], staffScopes: { serviceIds: [], eventIds: [], news: false } });
    const self = await request(app).post('/api/admin/roles/revoke').set(admin.auth).send({ userId: admin.userId, role: 'admin' });
    expect(self.status).toBe(400);
    const actions = (await request(app).get('/api/admin/audit').set(admin.auth)).body.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(['role.revoke', 'role.grant']);
  });

  it('grants 资讯管理 alone; revoking that scope from staff with no other scope takes the staff role too', async () => {
    const admin = await login(app, 'wuyun');
    const editor = await login(app, 'editor');
    const grant = await request(app).post('/api/admin/roles').set(admin.auth).send({ userId: editor.userId, role: 'staff', news: true });
    expect(grant.body).toMatchObject({ roles: ['citizen', 'staff'], staffScopes: { serviceIds: [], eventIds: [], news: true } });
    const relogged = await login(app, 'editor');
    expect((await request(app).get('/api/me').set(relogged.auth)).body.staffScopes).toEqual({
      serviceIds: [],
      eventIds: [],
      news: true,
      requestUnits: [],
    });
    const revoke = await request(app)
      .post('/api/admin/roles/revoke')
      .set(admin.auth)
      .send({ userId: editor.userId, role: 'staff', scope: 'news' });
    expect(revoke.body).toMatchObject({ roles: ['citizen'], staffScopes: { serviceIds: [], eventIds: [], news: false } });
    const log = await request(app).get('/api/admin/audit').set(admin.auth);
    expect(log.body.items.map((i: { detail: unknown }) => i.detail)).toEqual([
      { role: 'staff', scope: 'news' },
      { role: 'staff', serviceIds: [], eventIds: [], news: true },
    ]);
    const wrong = await request(app)
      .post('/api/admin/roles/revoke')
      .set(admin.auth)
      .send({ userId: editor.userId, role: 'admin', scope: 'news' });
    expect(wrong.body.error.fields).toEqual({ scope: '资讯管理和诉求办理只能从工作人员撤销' });
  });

  it('grants 诉求办理 per unit, adding units; revoking the scope alone keeps the other scopes', async () => {
    const admin = await login(app, 'wuyun');
    const clerk = await login(app, 'clerk');
    const send = (body: Record<string, unknown>) =>
      request(app)
        .post('/api/admin/roles')
        .set(admin.auth)
        .send({ userId: clerk.userId, ...body });
    await send({ role: 'staff', requestUnits: ['elderly'] });
    const more = await send({ role: 'staff', requestUnits: ['childcare', 'elderly'], news: true });
    expect(more.body.staffScopes).toEqual({ serviceIds: [], eventIds: [], news: true, requestUnits: ['elderly', 'childcare'] });
    const unknown = await send({ role: 'staff', requestUnits: ['police'] });
    expect([unknown.status, Object.keys(unknown.body.error.fields)]).toEqual([400, ['requestUnits.0']]);
    const revoke = await request(app)
      .post('/api/admin/roles/revoke')
      .set(admin.auth)
      .send({ userId: clerk.userId, role: 'staff', scope: 'requests' });
    expect(revoke.body).toMatchObject({ roles: ['citizen', 'staff'], staffScopes: { news: true, requestUnits: [] } });
    const queue = await request(app)
      .get('/api/staff/requests')
      .set((await login(app, 'clerk')).auth);
    expect(queue.status).toBe(403);
  });

  it('lists people for admins by nickname and masked phone, never by openid', async () => {
    const admin = await login(app, 'wuyun');
    const zhang = await login(app, 'longname-citizen-openid');
    expect((await request(app).patch('/api/me').set(zhang.auth).send({ nickname: '张科长' })).status).toBe(200);
    expect((await request(app).post('/api/me/phone').set(zhang.auth).send({ code: 'phone_13900000001' })).status).toBe(200);
    const res = await request(app).get('/api/admin/users').set(admin.auth);
    expect(res.status).toBe(200);
    const names = res.body.items.map((u: { displayName: string }) => u.displayName);
    expect(names).toContain('张科长 · 139****0001');
    // Someone who has given neither is told apart by the end of the account id and the last login.
    const unnamed = res.body.items.filter((u: { nickname: string | null; phone: string | null }) => !u.nickname && !u.phone);
    expect(unnamed.length).toBeGreaterThan(0);
    for (const u of unnamed) expect(u.displayName).toMatch(new RegExp(`^用户 ${u.id.slice(-4)} · 最近登录 \\d+月\\d+日 \\d{2}:\\d{2}$`));
    expect(JSON.stringify(res.body)).not.toMatch(/dev_|longname|openid/);
  });

  it('refuses a staff grant without scope or with unknown targets, naming the field', async () => {
    const admin = await login(app, 'wuyun');
    const user = await login(app);
    const none = await request(app).post('/api/admin/roles').set(admin.auth).send({ userId: user.userId, role: 'staff' });
    expect(none.body.error.fields).toEqual({ serviceIds: '请至少选择一项服务、一个活动、资讯管理或诉求办理' });
    const newsOff = await request(app).post('/api/admin/roles').set(admin.auth).send({ userId: user.userId, role: 'staff', news: false });
    expect(newsOff.body.error.fields).toEqual({ serviceIds: '请至少选择一项服务、一个活动、资讯管理或诉求办理' });
    const newsWrong = await request(app).post('/api/admin/roles').set(admin.auth).send({ userId: user.userId, role: 'staff', news: 'yes' });
    expect(Object.keys(newsWrong.body.error.fields)).toEqual(['news']);
    const unknown = await request(app)
      .post('/api/admin/roles')
      .set(admin.auth)
      .send({ userId: user.userId, role: 'staff', serviceIds: ['0123456789abcdef01234567'] });
    expect(unknown.body.error.fields).toEqual({ 'serviceIds.0': '没有这项服务' });
    const citizen = await request(app).post('/api/admin/roles').set(admin.auth).send({ userId: user.userId, role: 'citizen' });
    expect(citizen.status).toBe(400);
    const ghost = await request(app).post('/api/admin/roles').set(admin.auth).send({ userId: '0123456789abcdef01234567', role: 'admin' });
    expect(ghost.status).toBe(404);
  });

  it('filters the audit log by actor and time', async () => {
    const admin = await login(app, 'wuyun');
    const user = await login(app);
    await request(app).post('/api/admin/roles').set(admin.auth).send({ userId: user.userId, role: 'admin' });
    const mine = await request(app).get(`/api/admin/audit?actorId=${admin.userId}`).set(admin.auth);
    expect(mine.body.total).toBe(1);
    const other = await request(app).get(`/api/admin/audit?actorId=${user.userId}`).set(admin.auth);
    expect(other.body.total).toBe(0);
    const future = await request(app).get('/api/admin/audit').query({ from: '2999-01-01T00:00:00+08:00' }).set(admin.auth);
    expect(future.body.total).toBe(0);
    const bad = await request(app).get('/api/admin/audit?from=yesterday').set(admin.auth);
    expect(bad.body.error.fields).toEqual({ 'query.from': '时间格式不正确' });
  });
});
