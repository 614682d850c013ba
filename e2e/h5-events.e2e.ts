import path from 'node:path';
import request from 'supertest';
import type { Page } from 'playwright-core';
import { login } from '../server/test/setup/harness';
import { idNumber } from '../server/test/factories/ids';
import { SHOTS_DIR, useBrowserJourney } from './support/stack';
import { attributeOf, button, field, seen, settle, tab } from './support/ui';

type App = Parameters<typeof login>[0];

/** 活动 journeys of the 活动 issue, on the H5 preview with the demo content. */
describe('H5 preview: 活动 sign-ups', () => {
  const j = useBrowserJourney({ BOOTSTRAP_ADMIN_OPENIDS: 'dev_wuyun' });
  const api = () => j.stack.url as unknown as App;
  const shot = async (page: Page, name: string) => {
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`) });
  };

  it('阿斯楞 signs up three for the 818 race, cancels his cousin, and the first in line gets her place', async () => {
    // The first session of the race, made small so it fills: three places.
    const events = (await request(j.stack.url).get('/api/events?status=upcoming')).body.items as { id: string; title: string }[];
    const race = events.find((e) => e.title === '818哲里木赛马节')!;
    const detail = (await request(j.stack.url).get(`/api/events/${race.id}`)).body;
    const first = detail.sessions[0];
    const admin = await login(api(), 'wuyun');
    const small = await request(j.stack.url)
      .patch(`/api/admin/events/${race.id}`)
      .set(admin.auth)
      .send({ sessions: [{ id: first.id, capacity: 3 }] });
    expect(small.status).toBe(200);

    const page = await j.newPage('asileng');
    await page.goto(j.stack.url + '/');
    await tab(page, '活动').click();
    await seen(page, '即将开始').waitFor();
    await shot(page, 'events-tab');
    await seen(page, '818哲里木赛马节').click();
    await seen(page, '选择场次').waitFor();
    await seen(page, '余 3 个名额').waitFor();
    await seen(page, '导航去这里').waitFor();
    await shot(page, 'event-detail');
    // The 资讯 article about the race leads back to its sign-up.
    await seen(page, '阅读活动资讯 ›').click();
    await seen(page, /818哲里木赛马节即将开幕/).waitFor();
    await button(page, '去报名').click();
    await seen(page, '选择场次').waitFor();
    await button(page, '立即报名').click();

    await seen(page, '参加人（0/3）').waitFor();
    const people = [
      ['阿斯楞', idNumber('1996-03-02', '171')],
      ['其其格', idNumber('1997-05-12', '282')],
      ['乌日娜', idNumber('2001-11-20', '362')],
    ];
    // He may call instead (events have no phone of their own: the 12345 hotline).
    await button(page, '电话预约').waitFor();
    await seen(page, '政务服务热线 12345').waitFor();
    for (const [i, [name, id]] of people.entries()) {
      // Himself first, as 本人 (an account keeps no name or ID number, so he types them).
      if (i === 0)
        await page
          .locator('.jk-chip')
          .filter({ hasText: /^本人$/ })
          .filter({ visible: true })
          .click();
      else await button(page, '+ 填写其他同行人').click();
      const box = page.locator('.su__typed').nth(i);
      if (i === 0) expect(await box.locator('.su__typed-title').textContent()).toBe('本人');
      await box.locator('input').nth(0).fill(name!);
      await box.locator('input').nth(1).fill(id!);
    }
    await seen(page, '参加人（3/3）').waitFor();
    // A typed attendee's error goes as soon as the field is fixed (#12 walk, item 3), and says what is missing.
    const third = page.getByRole('textbox', { name: '同行人 3姓名' }).filter({ visible: true });
    await third.fill('');
    await button(page, '提交报名（3 人）').click();
    await seen(page, '请填写姓名', true).waitFor();
    expect(await attributeOf(third, 'aria-describedby', 'su-2-name-error')).toBe('su-2-name-error');
    await third.fill(people[2]![0]!);
    expect(await seen(page, '请填写姓名', true).count()).toBe(0);
    await field(page, '联系电话').fill('13947512345');
    await shot(page, 'event-signup');
    await button(page, '提交报名（3 人）').click();

    await seen(page, '报名成功', true).waitFor();
    const qrs = page.locator('.jk-qr').filter({ visible: true });
    await expectCount(qrs, 3);
    expect(await qrs.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(
      // The ticket shows the name masked, as the gate sees it.
      people.map(([n]) => `${n![0]}*${n![2]}的电子票二维码`),
    );
    await shot(page, 'event-tickets');
    const registrationId = new URL(page.url().replace('#', '')).searchParams.get('id')!;

    // The session is full: 巴特 joins the waitlist, first in line.
    const bater = await login(api(), 'bater');
    const waiting = await request(j.stack.url)
      .post(`/api/events/${race.id}/registrations`)
      .set(bater.auth)
      .send({
        sessionId: first.id,
        attendees: [{ name: '巴特', idNumber: idNumber('1990-01-01', '515') }],
        form: { contactPhone: '13947500001' },
      });
    expect(waiting.body).toMatchObject({ status: 'waitlisted', position: 1 });

    // 乌日娜 can't come: only she is cancelled, and 巴特 gets her place at once.
    await page.locator('.reg__attendee').filter({ hasText: '乌*娜' }).locator('.nut-button').click();
    await page.locator('.taro-modal__foot, .taro-modal__footer').getByText('确定取消').click();
    await seen(page, '已取消，票已作废').waitFor();
    await expectCount(page.locator('.jk-qr').filter({ visible: true }), 2);
    await shot(page, 'event-partial-cancel');
    const mine = await request(j.stack.url)
      .get(`/api/registrations/${registrationId}`)
      .set((await login(api(), 'asileng')).auth);
    expect(mine.body.attendees.map((a: { status: string }) => a.status)).toEqual(['active', 'active', 'cancelled']);

    const baterPage = await j.newPage('bater');
    await baterPage.goto(j.stack.url + '/');
    await tab(baterPage, '活动').click();
    await seen(baterPage, '我的报名', true).click();
    await seen(baterPage, '818哲里木赛马节').waitFor();
    await seen(baterPage, '报名成功').waitFor();
    await seen(baterPage, '1 张电子票').waitFor();
    await shot(baterPage, 'event-waitlist-promoted');
  });

  it('shows the event page and its text larger in 长辈版, with the button still on screen', async () => {
    const page = await j.newPage('nainai');
    await page.addInitScript(() => window.localStorage.setItem('jk.elderMode', JSON.stringify({ data: true })));
    await page.goto(j.stack.url + '/');
    await tab(page, '活动').click();
    const title = seen(page, '西辽河文化节');
    await title.waitFor();
    const size = await title.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    await shot(page, 'events-tab-elder');
    await title.click();
    await seen(page, '选择场次').waitFor();
    const bar = page.locator('.ev__bar').filter({ visible: true });
    const box = (await bar.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(812);
    await shot(page, 'event-detail-elder');
    // 17px on the tab page at 375 wide is the normal size: 长辈版 is at least 1.3 times that.
    expect(size).toBeGreaterThanOrEqual(17 * 1.3 - 0.5);
  });
});

/** Waits until `locator` finds `n` elements (the page redraws after an answer). */
async function expectCount(locator: ReturnType<Page['locator']>, n: number) {
  const until = Date.now() + 10_000;
  while ((await locator.count()) !== n && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  expect(await locator.count()).toBe(n);
}
