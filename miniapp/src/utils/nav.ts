import Taro from '@tarojs/taro';
import { PAGES, pageUrl, type PagePath } from './route';

const TAB_PAGES: PagePath[] = [PAGES.home, PAGES.news, PAGES.services, PAGES.events, PAGES.me];

/** Opens a page with its ids (a tab page by switching tabs, which take no parameters). */
export function go(path: PagePath, params?: Record<string, string>): void {
  void (TAB_PAGES.includes(path) ? Taro.switchTab({ url: path }) : Taro.navigateTo({ url: pageUrl(path, params) }));
}

/** Back one page, or to 首页 when this page was the first opened (a shared link, an unknown address). */
export function goBack(): void {
  void (Taro.getCurrentPages().length > 1 ? Taro.navigateBack() : Taro.switchTab({ url: PAGES.home }));
}
