import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/** What one page measures: type sizes in CSS px at 375 wide, targets in CSS px, contrast as a ratio. */
export interface Numbers {
  /** Visible characters of text on the page. */
  chars: number;
  /** Body text: the size that half of the page's characters reach or exceed (median weighted by characters). */
  body: number;
  /** The size 90 % of the characters reach or exceed (10th percentile weighted by characters). */
  p10: number;
  /** The smallest text on the page, and the largest (the page's heading). */
  min: number;
  largest: number;
  /** The smallest line height of any text, as a multiple of its font size ("normal" counts as 1.2). */
  lineHeight: number;
  lineHeightAt: string;
  /** The smallest text of a tag (NutUI's Tag, or any element whose class names it a tag, badge or status); Infinity without tags. */
  tag: number;
  tagAt: string;
  /** The smallest tap target (the shorter of its sides) and what it is. */
  target: number;
  targetAt: string;
  targets: number;
  /** The lowest contrast of any text against its effective background, and where. */
  contrast: number;
  contrastAt: string;
  /** Every failure against the rules the page was measured with. */
  failures: string[];
}

export interface Rules {
  body: number;
  /** Tags (a category, 置顶, 未满14周岁, a status) are read like body text: every one at least this size. */
  tag: number;
  /**
   * No text below this size (secondary text: an entry's subtitle, a date chip's 余60), but the tab
   * bar's labels, which have `tabLabel` (the issue: tab labels ≥ 12 px).
   */
  min: number;
  tabLabel: number;
  largest?: number;
  lineHeight?: number;
  target: number;
  /** Contrast for text below `largeText` px, and for text at or above it. */
  contrast: number;
  contrastLarge: number;
  largeText: number;
  /** Measure only inside the first visible element this selector finds (a dialog), not the whole page. */
  within?: string;
}

export const STANDARD: Rules = { body: 16, tag: 16, min: 14, tabLabel: 12, target: 44, contrast: 4.5, contrastLarge: 3, largeText: 24 };
export const ELDER: Rules = {
  body: 20,
  tag: 20,
  min: 20,
  tabLabel: 20,
  largest: 30,
  lineHeight: 1.4,
  target: 60,
  contrast: 4.5,
  contrastLarge: 4.5,
  largeText: 24,
};

/**
 * Measures the visible page in the browser. Text: every visible text node, weighted by its characters,
 * at its computed font size and line height. Targets: every visible interactive element (native
 * controls, ARIA widgets, anything Taro listens to a tap on, Taro's tab bar items); a target whose
 * parent target is tapped for it (an inner label of a button) counts as its parent. Contrast: the
 * text colour (with the opacity of its ancestors) over the first opaque background behind it, every
 * stop of a gradient counted; text of disabled controls is exempt, as in WCAG 1.4.3. The text in
 * inputs and textareas (the value, or the placeholder) counts as text too. Tags are measured on their
 * own against `rules.tag`, and a field's control must stay inside its frame's border (a textarea
 * taller than its box paints over the frame's edge).
 */
export async function measure(page: Page, rules: Rules): Promise<Numbers> {
  return page.evaluate((r: Rules) => {
    type Rgba = [number, number, number, number];
    const parse = (s: string): Rgba[] =>
      [...s.matchAll(/rgba?\(([^)]+)\)/g)].map((m) => {
        const p = m[1]!
          .split(/[\s,/]+/)
          .filter(Boolean)
          .map(Number);
        return [p[0]!, p[1]!, p[2]!, p.length > 3 ? p[3]! : 1];
      });
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
    };
    const lum = (c: Rgba) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
    };
    const ratio = (a: Rgba, b: Rgba) => {
      const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m) as [number, number];
      return (x + 0.05) / (y + 0.05);
    };
    /** The colours behind an element: its own and its ancestors' backgrounds down to the first opaque one. */
    const backgrounds = (el: Element): Rgba[] => {
      const layers: Rgba[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        const stops = cs.backgroundImage.includes('gradient') ? parse(cs.backgroundImage) : [];
        if (stops.length) return stops.map((s) => layers.reduceRight((acc, l) => over(l, acc), [s[0], s[1], s[2], 1] as Rgba));
        const bg = parse(cs.backgroundColor)[0];
        if (bg && bg[3] > 0) {
          if (bg[3] >= 1) return [layers.reduceRight((acc, l) => over(l, acc), bg)];
          layers.push(bg);
        }
      }
      return [layers.reduceRight((acc, l) => over(l, acc), [255, 255, 255, 1] as Rgba)];
    };
    const opacity = (el: Element) => {
      let o = 1;
      for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
      return o;
    };
    const disabled = (el: Element) =>
      !!el.closest('[disabled], [aria-disabled="true"], .nut-button--disabled, .nut-checkbox--disabled, .nut-switch--disabled');
    const label = (el: Element) => {
      const cls = typeof el.className === 'string' ? el.className.split(' ')[0] : '';
      const text = (el.getAttribute('aria-label') || (el as HTMLElement).innerText || '').trim().replace(/\s+/g, ' ').slice(0, 16);
      return `${el.tagName.toLowerCase()}${cls ? '.' + cls : ''} "${text}"`;
    };
    const visible = (el: Element) =>
      el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && el.getBoundingClientRect().width > 0;

    // A tag: NutUI's, or a class token that ends in tag, badge or status (jk-news-item__tag, bk-card__status--served).
    const tagLike = (e: Element | null) =>
      !!e && (e.matches('.nut-tag') || Array.from(e.classList).some((c) => /(^|[_-])(tag|badge|status)(--[\w-]+)?$/.test(c)));
    const failures: string[] = [];
    const sizes: [number, number][] = [];
    let tag = Infinity;
    let tagAt = '';
    let lineHeight = Infinity;
    let lineHeightAt = '';
    let contrast = Infinity;
    let contrastAt = '';
    const root = (r.within ? Array.from(document.querySelectorAll(r.within)).find(visible) : undefined) ?? document.body;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').replace(/\s+/g, '');
      const el = n.parentElement;
      if (!text || !el || !visible(el) || el.closest('script, style, noscript, [aria-hidden="true"]')) continue;
      const cs = getComputedStyle(el);
      const size = parseFloat(cs.fontSize);
      sizes.push([size, text.length]);
      const least = el.closest('.taro-tabbar__tabbar') ? r.tabLabel : r.min;
      if (size < least - 0.05) failures.push(`text ${size}px < ${least}px: ${label(el)}`);
      if (tagLike(el) || tagLike(el.parentElement)) {
        if (size < tag) [tag, tagAt] = [size, label(el)];
        if (size < r.tag - 0.05) failures.push(`tag text ${size}px < ${r.tag}px: ${label(el)}`);
      }
      const lh = cs.lineHeight === 'normal' ? 1.2 : parseFloat(cs.lineHeight) / size;
      if (lh < lineHeight) [lineHeight, lineHeightAt] = [lh, label(el)];
      if (r.lineHeight && lh < r.lineHeight - 0.01) failures.push(`line height ${lh.toFixed(2)} < ${r.lineHeight}: ${label(el)}`);
      if (disabled(el)) continue;
      const fg = parse(cs.color)[0] ?? [0, 0, 0, 1];
      const alpha = fg[3] * opacity(el);
      const worst = Math.min(...backgrounds(el).map((bg) => ratio(over([fg[0], fg[1], fg[2], alpha], bg), bg)));
      if (worst < contrast) [contrast, contrastAt] = [worst, label(el)];
      const need = size >= r.largeText ? r.contrastLarge : r.contrast;
      if (worst < need - 0.005) failures.push(`contrast ${worst.toFixed(2)} < ${need} at ${size}px: ${label(el)}`);
    }
    // The text inside form controls (what was typed, or the placeholder while empty) has no text node:
    // it is measured from the control's own style (the placeholder's from ::placeholder), so a field
    // left at the browser's default 13 px counts like any other text.
    for (const el of Array.from(root.querySelectorAll('input, textarea'))) {
      const control = el as HTMLInputElement | HTMLTextAreaElement;
      if (['hidden', 'checkbox', 'radio', 'range', 'file', 'color'].includes(control.type) || !visible(control)) continue;
      // The frame a field is drawn in: the control's own border, or the nearest bordered box around it.
      const frame = [control, control.parentElement, control.parentElement?.parentElement].find((e) => {
        const b = e && getComputedStyle(e);
        return !!b && parseFloat(b.borderTopWidth) + parseFloat(b.borderBottomWidth) + parseFloat(b.borderLeftWidth) > 0;
      });
      if (frame && frame !== control) {
        const fb = getComputedStyle(frame);
        const f = frame.getBoundingClientRect();
        const c = control.getBoundingClientRect();
        const inside =
          c.top >= f.top + parseFloat(fb.borderTopWidth) - 0.5 &&
          c.bottom <= f.bottom - parseFloat(fb.borderBottomWidth) + 0.5 &&
          c.left >= f.left + parseFloat(fb.borderLeftWidth) - 0.5 &&
          c.right <= f.right - parseFloat(fb.borderRightWidth) + 0.5;
        if (!inside)
          failures.push(
            `field over its frame's border: ${label(control)} ${Math.round(c.width)}×${Math.round(c.height)} in ${Math.round(f.width)}×${Math.round(f.height)}`,
          );
      }
      const shown = control.value || control.placeholder;
      const text = shown.replace(/\s+/g, '');
      if (!text) continue;
      const cs = getComputedStyle(control, control.value ? null : '::placeholder');
      const size = parseFloat(cs.fontSize);
      sizes.push([size, text.length]);
      const least = el.closest('.taro-tabbar__tabbar') ? r.tabLabel : r.min;
      if (size < least - 0.05) failures.push(`text ${size}px < ${least}px: ${label(el)}`);
      const what = `${control.tagName.toLowerCase()}${control.value ? '' : '::placeholder'} "${shown.slice(0, 16)}"`;
      if (size < r.body - 0.05) failures.push(`field text ${size}px < ${r.body}px: ${what}`);
      if (disabled(control)) continue;
      const fg = parse(cs.color)[0] ?? [0, 0, 0, 1];
      const alpha = fg[3] * opacity(control);
      const worst = Math.min(...backgrounds(control).map((bg) => ratio(over([fg[0], fg[1], fg[2], alpha], bg), bg)));
      if (worst < contrast) [contrast, contrastAt] = [worst, what];
      const need = size >= r.largeText ? r.contrastLarge : r.contrast;
      if (worst < need - 0.005) failures.push(`contrast ${worst.toFixed(2)} < ${need} at ${size}px: ${what}`);
    }
    const chars = sizes.reduce((s, [, c]) => s + c, 0);
    const quantile = (q: number) => {
      const sorted = [...sizes].sort((a, b) => a[0] - b[0]);
      let seen = 0;
      for (const [size, c] of sorted) if ((seen += c) >= q * chars) return size;
      return 0;
    };
    const body = quantile(0.5);
    const p10 = quantile(0.1);
    const min = Math.min(...sizes.map(([s]) => s));
    const largest = Math.max(...sizes.map(([s]) => s));
    if (body < r.body) failures.push(`body text ${body}px < ${r.body}px`);
    if (r.largest && largest < r.largest) failures.push(`largest text ${largest}px < ${r.largest}px`);

    // Taro's H5 components keep their tap listeners in `__events` (React's own props lose onClick).
    const reactTapped = (el: Element) => {
      const events = (el as unknown as { __events?: Record<string, unknown> }).__events;
      return !!(events && (events.click || events.tap));
    };
    const native =
      'button, a[href], input:not([type="hidden"]), textarea, select, [role="button"], [role="switch"], [role="checkbox"], [role="radio"], [role="tab"], [role="link"], .taro-tabbar__tabbar-item, .taro-model__btn';
    // NutUI's Tag listens to taps whether or not the page does; a tag is a label here, never a control.
    const all = Array.from(root.querySelectorAll('*')).filter(
      (el) => (el.matches(native) || (reactTapped(el) && !el.matches('.nut-tag'))) && visible(el),
    );
    const targets = all.filter((el) => !all.some((other) => other !== el && other.contains(el) && !el.matches('input, textarea')));
    let target = Infinity;
    let targetAt = '';
    for (const el of targets) {
      const box = el.getBoundingClientRect();
      const side = Math.min(box.width, box.height);
      if (side < target) [target, targetAt] = [side, `${label(el)} ${Math.round(box.width)}×${Math.round(box.height)}`];
      if (side < r.target - 0.5) failures.push(`target ${Math.round(box.width)}×${Math.round(box.height)} < ${r.target}: ${label(el)}`);
    }
    return {
      chars,
      body,
      p10,
      min,
      largest,
      tag,
      tagAt,
      lineHeight,
      lineHeightAt,
      target: targets.length ? target : 0,
      targetAt,
      targets: targets.length,
      contrast,
      contrastAt,
      failures: [...new Set(failures)],
    };
  }, rules);
}

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the visible page, one line each. */
export async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResult> } }).axe.run;
    type AxeResult = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    const result = await run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.impact} ${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
  });
}

/**
 * How well a control's edge stands out (WCAG 1.4.11, non-text contrast): the contrast of its border,
 * or else of its fill, against the background behind it; 1 when it has neither, as bare text does.
 * A control that is to look tappable needs at least 3:1.
 */
export async function boundaryContrast(control: Locator): Promise<number> {
  return control.evaluate((el) => {
    const rgb = (s: string) =>
      (/rgba?\(([^)]+)\)/.exec(s)?.[1] ?? '0,0,0,0')
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
    const lum = (c: number[]) =>
      [0.2126, 0.7152, 0.0722].reduce((sum, w, i) => {
        const v = c[i]! / 255;
        return sum + w * (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      }, 0);
    const ratio = (a: number[], b: number[]) => {
      const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m) as [number, number];
      return (x + 0.05) / (y + 0.05);
    };
    let behind = [255, 255, 255];
    for (let e = el.parentElement; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if ((c[3] ?? 1) > 0.99) {
        behind = c.slice(0, 3);
        break;
      }
    }
    const cs = getComputedStyle(el);
    const border = rgb(cs.borderTopColor);
    const fill = rgb(cs.backgroundColor);
    const edges = [];
    if (parseFloat(cs.borderTopWidth) >= 1 && cs.borderTopStyle !== 'none' && (border[3] ?? 1) > 0.99) edges.push(ratio(border, behind));
    if ((fill[3] ?? 1) > 0.99) edges.push(ratio(fill, behind));
    return Math.max(1, ...edges);
  });
}
