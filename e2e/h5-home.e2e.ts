import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../scripts/lib/browser';
import { SHOTS_DIR, startStack } from './support/stack';
import { seen, settle, tab } from './support/ui';

const SEED_TITLE = '开发区:铆足干劲开新局 全力以赴拼经济 建言献策';

describe('H5 preview: a newcomer opens the mini-program', () => {
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

  it('shows the five tabs, the brand and the seed article on 首页', async () => {
    await page.goto(stack.url + '/');
    for (const label of ['首页', '资讯', '办事', '活动', '我的']) await tab(page, label).waitFor();
    await seen(page, SEED_TITLE).waitFor();
    await seen(page, '经开事·精心办', true).waitFor();
    await seen(page, '拨打 12345 政务服务热线').waitFor();
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'home.png') });
  });

  it('opens the seed article and reads it under its section headings', async () => {
    await seen(page, SEED_TITLE).click();
    await seen(page, '锚定经济质效“新突破”,让高质量发展引擎动能澎湃').waitFor();
    await seen(page, '通辽经济技术开发区官方微信公众号').waitFor();
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'article.png') });
  });

  it('shows real services and events from the API on their tabs', async () => {
    await page.goto(stack.url + '/');
    await tab(page, '办事').click();
    await seen(page, '老年助餐').waitFor();
    await seen(page, '11 个服务点').waitFor();
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'services.png') });
    await tab(page, '活动').click();
    await seen(page, '818哲里木赛马节').waitFor();
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'events.png') });
  });
});
