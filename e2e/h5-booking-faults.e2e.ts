import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { at, toDateString } from '@jingkai/shared';
import { wgs84ToGcj02 } from '../miniapp/src/utils/geo';
import { idNumber } from '../server/test/factories/ids';
import { apiOf } from './support/api';
import { useBrowserJourney } from './support/stack';
import { attributeOf, button, field, seen, settle } from './support/ui';

const SHOTS = '/tmp/shots-faults';

/** Records what the page hands the browser's speech (the real speechSynthesis still gets it). */
const recordSpeech = (page: Page) =>
  page.addInitScript(() => {
    const w = window as unknown as { spoken: { text: string; lang: string }[] };
    w.spoken = [];
    const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
    window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
      w.spoken.push({ text: u.text, lang: u.lang });
      speak(u);
      // Headless chromium has no voices and may never finish: end it as a speaker would.
      setTimeout(() => u.onend?.(new Event('end') as SpeechSynthesisEvent), 50);
    };
  });

/**
 * Opens 老年助餐 from 首页 once the home page knows the services: tapped before, its tile opens the
 * 办事 tab instead (a fallback of the home page, not this journey's subject).
 */
async function openMeal(page: Page, base: string) {
  const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/services');
  await page.goto(base + '/');
  await listed;
  await seen(page, '老年助餐').click();
  await seen(page, '选择服务点').waitFor();
}

/**
 * 王阿姨's way through 老年助餐, as the issue walked it (#12 items 4–6): where the station is, why a
 * slot is closed, the form's header, 送餐上门 without an address, the success page, 朗读, the
 * labels on the detail page, and an unknown address.
 */
describe('H5 preview: the booking form’s faults, fixed', () => {
  const j = useBrowserJourney({ BOOTSTRAP_ADMIN_OPENIDS: 'dev_wuyun' });
  const today = toDateString(new Date());
  beforeAll(() => fs.mkdirSync(SHOTS, { recursive: true }));
  afterAll(() => j.setNow(null));

  it('books 送餐上门 for tomorrow from the nearest station, with specific errors, and is told whom it is for', async () => {
    // 08:30 on the day: today's meals still open (the order cut-off is 9:00).
    j.setNow(at(today, '08:30'));
    const page = await j.newPage('wangayi');
    await recordSpeech(page);
    // The browser gives WGS-84: standing at 辽河养老院 (stored in GCJ-02), the phone reports a point
    // about 500 m away in WGS-84; measured unconverted, 辽河养老服务站 would come first.
    const home = { lat: 43.5812, lng: 122.1902 };
    const g = wgs84ToGcj02(home);
    await page.context().grantPermissions(['geolocation']);
    await page.context().setGeolocation({ latitude: 2 * home.lat - g.lat, longitude: 2 * home.lng - g.lng });
    await openMeal(page, j.stack.url);

    // The 11 stations take the page, not a small scroll box.
    const list = page.locator('.svc__sites').filter({ visible: true });
    expect(await list.locator('.svc__site').count()).toBe(11);
    expect(await list.evaluate((el) => [getComputedStyle(el).overflowY, el.scrollHeight <= el.clientHeight + 1])).toEqual([
      'visible',
      true,
    ]);

    await seen(page, '按离我最近排序').click();
    await seen(page, '已按距离排序').waitFor();
    const first = list.locator('.svc__site').first();
    expect(await first.locator('.svc__site-name').textContent()).toBe('辽河养老院');
    expect(await first.textContent()).toMatch(/约 \d+ 米$/);
    expect(await list.locator('.svc__site').last().textContent()).toMatch(/约 \d+(\.\d)? 公里$/);
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, 'sites-nearest.png'), fullPage: true });

    await page.locator('.svc__site').filter({ hasText: '河西社区居家养老服务站' }).filter({ visible: true }).click();
    await page.locator('.svc__date').filter({ hasText: '明天' }).filter({ visible: true }).click();
    await page.locator('.svc__slot').filter({ hasText: '11:00-12:30' }).filter({ visible: true }).click();

    // The header reads the slot, not %E6%B2%B3…
    await seen(page, /^\d+月\d+日 周. 11:00–12:30 · 河西社区居家养老服务站$/).waitFor();
    expect(page.url()).not.toMatch(/%[0-9A-F]{2}/);

    await field(page, '用餐老人姓名').fill('王秀兰');
    await field(page, '联系电话').fill('13947500011');
    expect(await field(page, '送餐地址').count()).toBe(0);
    await seen(page, '送餐上门', true).click();
    await button(page, '确认预约').click();
    await seen(page, '请填写送餐地址').waitFor();
    expect(await seen(page, '必填', true).count()).toBe(0);
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, 'form-address-error.png') });
    // The error goes as soon as she types.
    await field(page, '送餐地址').fill('河');
    expect(await seen(page, '请填写送餐地址').count()).toBe(0);
    await field(page, '送餐地址').fill('通辽市开发区河西街道幸福小区 3 号楼 401');
    await button(page, '确认预约').click();

    await seen(page, '预约成功', true).waitFor();
    await seen(page, '为本人（王秀兰）预约').waitFor();
    // 送餐上门: the meal comes to her, so she is not sent to the station.
    await seen(page, '我们会按时把餐送到您填写的地址，请保持电话畅通。前一天晚上 6 点会提醒您。').waitFor();
    expect(await seen(page, '请按时前往').count()).toBe(0);
    const code = (await page.locator('.bk-card__code').filter({ visible: true }).textContent())!.trim();
    await page.locator('.jk-read').filter({ visible: true }).click();
    await page.waitForFunction(() => (window as unknown as { spoken: unknown[] }).spoken.length > 0);
    const spoken = await page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);
    expect(spoken[0]!.lang).toBe('zh-CN');
    expect(spoken.map((s) => s.text).join('')).toContain(`预约码 ${Array.from(code).join(' ')}`);
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, 'success-tomorrow.png'), fullPage: true });

    // Her booking shows its answers by their labels.
    await button(page, '查看我的预约').click();
    await page.locator('.bk-mine__item').filter({ hasText: code }).click();
    await seen(page, '取餐方式：送餐上门').waitFor();
    expect(await page.locator('.bk-detail__form').filter({ visible: true }).textContent()).not.toMatch(/delivery|store/);
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, 'detail-labels.png'), fullPage: true });
  });

  it('tells a same-day booking it is today, and says why a slot is closed after 9:00', async () => {
    j.setNow(at(today, '08:40'));
    const page = await j.newPage('wangayi2');
    await openMeal(page, j.stack.url);
    await page.locator('.svc__date').filter({ hasText: '今天' }).filter({ visible: true }).click();
    await page.locator('.svc__slot').filter({ hasText: '17:00-18:00' }).filter({ visible: true }).click();
    await field(page, '用餐老人姓名').fill('李桂芝');
    await field(page, '联系电话').fill('13947500012');
    await seen(page, '到店取餐', true).click();
    await button(page, '确认预约').click();
    await seen(page, '预约成功', true).waitFor();
    await seen(page, '就在今天，请按时前往，向工作人员出示预约码。').waitFor();
    expect(await seen(page, /前一天晚上/).count()).toBe(0);

    j.setNow(at(today, '09:30'));
    await openMeal(page, j.stack.url);
    await page.locator('.svc__date').filter({ hasText: '今天' }).filter({ visible: true }).click();
    const lunch = page.locator('.svc__slot').filter({ hasText: '11:00-12:30' }).filter({ visible: true });
    await lunch.filter({ hasText: '今日订餐已于 9:00 截止' }).waitFor();
    expect(await seen(page, '不可预约').count()).toBe(0);
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, 'slots-closed-why.png'), fullPage: true });
  });

  it('shows a friendly page with a way back for an unknown address or a link without its id', async () => {
    j.setNow(null);
    const page = await j.newPage('wangayi3');
    await page.goto(j.stack.url + '/packageNope/page/index');
    await seen(page, '没有找到这个页面').waitFor();
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, 'not-found.png') });
    await button(page, '回到首页').click();
    await seen(page, '老年助餐').waitFor();

    await page.goto(j.stack.url + '/packageBooking/service/index');
    await seen(page, '链接不完整，没有找到要打开的内容').waitFor();
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, 'service-no-id.png') });
    await button(page, '返回').click();
    await seen(page, '老年助餐').waitFor();
  });

  it('hides 朗读 where the browser has no speech', async () => {
    const page = await j.newPage('wangayi4');
    await page.addInitScript(() => {
      delete (window as unknown as { speechSynthesis?: unknown }).speechSynthesis;
    });
    const news = await (await fetch(`${j.stack.url}/api/news?pageSize=1`)).json();
    await page.goto(`${j.stack.url}/packageNews/article/index?id=${news.items[0].id}`);
    await page.locator('.article__title').filter({ visible: true }).waitFor();
    expect(await page.locator('.jk-read').count()).toBe(0);
    const withSpeech = await j.newPage('wangayi5');
    await withSpeech.goto(`${j.stack.url}/packageNews/article/index?id=${news.items[0].id}`);
    await seen(withSpeech, '朗读全文', true).waitFor();
  });

  it('names people on 人员与权限 by nickname and masked phone, not openid', async () => {
    const page = await j.newPage('wuyun');
    await page.goto(j.stack.url + '/packageStaff/roles/index');
    // Someone with neither is told apart by the end of the account id and the last login.
    await seen(page, /^用户 [0-9a-f]{4} · 最近登录 \d+月\d+日 \d{2}:\d{2}$/).waitFor();
    expect(await seen(page, /^未设昵称 · 未绑定手机/).count()).toBe(0);
    expect(await page.locator('.jk-card__title').filter({ visible: true }).allTextContents()).not.toContainEqual(
      expect.stringMatching(/dev_|\*{4}/),
    );
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, 'roles.png') });
  });

  /** The dialog Taro's H5 draws for showModal, as a person reads it. */
  const dialogText = async (page: Page) => {
    const box = page.locator('.taro-modal__content').filter({ visible: true });
    await box.waitFor();
    return (await box.locator('.taro-modal__text').textContent())!.trim();
  };

  it('a 托育 booking for a child over 36 months says so, not 填写的内容有误 (#12 walk, item 1)', async () => {
    j.setNow(null);
    const api = apiOf(() => j.stack.url);
    const mum = (await api('/api/auth/login', { method: 'POST', body: { code: 'chennvshi~1' } })) as { token: string };
    // 王小雨, born in 2020: a child under 14, but far past 36 months.
    await api('/api/me/family', {
      token: mum.token,
      method: 'POST',
      body: { name: '王小雨', relation: 'child', idNumber: idNumber('2020-06-01', '002'), consent: true, guardian: true },
    });
    const care = (await api('/api/services')).items!.find((s) => s.kind === 'childcare')!;
    const from = toDateString(new Date(Date.now() + 86_400_000));
    const to = toDateString(new Date(Date.now() + 8 * 86_400_000));
    const slot = (await api(`/api/services/${String(care.id)}/slots?from=${from}&to=${to}`)).items!.find((x) => Number(x.remaining) > 0)!;
    const page = await j.newPage('chennvshi');
    await page.goto(`${j.stack.url}/packageBooking/form/index?serviceId=${String(care.id)}&slotId=${String(slot.id)}`);
    await page
      .getByRole('radio', { name: /^王小雨/ })
      .filter({ visible: true })
      .click();
    expect(await attributeOf(page.getByRole('radio', { name: /^王小雨/ }).filter({ visible: true }), 'aria-checked', 'true')).toBe('true');
    // 孩子月龄 comes from her ID number: the form does not ask it.
    expect(await field(page, '孩子月龄').count()).toBe(0);
    await page.getByRole('radio', { name: '参观' }).filter({ visible: true }).click();
    await field(page, '家长手机号').fill('13947500021');
    await button(page, '确认预约').click();
    const said = await dialogText(page);
    expect(said).toContain('孩子月龄不能大于 36');
    expect(said).toContain('王小雨');
    expect(said).not.toContain('填写的内容有误');
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, 'childcare-over-36.png') });
  });

  it('a bad id in a link, or none, shows the not-found page with a way back and nothing else (#12 walk, items 5–6)', async () => {
    const page = await j.newPage('wangayi6');
    for (const link of ['/packageBooking/service/index?id=nope', '/packageEvents/registration/index?id=bad']) {
      await page.goto(j.stack.url + link);
      await seen(page, '没有找到要打开的内容，链接可能有误或已失效').waitFor();
      await button(page, '返回').waitFor();
      expect(await button(page, '重试').count()).toBe(0);
      expect(await seen(page, '填写的内容有误', false).count()).toBe(0);
    }
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, 'bad-id.png') });
    await page.goto(j.stack.url + '/packageBooking/success/index');
    await seen(page, '链接不完整，没有找到要打开的内容').waitFor();
    expect(await seen(page, '预约成功').count()).toBe(0);
    expect(await button(page, '查看我的预约').count()).toBe(0);
  });

  it('the 老年助餐 page says when to book from the rules: same day before 9:00, not 提前一天 (#12 walk, item 7)', async () => {
    const page = await j.newPage('wangayi7');
    await openMeal(page, j.stack.url);
    await seen(page, '可预约 7 天内的时段，每天 9:00 前可预订当天的餐；距开始 2 小时以上可以取消。').waitFor();
    expect(await seen(page, /提前一天/).count()).toBe(0);
  });

  it('staff 核验 with no code says 请输入预约码, and the error goes as a code is typed (#12 walk, item 4)', async () => {
    const page = await j.newPage('wuyun');
    await page.goto(j.stack.url + '/packageStaff/verify/index');
    await button(page, '核验并办结').click();
    await seen(page, '请输入预约码', true).waitFor();
    expect(await seen(page, '填写的内容有误').count()).toBe(0);
    const code = page.getByRole('textbox', { name: '预约码' }).filter({ visible: true });
    expect(await attributeOf(code, 'aria-describedby', 'verify-code-error')).toBe('verify-code-error');
    await code.fill('AB');
    expect(await seen(page, '请输入预约码', true).count()).toBe(0);
  });

  it('a citizen opening a staff page is told so, with a way back (#12 walk, item 13)', async () => {
    const page = await j.newPage('wangayi8');
    await page.goto(j.stack.url + '/packageStaff/roles/index');
    await seen(page, '没有权限进行此操作').waitFor();
    expect(await button(page, '重试').count()).toBe(0);
    await button(page, '返回').click();
    await seen(page, '老年助餐').waitFor();
  });
});
