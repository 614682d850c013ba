import Taro from '@tarojs/taro';

/**
 * The H5 preview's own code, in one place: stand-ins for what only WeChat provides, and the only
 * browser API the pages need. Import it only with a dynamic `import()` behind
 * `process.env.TARO_ENV === 'h5'`, outside any async function (Babel's rewrite of one hides the dead
 * branch from webpack), so the weapp build leaves it out.
 *
 * src/ compiles without the DOM library (a `/// <reference lib="dom" />` here would lend it to
 * every file), so the one browser API used is declared below, in this module's scope only.
 */
declare const fetch: (url: string) => Promise<{ arrayBuffer(): Promise<ArrayBuffer> }>;
interface ScrollRegion {
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
}
declare const document: { body: object; querySelectorAll(selector: string): Iterable<ScrollRegion> };
declare const MutationObserver: new (callback: () => void) => {
  observe(target: object, options: { childList: boolean; subtree: boolean }): void;
};

const IDENTITY_KEY = 'jk.h5.identity';
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/**
 * A wx.login code for the preview, which has no wx.login: it keeps an identity of its own and makes
 * a fresh code for it each time (`<identity>~<unique>`), which the local WeChat stand-in maps to the
 * same openid. Unique, not a counter: the same identity opened in a second browser must not reuse a code.
 */
export function previewLoginCode(): string {
  let identity = Taro.getStorageSync(IDENTITY_KEY) as string;
  if (!identity) {
    identity = `h5${unique()}`;
    Taro.setStorageSync(IDENTITY_KEY, identity);
  }
  return `${identity}~${unique()}`;
}

/** A getPhoneNumber code for the preview's 绑定手机号 (the stand-in answers any code). */
export const previewPhoneCode = (): string => `h5preview_${Date.now()}`;

/** The bytes of a picture chosen in the preview (chooseImage gives a blob: URL there). */
export async function readPickedFile(path: string): Promise<ArrayBuffer> {
  return (await fetch(path)).arrayBuffer();
}

/**
 * Lets a keyboard scroll the preview: Taro's H5 router scrolls each page inside its own element, as do
 * ScrollViews, and a scrolling element must take focus when nothing in it does (axe-core's
 * scrollable-region-focusable, WCAG 2.1.1). Marks every such element, as pages come and go.
 */
export function focusableScrollRegions(): void {
  const mark = () => {
    for (const el of document.querySelectorAll('.taro_page, taro-scroll-view-core')) {
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
    }
  };
  mark();
  new MutationObserver(mark).observe(document.body, { childList: true, subtree: true });
}
