import path from 'node:path';
import { SHOTS_DIR, useBrowserJourney } from './support/stack';
import { seen, settle, tab } from './support/ui';

describe('H5 preview: a newcomer opens the mini-program', () => {
  const j = useBrowserJourney();

  it('shows the five tabs, the brand and the newest article of each category on 首页', async () => {
    await j.page.goto(j.stack.url + '/');
    for (const label of ['首页', '资讯', '办事', '活动', '我的']) await tab(j.page, label).waitFor();
    // The 2025 plan article the product grew from is pinned to 首页 in the demo.
    await seen(j.page, '置顶', true).waitFor();
    await seen(j.page, '开发区:铆足干劲开新局 全力以赴拼经济 建言献策').waitFor();
    await seen(j.page, '各栏目最新').waitFor();
    await seen(j.page, '关于开展安全生产隐患排查整治的通知').waitFor();
    await seen(j.page, '谋划建设通辽国际陆港物流中心 发展进出口贸易和跨境电商').waitFor();
    await seen(j.page, '经开事·精心办', true).waitFor();
    await seen(j.page, '拨打 12345 政务服务热线').waitFor();
    await settle(j.page);
    await j.page.screenshot({ path: path.join(SHOTS_DIR, 'home.png') });
  });

  it('opens the newest notice from 首页 and reads it under its headings, with its picture', async () => {
    await seen(j.page, '关于开展安全生产隐患排查整治的通知').click();
    await seen(j.page, '排查范围').waitFor();
    await seen(j.page, '通辽经济技术开发区官方微信公众号 · 开发区应急管理局').waitFor();
    await j.page.locator('.article__image').filter({ visible: true }).first().waitFor();
    await settle(j.page);
    await j.page.screenshot({ path: path.join(SHOTS_DIR, 'article.png') });
  });

  it('shows real services and events from the API on their tabs', async () => {
    await j.page.goto(j.stack.url + '/');
    await tab(j.page, '办事').click();
    await seen(j.page, '老年助餐').waitFor();
    await seen(j.page, '11 个服务点').waitFor();
    await settle(j.page);
    await j.page.screenshot({ path: path.join(SHOTS_DIR, 'services.png') });
    await tab(j.page, '活动').click();
    await seen(j.page, '818哲里木赛马节').waitFor();
    await settle(j.page);
    await j.page.screenshot({ path: path.join(SHOTS_DIR, 'events.png') });
  });
});
