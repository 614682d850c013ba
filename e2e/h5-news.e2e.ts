import path from 'node:path';
import { SHOTS_DIR, useBrowserJourney } from './support/stack';
import { button, pressFor, seen, settle, tab, tappable } from './support/ui';

const SEED_TITLE = '开发区:铆足干劲开新局 全力以赴拼经济 建言献策';
const HORSE = '818哲里木赛马节即将开幕 赛马、搏克、民俗展演等你来';

describe('H5 preview: a citizen reads and searches 资讯', () => {
  const j = useBrowserJourney();

  it('goes 资讯 → 规划部署 → the seed article → back to the same list', async () => {
    await j.page.goto(j.stack.url + '/');
    await tab(j.page, '资讯').click();
    await seen(j.page, '关于开展安全生产隐患排查整治的通知').waitFor();
    await j.page.locator('.nut-tabs-titles-item').filter({ hasText: '规划部署' }).filter({ visible: true }).click();
    await seen(j.page, '招商引资再提速：开发区集中签约一批大项目好项目').waitFor();
    await seen(j.page, '没有更多了').waitFor();
    // The category list holds only 规划部署: the safety notice (通知公告) is gone from it.
    await seen(j.page, '关于开展安全生产隐患排查整治的通知').waitFor({ state: 'hidden' });
    await settle(j.page);
    await j.page.screenshot({ path: path.join(SHOTS_DIR, 'news-plan.png') });

    await seen(j.page, SEED_TITLE).scrollIntoViewIfNeeded();
    await seen(j.page, SEED_TITLE).click();
    await seen(j.page, '锚定经济质效“新突破”,让高质量发展引擎动能澎湃').waitFor();
    await seen(j.page, /^约 \d+ 分钟读完$/).waitFor();
    await seen(j.page, '转发给家人').waitFor();
    await settle(j.page);
    await j.page.screenshot({ path: path.join(SHOTS_DIR, 'news-article.png') });

    await j.page.goBack();
    await seen(j.page, '招商引资再提速：开发区集中签约一批大项目好项目').waitFor();
    await seen(j.page, '没有更多了').waitFor();
  });

  it('loads more as the reader scrolls 全部 to the end', async () => {
    await j.page.locator('.nut-tabs-titles-item').filter({ hasText: '全部' }).filter({ visible: true }).click();
    await seen(j.page, '关于开展安全生产隐患排查整治的通知').waitFor();
    const items = j.page.locator('.jk-news-item').filter({ visible: true });
    expect(await items.count()).toBe(10);
    // The reader scrolls down, and again, until the list says it has no more: after each turn of the
    // wheel, what they wait for is more articles, the end, or (not at the bottom yet) another turn.
    const scroller = () => j.page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollTop);
    for (let i = 0; i < 20 && !(await seen(j.page, '没有更多了').isVisible()); i++) {
      const before = { shown: await items.count(), top: await scroller() };
      await j.page.mouse.wheel(0, 3000);
      await j.page.waitForFunction((was) => {
        const visible = (e: Element) => (e as HTMLElement).offsetParent !== null;
        const shown = Array.from(document.querySelectorAll('.jk-news-item')).filter(visible).length;
        const end = Array.from(document.querySelectorAll('.news__end')).some((e) => visible(e) && e.textContent?.trim() === '没有更多了');
        const el = document.scrollingElement ?? document.documentElement;
        const scrolledOn = el.scrollTop !== was.top && el.scrollTop + window.innerHeight < el.scrollHeight - 1;
        return shown > was.shown || end || scrolledOn;
      }, before);
    }
    await seen(j.page, SEED_TITLE).waitFor();
    expect(await j.page.locator('.jk-news-item').filter({ visible: true }).count()).toBe(14);
  });

  it('searches 赛马节: the horse-racing article first, words highlighted; a phrase in no article finds nothing', async () => {
    await j.page.evaluate(() => window.scrollTo(0, 0));
    const box = j.page.locator('.news__search input').filter({ visible: true }).first();
    await box.fill('赛马节');
    await seen(j.page, '搜索', true).click();
    await seen(j.page, '“赛马节” 找到 2 篇').waitFor();
    const first = j.page.locator('.jk-news-item').filter({ visible: true }).first();
    await first.getByText(HORSE.slice(0, 8)).first().waitFor();
    expect(await first.locator('.jk-news-item__hit').first().textContent()).toBe('赛马节');
    await settle(j.page);
    await j.page.screenshot({ path: path.join(SHOTS_DIR, 'news-search.png') });

    await box.fill('火星移民计划');
    await seen(j.page, '搜索', true).click();
    await seen(j.page, '没有找到相关文章，换个词试试').waitFor();

    // The search is remembered: focusing the empty box offers it again.
    await seen(j.page, '清除搜索').click();
    await box.click();
    await seen(j.page, '最近搜索').waitFor();
    await j.page.locator('.news__recent .jk-chip').filter({ hasText: '赛马节' }).click();
    await seen(j.page, '“赛马节” 找到 2 篇').waitFor();
  });

  it('shows the last saved list, marked as saved, when the network is down', async () => {
    const page = await j.newPage();
    await page.goto(j.stack.url + '/pages/news/index');
    await seen(page, '关于开展安全生产隐患排查整治的通知').waitFor();
    await page.route('**/api/news?**', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await seen(page, /网络不太好，显示的是 .* 保存的内容/).waitFor();
    await seen(page, '关于开展安全生产隐患排查整治的通知').waitFor();
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'news-offline.png') });
  });
});

describe('H5 preview: staff keep 资讯 right', () => {
  const j = useBrowserJourney({ BOOTSTRAP_ADMIN_OPENIDS: 'dev_news-admin' });

  it('an admin syncs, publishes a notice, and citizens find it in 通知公告', async () => {
    const page = await j.newPage('news-admin');
    await page.goto(j.stack.url + '/packageStaff/news/index');
    await seen(page, '公众号同步').waitFor();
    await button(page, '现在同步').click();
    await seen(page, /上次 .*：新增 0，更新 0，下线 0/).waitFor();
    // The admin sees the category rules, one line of keywords per column.
    await seen(page, '分类规则').waitFor();
    expect(await page.locator('.jk-field').filter({ hasText: '通知公告' }).locator('input').inputValue()).toContain('通知');
    // The answer, then what the page says of it (a toast: it may already be gone on a slow machine).
    const answer = await pressFor(
      page,
      '保存规则并重新归类',
      (r) => r.url().endsWith('/api/admin/news/rules') && r.request().method() === 'PUT',
    );
    expect([answer.status(), ((await answer.json()) as { reclassified: number }).reclassified]).toEqual([200, 0]);
    // The list reloads after saving; the form is filled once the page is done, as a person waits for it.
    await tappable(page, /^发布$/);
    await page.locator('.jk-field').filter({ hasText: '标题' }).locator('input').fill('元旦假期政务大厅办公安排');
    await page
      .locator('.jk-field')
      .filter({ hasText: '正文' })
      .locator('textarea')
      .fill('元旦假期政务大厅暂停对外办公。\n\n急事请拨打12345便民热线。');
    const published = await pressFor(page, /^发布$/, (r) => r.url().endsWith('/api/staff/news') && r.request().method() === 'POST');
    expect(published.status()).toBe(201);
    await seen(page, '元旦假期政务大厅办公安排').waitFor();
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'staff-news.png') });

    await page.goto(j.stack.url + '/pages/news/index');
    await page.locator('.nut-tabs-titles-item').filter({ hasText: '通知公告' }).filter({ visible: true }).click();
    await seen(page, '元旦假期政务大厅办公安排').click();
    await seen(page, '急事请拨打12345便民热线。').waitFor();
  });

  it('an admin switches 资讯管理 on for a colleague, and only then does 我的 offer it to them', async () => {
    const colleague = await j.newPage('news-editor');
    await colleague.goto(j.stack.url + '/pages/me/index');
    await seen(colleague, '导出我的数据').waitFor();
    expect(await seen(colleague, '工作人员：资讯管理').isVisible()).toBe(false);
    // She has given her nickname: 人员与权限 names people by it, not by their openid.
    const login = await fetch(`${j.stack.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'news-editor~nickname' }),
    });
    const { token } = (await login.json()) as { token: string };
    const named = await fetch(`${j.stack.url}/api/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ nickname: '资讯小王' }),
    });
    expect(named.status).toBe(200);

    const admin = await j.newPage('news-admin');
    await admin.goto(j.stack.url + '/packageStaff/roles/index');
    const card = admin.locator('.jk-card').filter({ hasText: '资讯小王 · 未绑定手机' }).filter({ visible: true }).first();
    await card.getByText('资讯管理（置顶、下线、发布资讯）').waitFor();
    const granted = admin.waitForResponse((r) => r.url().endsWith('/api/admin/roles') && r.status() === 200);
    await card.getByRole('switch', { name: '资讯管理（置顶、下线、发布资讯）' }).click();
    await granted;
    await card.getByText('市民、工作人员').waitFor();
    await settle(admin);
    await admin.screenshot({ path: path.join(SHOTS_DIR, 'admin-news-scope.png') });

    await colleague.reload();
    await seen(colleague, '工作人员：资讯管理').click();
    await seen(colleague, '元旦假期政务大厅办公安排').waitFor();
  });
});
