import path from 'node:path';
import type { Page } from 'playwright-core';
import { isValidIdNumber } from '@jingkai/shared';
import { SHOTS_DIR, useBrowserJourney } from './support/stack';
import { apiOf, eventWithGatesOpen } from './support/api';
import { button, field, seen, settle, tab } from './support/ui';

/** A valid ID number from 17 digits: the check character is whichever of the eleven makes it valid. */
function idNumber(first17: string): string {
  const id = [...'0123456789X'].map((c) => first17 + c).find(isValidIdNumber);
  if (!id) throw new Error(`no valid ID number starts with ${first17}`);
  return id;
}

/** 活动 staff journeys (issue 11): the gate steward and the admin who creates an event. */
describe('H5 preview: 活动 staff pages', () => {
  const j = useBrowserJourney({ BOOTSTRAP_ADMIN_OPENIDS: 'dev_wuyun' });

  const api = apiOf(() => j.stack.url);
  const login = async (code: string) =>
    api('/api/auth/login', { method: 'POST', body: { code } }) as Promise<{ token: string; user: { id: string } }>;

  /** A 375×812 screenshot once the page is at rest and the toast `toast` (when given) has gone. */
  const shot = async (page: Page, name: string, toast?: string) => {
    if (toast) await page.getByText(toast, { exact: true }).filter({ visible: true }).waitFor({ state: 'hidden', timeout: 8_000 });
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS_DIR, name) });
  };

  it('a steward checks a ticket in twice and sees the second refused with the first time; offline scans upload later', async () => {
    // A gate lets a ticket in only from 3 hours before its session starts, so 乌云 sets up a drill of
    // the 818 race's gate with a session starting in an hour (the demo race is in August).
    const admin = await login('wuyun');
    const drill = await eventWithGatesOpen(api, admin.token, '哲里木赛马节入场演练');
    const eventId = drill.id as string;
    const sessionId = (drill.sessions as { id: string }[])[0]!.id;
    // 阿斯楞 signs up himself and his cousin through the API.
    const citizen = await login('asileng');
    await api(`/api/events/${eventId}/registrations`, {
      token: citizen.token,
      method: 'POST',
      body: {
        sessionId,
        attendees: [
          { name: '阿斯楞', idNumber: idNumber('15050219980101001'), phone: '13900000001' },
          { name: '其其格', idNumber: idNumber('15050219990202002') },
        ],
        form: {},
      },
    });
    const mine = await api('/api/me/registrations', { token: citizen.token });
    const [ticket, cousinTicket] = (mine.items![0]!.tickets as { code: string }[]).map((t) => t.code);

    // 乌云 makes 巴特尔 staff of this event only.
    const steward = await login('bateer');
    await api('/api/admin/roles', {
      token: admin.token,
      method: 'POST',
      body: { userId: steward.user.id, role: 'staff', eventIds: [eventId] },
    });

    const page = await j.newPage('bateer');
    await page.goto(j.stack.url + '/');
    await tab(page, '我的').click();
    await seen(page, '工作人员：活动核验').click();
    await page.locator('.jk-chip--on').filter({ hasText: '哲里木赛马节入场演练' }).filter({ visible: true }).waitFor();
    await seen(page, /^离线名单：\d+ 张票/).waitFor();
    await field(page, '入口').fill('东门');

    await field(page, '电子票').fill(ticket!);
    await button(page, '核验').click();
    await seen(page, '验票通过', true).waitFor();
    await seen(page, '阿*楞', true).waitFor();
    await seen(page, /^场次 \d{1,2}月\d{1,2}日 周. \d{2}:\d{2}$/).waitFor();
    await shot(page, 'event-checkin-ok.png');

    await field(page, '电子票').fill(ticket!);
    await button(page, '核验').click();
    await seen(page, /^已于 \d{2}:\d{2} 在 东门 入场$/).waitFor();
    await seen(page, '已入场', true).waitFor();
    await seen(page, '阿*楞', true).waitFor();
    await shot(page, 'event-checkin-again.png');

    // A forged ticket: the signature of another.
    const forged = `${ticket!.split('.').slice(0, 2).join('.')}.${cousinTicket!.split('.')[2]}`;
    await field(page, '电子票').fill(forged);
    await button(page, '核验').click();
    await seen(page, '这不是有效的电子票').waitFor();
    await shot(page, 'event-checkin-forged.png');

    // The network hangs: after 3 s without an answer the page checks the cousin's ticket offline.
    let hang = true;
    await page.route('**/api/staff/checkins*', async (route) => {
      if (!hang) return route.continue();
      await new Promise((r) => setTimeout(r, 5_000));
      await route.abort().catch(() => undefined);
    });
    await field(page, '电子票').fill(cousinTicket!);
    const started = Date.now();
    await button(page, '核验').click();
    await seen(page, '网络不稳，已切换离线核验，恢复后自动上传 1 条').waitFor();
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    await seen(page, '其*格', true).waitFor();
    await seen(page, '离线核验，恢复网络后自动上传').waitFor();
    await shot(page, 'event-checkin-offline.png');
    // Offline, a second scan of the same ticket is yellow with this gate's first time.
    await field(page, '电子票').fill(cousinTicket!);
    await button(page, '核验').click();
    await seen(page, /^已于 \d{2}:\d{2} 在 东门 入场$/).waitFor();

    // The network returns: the queued scan uploads by itself and the banner goes.
    hang = false;
    const uploaded = await page.waitForResponse((r) => r.url().endsWith('/api/staff/checkins/batch'), { timeout: 20_000 });
    expect(((await uploaded.json()) as { results: { result: string }[] }).results.map((r) => r.result)).toEqual(['ok']);
    await page
      .getByText(/网络不稳，已切换离线核验/)
      .filter({ visible: true })
      .waitFor({ state: 'detached' });
    // (The steward's own token from above ended when his browser signed in.)
    const list = await api(`/api/staff/events/${eventId}/attendees`, { token: admin.token });
    expect(list.items!.filter((a) => a.checkedInAt).map((a) => [a.name, a.gate])).toEqual([
      ['阿*楞', '东门'],
      ['其*格', '东门'],
    ]);

    await button(page, '实时人数').click();
    await seen(page, '每 10 秒自动刷新', false).waitFor();
    await page.locator('.counts__num--in').filter({ hasText: '2' }).filter({ visible: true }).waitFor();
    await shot(page, 'event-counts.png');

    await page.goBack();
    await button(page, '报名名单').click();
    await seen(page, '共 2 人').waitFor();
    await seen(page, /^150\*+0\d[\dX]/)
      .waitFor()
      .catch(() => undefined);
    const exported = page.waitForResponse((r) => r.url().includes(`/api/staff/events/${eventId}/attendees/export`));
    await button(page, '导出名单（Excel）').click();
    const xlsx = await exported;
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await shot(page, 'event-attendees.png', '已下载');
  });

  it('an admin creates 西辽河文化节 with two sessions, and it appears in GET /api/events', async () => {
    const page = await j.newPage('wuyun');
    await page.goto(j.stack.url + '/');
    await tab(page, '我的').click();
    await seen(page, '管理员：新建活动').click();
    await seen(page, '场次', true).waitFor();
    await shot(page, 'event-edit-new.png');

    // Nothing typed yet: the shared schema's words under the fields.
    await button(page, '创建活动').click();
    await seen(page, '请填写活动名称').waitFor();

    await field(page, '活动名称').fill('西辽河文化节');
    await seen(page, '文化', true).click();
    await field(page, '活动地点').fill('科尔沁区西辽河文化公园');
    await field(page, '详细地址').fill('通辽市经济技术开发区辽河大街');
    await seen(page, '＋ 添加场次').click();
    const second = page.locator('.edit__session').nth(1);
    await second.locator('.jk-field').filter({ hasText: '名额' }).locator('input').fill('0');
    await button(page, '创建活动').click();
    await second.getByText('名额至少 1 个').waitFor();
    await shot(page, 'event-edit-errors.png', '请按提示修改后再保存');

    // A session outside the event: the server's field error lands under that session's start.
    const start = second.locator('.jk-field').filter({ hasText: '场次开始' }).locator('input');
    const typed = await start.inputValue();
    await second.locator('.jk-field').filter({ hasText: '名额' }).locator('input').fill('300');
    await start.fill(`${typed.slice(0, 10)} 06:00`);
    await button(page, '创建活动').click();
    await second.getByText('场次应在活动时间之内').waitFor();
    await start.fill(typed);

    // A question for the signup form, and the article readers come from.
    await seen(page, '＋ 添加问题').click();
    const question = page.locator('.edit__question').first();
    await question.locator('.jk-field').filter({ hasText: '问题' }).locator('input').fill('想看的非遗项目');
    const article = page.locator('.edit__news .jk-chip').nth(1);
    const articleTitle = (await article.textContent())!;
    await article.click();

    const created = page.waitForResponse((r) => r.url().endsWith('/api/admin/events') && r.request().method() === 'POST');
    await button(page, '创建活动').click();
    expect((await created).status()).toBe(201);
    await seen(page, '已保存「西辽河文化节」，共 2 个场次').waitFor();
    await button(page, '保存修改').waitFor();
    await shot(page, 'event-edit-created.png', '活动已创建');

    const events = await api('/api/events?status=upcoming&pageSize=50');
    const mine = events.items!.find((e) => e.title === '西辽河文化节' && e.venue === '科尔沁区西辽河文化公园');
    expect(mine).toMatchObject({ category: 'culture' });
    const detail = await api(`/api/events/${mine!.id as string}`);
    expect((detail.sessions as { capacity: number }[]).map((s) => s.capacity)).toEqual([500, 300]);
    expect(detail.form).toEqual([{ name: 'q1', label: '想看的非遗项目', type: 'text', required: true }]);
    expect((await api(`/api/news/${detail.newsId as string}`)).title).toBe(articleTitle);

    // Editing: more places for the second session.
    await page.locator('.edit__session').nth(1).locator('.jk-field').filter({ hasText: '名额' }).locator('input').fill('350');
    const patched = page.waitForResponse((r) => r.url().includes('/api/admin/events/') && r.request().method() === 'PATCH');
    await button(page, '保存修改').click();
    expect((await patched).status()).toBe(200);
    const after = await api(`/api/events/${mine!.id as string}`);
    expect((after.sessions as { capacity: number }[]).map((s) => s.capacity)).toEqual([500, 350]);
  });
});
