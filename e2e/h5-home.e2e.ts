import path from 'node:path';
import { SHOTS_DIR, useBrowserJourney } from './support/stack';
import { seen, settle, tab } from './support/ui';

const SEED_TITLE = '开发区:铆足干劲开新局 全力以赴拼经济 建言献策';

describe('H5 preview: a newcomer opens the mini-program', () => {
  const j = useBrowserJourney();

  it('shows the five tabs, the brand and the seed article on 首页', async () => {
    await j.page.goto(j.stack.url + '/');
    for (const label of ['首页', '资讯', '办事', '活动', '我的']) await tab(j.page, label).waitFor();
    await seen(j.page, SEED_TITLE).waitFor();
    await seen(j.page, '经开事·精心办', true).waitFor();
    await seen(j.page, '拨打 12345 政务服务热线').waitFor();
    await settle(j.page);
    await j.page.screenshot({ path: path.join(SHOTS_DIR, 'home.png') });
  });

  it('opens the seed article and reads it under its section headings', async () => {
    await seen(j.page, SEED_TITLE).click();
    await seen(j.page, '锚定经济质效“新突破”,让高质量发展引擎动能澎湃').waitFor();
    await seen(j.page, '通辽经济技术开发区官方微信公众号').waitFor();
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
