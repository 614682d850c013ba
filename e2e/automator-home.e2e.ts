import path from 'node:path';
import { ROOT, startStack } from './support/stack';

/**
 * The same journey in the real mini-program runtime, through WeChat DevTools and miniprogram-automator.
 * DevTools has no Linux build on the registries here, so this runs only where WECHAT_DEVTOOLS_CLI points
 * at an installed DevTools `cli`; elsewhere it is skipped and says why.
 */
const cli = process.env.WECHAT_DEVTOOLS_CLI;
const reason =
  'WECHAT_DEVTOOLS_CLI is not set: WeChat DevTools is not installed on this machine, so the miniprogram-automator journey is skipped.';
if (!cli) console.warn(`[automator] ${reason}`);
const maybe = cli ? it : it.skip;

describe('WeChat DevTools: a newcomer opens the mini-program', () => {
  maybe('shows the seed article on 首页', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const automator = require('miniprogram-automator');
    const stack = await startStack();
    const mp = await automator.launch({ cliPath: cli, projectPath: ROOT });
    try {
      const page = await mp.reLaunch('/pages/index/index');
      await page.waitFor(2000);
      const titles = await page.$$('.jk-news-item__title');
      const texts = await Promise.all(titles.map((t: { text(): Promise<string> }) => t.text()));
      expect(texts).toContain('开发区:铆足干劲开新局 全力以赴拼经济 建言献策');
      await mp.screenshot({ path: path.join(ROOT, 'test-results/screenshots/devtools-home.png') });
    } finally {
      await mp.close();
      await stack.stop();
    }
  });
});
