import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { idNumber } from '../server/test/factories/ids';
import { useBrowserJourney } from './support/stack';
import { apiOf } from './support/api';
import { button, seen, settle } from './support/ui';
import { axe, ELDER, measure, STANDARD, type Numbers, type Rules } from './support/measure';

const REPORT = process.env.A11Y_REPORT ?? '/tmp/a11y-report.md';

type Row = { mode: string; page: string; n: Numbers; axe: string[] };

/**
 * Issue 12, item 7: every page of the main journeys, measured in the standard mode and in 长辈版 (type
 * sizes weighted by characters, line height, tap targets, contrast of every text) against the issue's
 * numbers, and checked by axe-core for serious and critical violations. Prints the numbers per page
 * and writes them to A11Y_REPORT (/tmp/a11y-report.md).
 */
describe('H5 preview: 长辈版 and accessibility, measured', () => {
  const j = useBrowserJourney({ BOOTSTRAP_ADMIN_OPENIDS: 'dev_wuyun' });
  const rows: Row[] = [];
  /** `dialog`: a button on the page that opens a confirm dialog, measured on its own (then dismissed with `dismiss`). */
  const pages: { name: string; path: string; staff?: boolean; largest?: boolean; dialog?: { open: string; dismiss: string } }[] = [];

  const api = apiOf(() => j.stack.url);

  beforeAll(async () => {
    // 王阿姨 has a meal booked, a family member, and a ticket for the race: the pages that show them have content.
    const citizen = (await api('/api/auth/login', { method: 'POST', body: { code: 'wangayi~1' } })) as { token: string };
    const services = (await api('/api/services')).items!;
    const meal = services.find((s) => s.kind === 'elderly-meal')!;
    const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10);
    const slots = (await api(`/api/services/${String(meal.id)}/slots?from=${from}&to=${to}`)).items!;
    const slot = slots.find((s) => Number(s.remaining) > 1)!;
    const booking = await api('/api/bookings', {
      token: citizen.token,
      method: 'POST',
      body: { slotId: slot.id, form: { name: '王秀兰', phone: '13947500002', pickup: 'store' } },
    });
    for (const body of [
      { name: '王建国', relation: 'child', idNumber: idNumber('1980-01-01', '001'), phone: '13947500003', consent: true },
      { name: '王小雨', relation: 'child', idNumber: idNumber('2020-06-01', '002'), consent: true, guardian: true },
    ]) {
      await api('/api/me/family', { token: citizen.token, method: 'POST', body });
    }
    const events = await api('/api/events?status=upcoming&pageSize=50');
    const race = events.items!.find((e) => e.title === '818哲里木赛马节')!;
    const detail = await api(`/api/events/${String(race.id)}`);
    const sessionId = (detail.sessions as { id: string }[])[0]!.id;
    const registration = await api(`/api/events/${String(race.id)}/registrations`, {
      token: citizen.token,
      method: 'POST',
      body: {
        sessionId,
        attendees: [{ name: '王秀兰', idNumber: idNumber('1952-03-11', '002'), phone: '13947500002' }],
        form: { contactPhone: '13947500002' },
      },
    });
    const news = (await api('/api/news?pageSize=20')).items!;
    const article = news.find((a) => a.coverUrl) ?? news[0]!;

    pages.push(
      { name: '首页', path: '/', largest: true },
      { name: '资讯', path: '/pages/news/index', largest: true },
      { name: '资讯文章', path: `/packageNews/article/index?id=${String(article.id)}`, largest: true },
      { name: '办事', path: '/pages/services/index', largest: true },
      { name: '老年助餐', path: `/packageBooking/service/index?id=${String(meal.id)}`, largest: true },
      { name: '预约表单', path: `/packageBooking/form/index?serviceId=${String(meal.id)}&slotId=${String(slot.id)}`, largest: true },
      { name: '预约成功', path: `/packageBooking/success/index?id=${String(booking.id)}`, largest: true },
      { name: '我的预约', path: '/packageBooking/mine/index', largest: true },
      { name: '预约详情', path: `/packageBooking/detail/index?id=${String(booking.id)}`, dialog: { open: '取消预约', dismiss: '再想想' } },
      { name: '活动', path: '/pages/events/index', largest: true },
      { name: '活动详情', path: `/packageEvents/detail/index?id=${String(race.id)}`, largest: true },
      { name: '活动报名', path: `/packageEvents/signup/index?id=${String(race.id)}&sessionId=${sessionId}` },
      { name: '活动票', path: `/packageEvents/registration/index?id=${String(registration.id)}`, largest: true },
      { name: '我的', path: '/pages/me/index', largest: true },
      { name: '家人', path: '/packageMe/family/index', largest: true },
      { name: '添加家人', path: '/packageMe/family-add/index' },
      { name: '反映问题', path: '/packageRequests/new/index?category=services' },
      { name: '今日预约(工作人员)', path: '/packageStaff/day/index', staff: true },
      { name: '核验预约(工作人员)', path: '/packageStaff/verify/index', staff: true },
      { name: '人员与权限(管理员)', path: '/packageStaff/roles/index', staff: true },
      { name: '活动核验(工作人员)', path: '/packageEventStaff/checkin/index', staff: true },
      { name: '活动名单(工作人员)', path: `/packageEventStaff/attendees/index?eventId=${String(race.id)}`, staff: true },
      { name: '新建活动(工作人员)', path: '/packageEventStaff/edit/index', staff: true },
      { name: '资讯管理(工作人员)', path: '/packageStaff/news/index', staff: true },
      { name: '诉求统计(工作人员)', path: '/packageRequestStaff/dashboard/index', staff: true },
    );
  });

  afterAll(() => {
    const fmt = (v: number, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : '–');
    const lines = [
      '# 长辈版 and accessibility: measured per page (H5 preview, 375×812)',
      '',
      'body = weighted median font size (half the characters are at least this size); p10 = 90 % of the characters are at least this size; sizes in CSS px.',
      '',
      '| mode | page | chars | body | p10 | min | smallest tag | largest | line height | smallest target | min contrast | axe serious/critical | failures |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...rows.map(
        ({ mode, page, n, axe: v }) =>
          `| ${mode} | ${page} | ${n.chars} | ${fmt(n.body, 1)} | ${fmt(n.p10, 1)} | ${fmt(n.min, 1)} | ${fmt(n.tag, 1)} | ${fmt(n.largest, 1)} | ${fmt(n.lineHeight, 2)} | ${fmt(n.target)} (${n.targets} targets) | ${fmt(n.contrast, 2)} | ${v.length} | ${n.failures.length} |`,
      ),
    ];
    const details = rows
      .filter((r) => r.n.failures.length || r.axe.length)
      .flatMap((r) => [`## ${r.mode} · ${r.page}`, ...r.axe.map((a) => `- axe ${a}`), ...r.n.failures.map((f) => `- ${f}`), '']);
    const report = [...lines, '', ...details].join('\n');
    fs.writeFileSync(REPORT, report + '\n');
    console.log(report);
  });

  /** Opens each page of the list on `citizen` (or, for staff pages, `staff`), measures it and runs axe. */
  async function walk(mode: string, rules: Rules, citizen: Page, staff: Page) {
    const problems: string[] = [];
    for (const p of pages) {
      const page = p.staff ? staff : citizen;
      await page.goto(j.stack.url + p.path);
      await page.waitForLoadState('networkidle');
      await page.locator('.nut-skeleton, .jk-loading').filter({ visible: true }).first().waitFor({ state: 'hidden' });
      await settle(page);
      const n = await measure(page, p.largest ? rules : { ...rules, largest: undefined });
      const v = await axe(page);
      rows.push({ mode, page: p.name, n, axe: v });
      problems.push(...n.failures.map((f) => `${mode} ${p.name}: ${f}`), ...v.map((a) => `${mode} ${p.name}: axe ${a}`));
      if (p.dialog) {
        // The dialog alone (Taro's H5 modal, outside the page root): its text, buttons and contrast.
        await button(page, p.dialog.open).click();
        await page.locator('.taro-modal__content').filter({ visible: true }).waitFor();
        await settle(page);
        const d = await measure(page, { ...rules, largest: undefined, within: '.taro-modal__content' });
        const name = `${p.name}·${p.dialog.open}确认框`;
        rows.push({ mode, page: name, n: d, axe: [] });
        problems.push(...d.failures.map((f) => `${mode} ${name}: ${f}`));
        await page.locator('.taro-model__cancel').filter({ hasText: p.dialog.dismiss }).filter({ visible: true }).click();
        await page.locator('.taro-modal__content').filter({ visible: true }).waitFor({ state: 'hidden' });
      }
    }
    return problems;
  }

  it('the 取消预约 dialog works from the keyboard: focus moves onto 再想想, stays inside, Esc closes it and focus comes back', async () => {
    const page = await j.newPage('wangayi');
    const detail = pages.find((p) => p.dialog)!;
    await page.goto(j.stack.url + detail.path);
    const open = button(page, '取消预约');
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: '取消预约' });
    await dialog.waitFor();
    const focused = () => page.evaluate(() => [document.activeElement?.getAttribute('role'), document.activeElement?.textContent]);
    await page.waitForFunction(() => document.activeElement?.closest('.taro-modal__content'));
    expect(await focused()).toEqual(['button', '再想想']);
    expect(await dialog.getByRole('button').allTextContents()).toEqual(['再想想', '确认取消']);
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual(['button', '确认取消']);
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual(['button', '再想想']);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await open.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))).toBe(true);
    // The booking is still there: Esc is the safe choice.
    expect(await seen(page, '已取消', true).count()).toBe(0);
  });

  it('in the standard mode every page has body text and tags ≥ 16 px, fields inside their frames, targets ≥ 44 px, contrast ≥ 4.5:1 and no serious axe violation', async () => {
    const problems = await walk('标准', STANDARD, await j.newPage('wangayi'), await j.newPage('wuyun'));
    expect(problems).toEqual([]);
  });

  it('长辈版, switched on from 首页, gives every page body text and tags ≥ 20 px, headings ≥ 30 px, line height ≥ 1.4, targets ≥ 60 px and contrast ≥ 4.5:1', async () => {
    const citizen = await j.newPage('wangayi');
    await citizen.goto(j.stack.url + '/');
    await citizen.getByRole('switch', { name: '长辈版' }).filter({ visible: true }).click();
    await citizen.locator('.jk-elder').filter({ visible: true }).first().waitFor();
    expect(await citizen.evaluate(() => localStorage.getItem('jk.elderMode'))).toBe('{"data":true}');
    const staff = await j.newPage('wuyun');
    await staff.addInitScript(() => localStorage.setItem('jk.elderMode', '{"data":true}'));
    const problems = await walk('长辈版', ELDER, citizen, staff);
    expect(problems).toEqual([]);
  });
});
