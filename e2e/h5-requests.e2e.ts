import path from 'node:path';
import type { Page } from 'playwright-core';
import { ERROR_MESSAGES } from '@jingkai/shared';
import { SHOTS_DIR, useBrowserJourney } from './support/stack';
import { apiOf, eventWithGatesOpen } from './support/api';
import { button, field, pressFor, seen, settle, tab } from './support/ui';

/** A 1×1 PNG: the photo the citizen attaches. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** 诉求与评价 journeys (issue 13): a request through the whole loop, 好差评 of a served booking, the staff dashboard. */
describe('H5 preview: 诉求与评价', () => {
  const j = useBrowserJourney({ BOOTSTRAP_ADMIN_OPENIDS: 'dev_wuyun' });

  const api = apiOf(() => j.stack.url);
  // A wx.login code is good once: each sign-in gets its own (`<who>~<n>`), the same person each time.
  let codes = 0;
  const login = async (who: string) =>
    (await api('/api/auth/login', { method: 'POST', body: { code: `${who}~e2e${++codes}` } })) as { token: string };

  /** A 375×812 screenshot once the page is at rest and the toast `toast` (when given) has gone. */
  const shot = async (page: Page, name: string, toast?: string) => {
    if (toast) await page.getByText(toast, { exact: true }).filter({ visible: true }).waitFor({ state: 'hidden', timeout: 8_000 });
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS_DIR, name) });
  };
  const elder = (page: Page) => page.addInitScript(() => window.localStorage.setItem('jk.elderMode', JSON.stringify({ data: true })));

  it('a citizen (长辈版) reports a late meal with a photo, staff accept, assign and reply, and a 差评 opens a follow-up he can see', async () => {
    const citizen = await j.newPage('asileng');
    await elder(citizen);
    await citizen.goto(j.stack.url + '/');
    // 长辈版's 首页: the big 有问题？反映一下 button.
    await button(citizen, '有问题？反映一下').click();
    await seen(citizen, '便民服务', true).click();
    // Too short: the shared schema's words, before anything is sent.
    await field(citizen, '问题描述').fill('饭晚了');
    await button(citizen, '提交').click();
    await seen(citizen, '请至少写 10 个字，说清楚问题').waitFor();
    // A word the content check refuses: the server's kind message, on the text.
    await field(citizen, '问题描述').fill('河西社区助餐点门口有人聚众赌博，影响老人吃饭');
    await button(citizen, '提交').click();
    await seen(citizen, ERROR_MESSAGES.CONTENT_RISKY).waitFor();
    const text = '今天中午在河西社区订的老年助餐晚到了一个多小时，饭菜都凉了。';
    await field(citizen, '问题描述').fill(text);
    await seen(citizen, `${text.length}/500`).waitFor();
    await seen(citizen, '电话联系我').click();
    // A photo through the picker, uploaded to our media route and shown as a thumbnail.
    const picker = citizen.waitForEvent('filechooser');
    await citizen.locator('[aria-label="添加照片"]').filter({ visible: true }).click();
    const uploaded = citizen.waitForResponse((r) => r.url().endsWith('/api/requests/photos'));
    await (await picker).setFiles({ name: 'meal.png', mimeType: 'image/png', buffer: PNG });
    expect((await uploaded).status()).toBe(201);
    await citizen.locator('.rq-new__photo').filter({ visible: true }).waitFor();
    await button(citizen, '提交').click();
    await seen(citizen, '已提交', true).waitFor();
    const trackingNo = /JK\d{10}/.exec((await seen(citizen, /^编号 JK\d{10}，将在/).textContent())!)![0];
    await seen(citizen, '已接收 · 您').waitFor();
    expect(await citizen.locator('.rq-sheet__photo').filter({ visible: true }).count()).toBe(1);
    await shot(citizen, 'requests-filed.png');

    // 乌云 (admin) finds it in the queue under 便民服务 and takes it through the loop.
    const staff = await j.newPage('wuyun');
    await staff.goto(j.stack.url + '/');
    await tab(staff, '我的').click();
    await seen(staff, '工作人员：诉求办理').click();
    await staff
      .locator('.rq-queue .jk-chip')
      .filter({ hasText: /^便民服务$/ })
      .filter({ visible: true })
      .click();
    const card = staff.locator('.jk-rq-card').filter({ hasText: trackingNo }).filter({ visible: true });
    await card.waitFor();
    await shot(staff, 'requests-queue.png');
    await card.click();
    await seen(staff, '联系方式：电话联系').waitFor();
    await seen(staff, text).waitFor();
    await pressFor(staff, /^受理$/, (r) => r.url().includes('/transition'));
    await seen(staff, '已受理 · 工作人员').waitFor();
    await staff
      .locator('.rq-handle .jk-chip')
      .filter({ hasText: /^养老$/ })
      .filter({ visible: true })
      .click();
    await pressFor(staff, /^转办$/, (r) => r.url().includes('/transition'));
    await seen(staff, '已转办（养老） · 工作人员').waitFor();
    await field(staff, '给市民的答复').fill('已联系河西社区助餐点，送餐车改为 11:00 前出发，今后按时送达。');
    await pressFor(staff, '答复市民', (r) => r.url().includes('/transition'));
    await seen(staff, '已回复 · 工作人员').waitFor();
    await shot(staff, 'requests-staff-replied.png', '已答复');

    // He reads the reply and gives a 差评 with a comment; the follow-up appears.
    await citizen.reload();
    await seen(citizen, '送餐车改为 11:00 前出发').waitFor();
    await seen(citizen, '您对这次答复满意吗？').waitFor();
    await citizen.locator('.jk-rating textarea').filter({ visible: true }).first().fill('答复太慢了');
    const face = citizen.locator('[aria-label="不满意"]').filter({ visible: true });
    expect((await face.boundingBox())!.height).toBeGreaterThanOrEqual(60);
    const rated = citizen.waitForResponse((r) => r.url().endsWith('/rating'));
    await face.click();
    expect((await rated).status()).toBe(201);
    await seen(citizen, '您的评价：不满意').waitFor();
    await seen(citizen, /工作人员会在 1 个工作日内联系您/).waitFor();
    await shot(citizen, 'requests-poor-rating.png');
    await button(citizen, '查看回访进度').click();
    await seen(citizen, /的评价为「不满意」：答复太慢了/).waitFor();
    await seen(citizen, '查看原来的诉求', true).waitFor();

    // In 我的诉求 both are listed, the follow-up marked as one.
    await citizen.goto(j.stack.url + '/packageRequests/mine/index');
    await citizen.locator('.jk-rq-card').filter({ hasText: trackingNo }).filter({ visible: true }).waitFor();
    await citizen.locator('.jk-rq-card').filter({ hasText: '便民服务 · 回访' }).filter({ visible: true }).waitFor();
    await shot(citizen, 'requests-mine.png');
  });

  it('a served booking gets a one-tap five-face rating on its page (长辈版)', async () => {
    const who = await login('xiaoli');
    const services = await api('/api/services');
    const meal = services.items!.find((s) => s.kind === 'elderly-meal')!;
    const today = new Date().toISOString().slice(0, 10);
    const later = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const slots = await api(`/api/services/${meal.id as string}/slots?from=${today}&to=${later}`);
    const slot = slots.items!.find((s) => s.bookable && (s.remaining as number) > 0)!;
    const booking = await api('/api/bookings', {
      token: who.token,
      method: 'POST',
      headers: { 'Idempotency-Key': `e2e-rate-${Date.now()}` },
      body: { slotId: slot.id, form: { name: '李明', phone: '13900000088', pickup: 'store' } },
    });
    // Served at the counter on the day.
    j.setNow(new Date(new Date(slot.start as string).getTime() - 30 * 60_000));
    const admin = await login('wuyun');
    await api('/api/staff/bookings/verify', { token: admin.token, method: 'POST', body: { code: booking.code } });
    // Rated back today, so that the dashboard's period (up to today) counts it.
    j.setNow(null);

    const page = await j.newPage('xiaoli');
    await elder(page);
    await page.goto(`${j.stack.url}/packageBooking/detail/index?id=${booking.id as string}`);
    await seen(page, '您对这次服务满意吗？').waitFor();
    const faces = page.locator('.jk-face').filter({ visible: true });
    expect(await faces.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
    ]);
    // 长辈版: every face at least 60 px.
    for (const box of await faces.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(60);
    }
    await shot(page, 'requests-booking-rate-elder.png');
    const rated = page.waitForResponse((r) => r.url().endsWith(`/api/bookings/${booking.id as string}/rating`));
    await page.locator('[aria-label="满意"]').filter({ visible: true }).click();
    expect((await rated).status()).toBe(201);
    await seen(page, '您的评价：满意').waitFor();
    await shot(page, 'requests-booking-rated-elder.png');
    // Another phone (a fresh browser, nothing kept on it) reads the rating from the booking's answer.
    const other = await j.newPage('xiaoli');
    await other.goto(`${j.stack.url}/packageBooking/detail/index?id=${booking.id as string}`);
    await seen(other, '您的评价：满意').waitFor();
    expect(await other.locator('.jk-face').filter({ visible: true }).count()).toBe(0);
    await other.context().close();
    // 有问题？反映一下 opens the form with the booking's category chosen.
    await button(page, '有问题？反映一下').click();
    await page.locator('.rq-new .jk-chip--on').filter({ hasText: '便民服务' }).filter({ visible: true }).waitFor();
    // Once the page has slid fully in.
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.rq-new')).some((el) => el.getBoundingClientRect().left === 0));
    await shot(page, 'requests-form-elder.png');
  });

  it('a visit checked in at the gate gets a 差评 on its ticket page, which opens a follow-up by itself', async () => {
    const fan = await login('bayin');
    // Gates let a ticket in from 3 hours before its session, so 乌云 sets up a session starting in an
    // hour (the demo race itself is in August).
    const admin = await login('wuyun');
    const race = await eventWithGatesOpen(api, admin.token, '818哲里木赛马节·入场演练');
    const reg = await api(`/api/events/${race.id as string}/registrations`, {
      token: fan.token,
      method: 'POST',
      headers: { 'Idempotency-Key': `e2e-visit-${Date.now()}` },
      body: {
        sessionId: (race.sessions as { id: string }[])[0]!.id,
        attendees: [{ name: '巴音', idNumber: '15050219520311002X', phone: '13900000003' }],
        form: {},
      },
    });
    const ticket = (reg.tickets as { code: string }[])[0]!.code;
    await api('/api/staff/checkins', { token: admin.token, method: 'POST', body: { ticket, eventId: race.id } });

    const page = await j.newPage('bayin');
    await page.goto(`${j.stack.url}/packageEvents/registration/index?id=${reg.id as string}`);
    await seen(page, '您对这次活动满意吗？').waitFor();
    const rated = page.waitForResponse((r) => r.url().endsWith(`/api/registrations/${reg.id as string}/rating`));
    await page.locator('[aria-label="非常不满意"]').filter({ visible: true }).click();
    expect((await rated).status()).toBe(201);
    await seen(page, '您的评价：非常不满意').waitFor();
    await button(page, '查看回访进度').click();
    await seen(page, /818哲里木赛马节.*的评价为「非常不满意」/).waitFor();
    await seen(page, '已接收 · 系统').waitFor();
    await shot(page, 'requests-visit-follow-up.png');
  });

  it('the dashboard draws the four rates, the weekly lines and the bars by category', async () => {
    const page = await j.newPage('wuyun');
    await page.goto(j.stack.url + '/packageRequestStaff/dashboard/index');
    await seen(page, '受理及时率').waitFor();
    await seen(page, '期内收到的诉求中，在受理时限内受理的比例').waitFor();
    const canvases = page.locator('.jk-chart canvas').filter({ visible: true });
    await expect(canvases.count()).resolves.toBe(2);
    // Each chart is painted: white background, and more than one colour on it (axes, bars, lines).
    for (const c of await canvases.all()) {
      await c.evaluate(
        (el: HTMLCanvasElement) =>
          new Promise<void>((resolve) => {
            const check = () =>
              el.width && el.getContext('2d')!.getImageData(0, 0, 1, 1).data[3] === 255 ? resolve() : requestAnimationFrame(check);
            check();
          }),
      );
      const painted = await c.evaluate((el: HTMLCanvasElement) => {
        const { data } = el.getContext('2d')!.getImageData(0, 0, el.width, el.height);
        const colours = new Set<string>();
        let blue = 0;
        for (let i = 0; i < data.length; i += 4) {
          colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
          if (Math.abs(data[i]! - 26) + Math.abs(data[i + 1]! - 95) + Math.abs(data[i + 2]! - 180) < 30) blue++;
        }
        return { colours: colours.size, blue };
      });
      // Axes and labels (many shades of grey), and the brand blue of the 受理及时率 line's dots or the bars.
      expect(painted.colours).toBeGreaterThan(3);
      expect(painted.blue).toBeGreaterThan(50);
    }
    // The 满意 of the served meal, under its site.
    await seen(page, '老年助餐 · 河西社区居家养老服务站').waitFor();
    await seen(page, '1 条 · 差评 0 条 · 平均 4.0 分 · 满意率 100%').waitFor();
    // The 非常不满意 of the race, under the event.
    await page
      .locator('.rq-dash__site')
      .filter({ hasText: '818哲里木赛马节' })
      .filter({ hasText: '1 条 · 差评 1 条 · 平均 1.0 分 · 满意率 0%' })
      .waitFor();
    await page.locator('.jk-chart').first().scrollIntoViewIfNeeded();
    await shot(page, 'requests-dashboard.png');
    // The late meal of the first journey is counted under 便民服务.
    expect(await canvases.nth(1).evaluate((el) => el.closest('.jk-chart')!.getAttribute('aria-label'))).toMatch(/便民服务 [12]/);
  });
});
