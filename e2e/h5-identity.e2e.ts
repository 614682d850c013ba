import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../scripts/lib/browser';
import { SHOTS_DIR, startStack } from './support/stack';
import { seen, settle, tab } from './support/ui';

/** 小李 saves his father as a family member, after logging in and binding his phone. */
describe('H5 preview: 我的 — login, phone, family member', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
    fs.mkdirSync(SHOTS_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('logs in silently and binds a phone through the WeChat stand-in, shown masked', async () => {
    await page.goto(stack.url + '/');
    await tab(page, '我的').click();
    await seen(page, '尚未绑定手机号').waitFor();
    await page.locator('.nut-button').filter({ hasText: '绑定手机号' }).filter({ visible: true }).click();
    await seen(page, /^手机号 139\*\*\*\*\d{4}$/).waitFor();
  });

  it('adds his father as a family member and sees the ID number masked', async () => {
    await seen(page, '家人', true).click();
    await seen(page, '还没有添加家人').waitFor();
    await page.locator('.nut-button').filter({ hasText: '添加家人' }).filter({ visible: true }).click();
    const input = (label: string) =>
      page.locator('.jk-field').filter({ hasText: label }).filter({ visible: true }).locator('input, textarea').first();
    await input('姓名').fill('李建国');
    await seen(page, '父母', true).click();
    await input('身份证号').fill('150502195603081232');
    await page.locator('.nut-button').filter({ hasText: '保存' }).filter({ visible: true }).click();
    await seen(page, '身份证号不正确，请检查').waitFor();
    await input('身份证号').fill('15050219560308123X');
    await input('手机号').fill('13947500001');
    await input('住址').fill('通辽市开发区辽河镇辽河村 3 组 12 号');
    await page.locator('.jk-field').filter({ hasText: '已取得本人同意' }).filter({ visible: true }).locator('.nut-checkbox').click();
    await page.locator('.nut-button').filter({ hasText: '保存' }).filter({ visible: true }).click();
    await seen(page, '身份证 150502********123X').waitFor();
    await seen(page, '手机 139****0001').waitFor();
    await expect(page.getByText('15050219560308123X').count()).resolves.toBe(0);
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'family.png') });
  });

  it('shows 我的 with the masked phone and the entries', async () => {
    await page.goBack();
    await seen(page, /^手机号 139\*\*\*\*\d{4}$/).waitFor();
    for (const entry of ['家人', '隐私政策', '导出我的数据', '注销账号']) await seen(page, entry, true).waitFor();
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'me.png') });
  });
});
