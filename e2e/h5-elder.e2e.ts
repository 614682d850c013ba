import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { addDays, at, mealOf, toDateString, type ServiceDetail } from '@jingkai/shared';
import { idNumber } from '../server/test/factories/ids';
import { SHOTS_DIR, useBrowserJourney } from './support/stack';
import { button, field, seen, settle } from './support/ui';
import { boundaryContrast } from './support/measure';

/** Where the README's 长辈版 screenshots are taken (copied to docs/screenshots once looked at). */
const README_SHOTS = path.join(SHOTS_DIR, 'readme');

/** Issue 12: 王阿姨 (72) in 长辈版, from the switch on 首页 to her meal in 我的预约. */
describe('H5 preview: 王阿姨 in 长辈版', () => {
  const j = useBrowserJourney({});
  const shot = async (page: Page, name: string) => {
    await settle(page);
    fs.mkdirSync(README_SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(README_SHOTS, name), scale: 'css' });
  };

  it('switches 长辈版 on from 首页, books a meal for herself at 河西社区 and finds it in 我的预约', async () => {
    const page = await j.newPage('wangayi');
    await page.goto(j.stack.url + '/');
    const elder = page.getByRole('switch', { name: '长辈版' }).filter({ visible: true });
    expect(await elder.getAttribute('aria-checked')).toBe('false');
    await elder.click();
    expect(await elder.getAttribute('aria-checked')).toBe('true');
    // The simplified 首页: three big buttons, 反映问题 and the hotline, no news, no events.
    for (const label of ['老年助餐', '医保上门办', '托育', '有问题？反映一下', '拨打 12345 热线']) await button(page, label).waitFor();
    expect(await page.locator('.jk-news-item').filter({ visible: true }).count()).toBe(0);
    await shot(page, 'elder-home.png');

    await button(page, '老年助餐').click();
    // The strip starts on a day with free places, and closed days say why, never 无号.
    await page.locator('.svc__date--on').filter({ visible: true }).filter({ hasText: '余' }).waitFor();
    expect(await page.locator('.svc__date').filter({ visible: true }).filter({ hasText: '无号' }).count()).toBe(0);
    // The 11 stations are a compact list in 长辈版: one row each (name, 选择), at most 100 px high and
    // at least one 长辈版 target, the chosen one with its address; the cards with address and hours
    // took ~210 px each (2300 px in all).
    const rows = await page
      .locator('.svc__site')
      .filter({ visible: true })
      .evaluateAll((els) => els.map((e) => ({ on: e.classList.contains('svc__site--on'), h: e.getBoundingClientRect().height })));
    expect(rows.length).toBe(11);
    expect(Math.max(...rows.filter((r) => !r.on).map((r) => r.h))).toBeLessThanOrEqual(100);
    expect(Math.min(...rows.map((r) => r.h))).toBeGreaterThanOrEqual(60);
    expect(rows.reduce((sum, r) => sum + r.h, 0)).toBeLessThanOrEqual(1200);
    await page.locator('.svc__site--on').filter({ visible: true }).filter({ hasText: '已选' }).waitFor();
    // Picking a station (the last of the list, above the dates) brings the dates into view.
    await page.locator('.svc__site').filter({ visible: true }).last().click();
    await page.waitForFunction(() => {
      const box = document.querySelector('#svc-dates')?.getBoundingClientRect();
      return !!box && box.top >= 0 && box.bottom <= window.innerHeight;
    });
    await seen(page, '河西社区居家养老服务站').click();
    await page.locator('.svc__date').filter({ hasText: '明天' }).filter({ visible: true }).click();
    // Lunch and dinner each show what is served that day, from the station's weekly menu.
    const meal = (await (await fetch(`${j.stack.url}/api/services`)).json()) as { items: { id: string; kind: string }[] };
    const svc = (await (
      await fetch(`${j.stack.url}/api/services/${meal.items.find((s) => s.kind === 'elderly-meal')!.id}`)
    ).json()) as ServiceDetail;
    const hexi = svc.sites.find((s) => s.name === '河西社区居家养老服务站');
    const tomorrow = addDays(toDateString(new Date()), 1);
    for (const [from, to] of [
      ['11:00', '12:30'],
      ['17:00', '18:00'],
    ] as const) {
      const dishes = mealOf(hexi, at(tomorrow, from).toISOString());
      expect(dishes).toMatch(/、/);
      await page
        .locator('.svc__slot')
        .filter({ hasText: `${from}-${to}` })
        .filter({ hasText: `菜单：${dishes!}` })
        .filter({ visible: true })
        .waitFor();
    }
    await shot(page, 'elder-service-menu.png');
    await page.locator('.svc__slot').filter({ hasText: '11:00-12:30' }).filter({ visible: true }).click();

    await seen(page, '为谁预约').waitFor();
    await seen(page, '本人', true).click();
    await field(page, '用餐老人姓名').fill('王秀兰');
    await field(page, '联系电话').fill('13947500002');
    await seen(page, '到店取餐', true).click();
    // She may call instead: 电话预约 calls the station, a full 长辈版 target.
    const call = button(page, '电话预约');
    const box = (await call.boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(60);
    await seen(page, '河西社区居家养老服务站 0475-8213366').waitFor();
    await shot(page, 'elder-booking-form.png');
    await button(page, '确认预约').click();
    await seen(page, '预约成功', true).waitFor();
    const code = (await page.locator('.bk-card__code').filter({ visible: true }).textContent())!.trim();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    await seen(page, '河西社区居家养老服务站').waitFor();

    await seen(page, '请按时前往，向工作人员出示预约码。', false).waitFor();
    await button(page, '查看我的预约').click();
    await page.locator('.bk-mine__item').filter({ hasText: code }).filter({ visible: true }).click();
    // Her booking, the day the meal is late: the station is one tap away, a full-size target.
    const callStation = button(page, '打电话给服务点');
    await callStation.waitFor();
    expect((await callStation.boundingBox())!.height).toBeGreaterThanOrEqual(60);
    await seen(page, '服务点电话 0475-8213366').waitFor();
    // 有问题？反映一下 looks like something to tap (its edge stands out 3:1 from the page, WCAG 1.4.11)
    // and is a full target: 60 px in 长辈版, 44 px in the standard mode.
    for (const [mode, p, side] of [
      ['长辈版', page, 60],
      ['标准', await j.newPage('wangayi'), 44],
    ] as const) {
      if (p !== page) await p.goto(page.url());
      const report = button(p, '有问题？反映一下');
      await report.waitFor();
      const box = (await report.boundingBox())!;
      expect([mode, Math.min(box.width, box.height) >= side, (await boundaryContrast(report)) >= 3]).toEqual([mode, true, true]);
    }
    // Still 长辈版 on every page she passed.
    expect(await page.locator('.jk-elder').filter({ visible: true }).count()).toBeGreaterThan(0);
  });

  it('works from a keyboard: Tab reaches the 长辈版 switch and a station card, Space and Enter tap them', async () => {
    const page = await j.newPage('wangayi');
    await page.goto(j.stack.url + '/');
    const tabTo = async (selector: string, text = '') => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const at = await page.evaluate(
          ([sel, t]) => !!document.activeElement?.matches(sel!) && (document.activeElement as HTMLElement).innerText.includes(t!),
          [selector, text],
        );
        if (at) return;
      }
      throw new Error(`Tab never reached ${selector} ${text}`);
    };
    await tabTo('[role="switch"][aria-label="长辈版"]');
    await page.keyboard.press('Space');
    const elder = page.getByRole('switch', { name: '长辈版' }).filter({ visible: true });
    await page.waitForFunction((el) => el?.getAttribute('aria-checked') === 'true', await elder.elementHandle());
    // NutUI's buttons too (Taro's H5 button element takes no focus of its own).
    await tabTo('.nut-button', '老年助餐');
    await page.keyboard.press('Enter');
    await page.locator('.svc__site').filter({ visible: true }).first().waitFor();
    await tabTo('.svc__sites > .svc__site:nth-child(2)');
    await page.keyboard.press('Enter');
    await page.locator('.svc__sites > .svc__site:nth-child(2).svc__site--on').filter({ visible: true }).waitFor();
  });

  it('shows her event ticket in 长辈版 (the README screenshot)', async () => {
    const call = async (pathname: string, token?: string, body?: unknown) => {
      const res = await fetch(j.stack.url + pathname, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.ok).toBe(true);
      return (await res.json()) as Record<string, unknown> & { items?: Record<string, unknown>[] };
    };
    const { token } = (await call('/api/auth/login', undefined, { code: 'wangayi~2' })) as unknown as { token: string };
    const race = (await call('/api/events?status=upcoming&pageSize=50')).items!.find((e) => e.title === '818哲里木赛马节')!;
    const sessionId = ((await call(`/api/events/${String(race.id)}`)).sessions as { id: string }[])[0]!.id;
    const reg = await call(`/api/events/${String(race.id)}/registrations`, token, {
      sessionId,
      attendees: [{ name: '王秀兰', idNumber: idNumber('1952-03-11', '002'), phone: '13947500002' }],
      form: { contactPhone: '13947500002' },
    });
    const page = await j.newPage('wangayi');
    await page.addInitScript(() => localStorage.setItem('jk.elderMode', '{"data":true}'));
    await page.goto(`${j.stack.url}/packageEvents/registration/index?id=${String(reg.id)}`);
    await page.locator('.jk-qr canvas').filter({ visible: true }).waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, 'elder-ticket.png');
  });
});
