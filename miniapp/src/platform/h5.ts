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
/** An element of Taro's H5 modal, as accessibleModal uses it. */
interface ModalEl extends ScrollRegion {
  id: string;
  style: { display: string };
  textContent: string | null;
  querySelector(selector: string): ModalEl | null;
  addEventListener(type: 'keydown', listener: (e: KeyEvent & { shiftKey: boolean }) => void): void;
  addEventListener(type: 'click', listener: () => void): void;
  focus(): void;
  click(): void;
}
declare const document: {
  body: object;
  activeElement: { focus?(): void } | null;
  addEventListener(type: 'keydown', listener: (e: KeyEvent) => void): void;
  documentElement: { classList: { toggle(name: string, on: boolean): void } };
  querySelector(selector: string): ModalEl | null;
  querySelectorAll(selector: string): Iterable<ScrollRegion>;
};
declare const requestAnimationFrame: (callback: () => void) => void;
declare const MutationObserver: new (callback: () => void) => {
  observe(target: object, options: { childList: boolean; subtree: boolean }): void;
};

/** NutUI's buttons: Taro's H5 button host element, which is neither focusable nor a button to a screen reader. */
const NUT_BUTTONS = 'taro-button-core.nut-button:not(.nut-button--disabled)';

/** Views that act as controls (utils/a11y role): cards, chips, the switch, the checkbox; and NutUI's buttons. */
const CUSTOM_CONTROLS = ['button', 'switch', 'checkbox', 'radio', 'link']
  .flatMap((r) => [`taro-view-core[role="${r}"]:not([aria-disabled="true"])`, `taro-text-core[role="${r}"]:not([aria-disabled="true"])`])
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

/**
 * Makes the modal Taro's H5 draws for showModal usable from a keyboard and a screen reader (its
 * buttons are bare divs and focus stays on the page behind): an alertdialog named by its title and
 * text, real buttons that take focus, focus moved onto the safe choice (取消's side) and kept inside
 * while it is open, Esc for that choice, and focus given back to where it was once it closes.
 * Called as each modal opens (utils/modal); Taro reuses one modal element, so the listeners are set once.
 */
let modalReturn: { focus?(): void } | null = null;
export function accessibleModal(): void {
  modalReturn = document.activeElement;
  const buttons = (root: ModalEl) =>
    ['.taro-model__cancel', '.taro-model__confirm']
      .map((s) => root.querySelector(s))
      .filter((b): b is ModalEl => !!b && b.style.display !== 'none');
  const ready = (tries: number) => {
    const root = document.querySelector('.taro__modal');
    const box = root?.querySelector('.taro-modal__content');
    if (!root || !box || root.style.display === 'none') {
      if (tries > 0) requestAnimationFrame(() => ready(tries - 1));
      return;
    }
    if (!root.hasAttribute('data-jk-a11y')) {
      root.setAttribute('data-jk-a11y', '1');
      box.setAttribute('role', 'alertdialog');
      box.setAttribute('aria-modal', 'true');
      const title = box.querySelector('.taro-modal__title');
      const text = box.querySelector('.taro-modal__text');
      if (title) {
        title.id = 'jk-modal-title';
        box.setAttribute('aria-labelledby', title.id);
      }
      if (text) {
        text.id = 'jk-modal-text';
        box.setAttribute('aria-describedby', text.id);
      }
      for (const b of ['.taro-model__cancel', '.taro-model__confirm'].map((s) => box.querySelector(s))) {
        b?.setAttribute('role', 'button');
        b?.setAttribute('tabindex', '0');
        b?.addEventListener('click', () => modalReturn?.focus?.());
      }
      root.addEventListener('keydown', (e) => {
        const shown = buttons(root);
        if (e.key === 'Escape') {
          e.preventDefault();
          shown[0]?.click();
        } else if ((e.key === 'Enter' || e.key === ' ') && e.target?.matches('.taro-model__btn')) {
          e.preventDefault();
          e.target.click();
        } else if (e.key === 'Tab' && shown.length > 0) {
          // Focus stays inside: from the last button to the first, and back with Shift.
          e.preventDefault();
          const at = shown.findIndex((b) => b === (e.target as unknown));
          shown[(at + (e.shiftKey ? shown.length - 1 : 1)) % shown.length]!.focus();
        }
      });
    }
    buttons(root)[0]?.focus();
  };
  ready(30);
}
