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
interface KeyEvent {
  key: string;
  target: (ScrollRegion & { matches(selector: string): boolean; click(): void }) | null;
  preventDefault(): void;
}
declare const document: {
  body: object;
  addEventListener(type: 'keydown', listener: (e: KeyEvent) => void): void;
  documentElement: { classList: { toggle(name: string, on: boolean): void } };
  querySelectorAll(selector: string): Iterable<ScrollRegion>;
};
declare const MutationObserver: new (callback: () => void) => {
  observe(target: object, options: { childList: boolean; subtree: boolean }): void;
};

/** NutUI's buttons: Taro's H5 button host element, which is neither focusable nor a button to a screen reader. */
const NUT_BUTTONS = 'taro-button-core.nut-button:not(.nut-button--disabled)';

/** Views that act as controls (utils/a11y role): cards, chips, the switch, the checkbox; and NutUI's buttons. */
const CUSTOM_CONTROLS = ['button', 'switch', 'checkbox', 'radio', 'link']
  .map((r) => `taro-view-core[role="${r}"]:not([aria-disabled="true"])`)
  .concat(NUT_BUTTONS)
  .join(', ');

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
 * Lets a keyboard scroll the preview and reach every control (WCAG 2.1.1): Taro's H5 router scrolls
 * each page inside its own element, as do ScrollViews, and a scrolling element must take focus when
 * nothing in it does (axe-core's scrollable-region-focusable); custom controls and NutUI's buttons
 * take focus too, the buttons named as buttons. Marks every such element, as pages come and go.
 */
export function focusableScrollRegions(): void {
  const mark = () => {
    for (const el of document.querySelectorAll(`.taro_page, taro-scroll-view-core, ${CUSTOM_CONTROLS}`)) {
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
    }
    for (const el of document.querySelectorAll(NUT_BUTTONS)) {
      if (!el.hasAttribute('role')) el.setAttribute('role', 'button');
    }
  };
  mark();
  new MutationObserver(mark).observe(document.body, { childList: true, subtree: true });
}

/**
 * 长辈版 for what lives outside the pages: Taro's H5 modal and tab bar sit beside the page roots, so
 * html carries .jk-elder too (pages declare their own sizes again on .taro_page and their root view).
 */
export function elderRoot(on: boolean): void {
  document.documentElement.classList.toggle('jk-elder', on);
}

/**
 * Lets a keyboard use the custom controls as it uses a native button (WCAG 2.1.1): they take focus
 * (focusableScrollRegions gives them a tabindex) and Enter or Space taps the one that has it.
 */
export function keyboardControls(): void {
  document.addEventListener('keydown', (e) => {
    if ((e.key === 'Enter' || e.key === ' ') && e.target?.matches(CUSTOM_CONTROLS)) {
      e.preventDefault();
      e.target.click();
    }
  });
}
