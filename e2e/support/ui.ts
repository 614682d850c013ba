import type { Locator, Page, Response } from 'playwright-core';

/**
 * Text a person can see. Taro's H5 router keeps earlier pages in the DOM, hidden, so every lookup
 * is narrowed to visible elements.
 */
export function seen(page: Page, text: string | RegExp, exact = false): Locator {
  return page.getByText(text, { exact }).filter({ visible: true }).first();
}

/** A tab of the tab bar, by its label. */
export function tab(page: Page, label: string): Locator {
  return page.locator('.taro-tabbar__tabbar').getByText(label, { exact: true });
}

/**
 * Waits until the page is at rest, as a person would before looking: two frames drawn, then no
 * finite transition or animation running (Taro's page slide, a toast fading in). So a screenshot
 * shows one page. Endless ones (a loading spinner) do not count.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Number.POSITIVE_INFINITY),
  );
}

/** A NutUI button by its text (NutUI's inner text intercepts clicks, so the button itself is clicked). */
export function button(page: Page, text: string | RegExp): Locator {
  return page.locator('.nut-button').filter({ hasText: text }).filter({ visible: true }).first();
}

/**
 * Taps a NutUI button once it can be tapped: a page greys its buttons out while it is busy (a list
 * reloading after the last action), and a tap on a greyed-out button does nothing, for a person too.
 */
export async function press(page: Page, text: string | RegExp): Promise<void> {
  await tappable(page, text);
  await button(page, text).click();
}

/**
 * Taps a button until the page sends the request it stands for (as a person taps again when nothing
 * happens: under load the first tap can land while the page is still settling), and returns the answer.
 */
export async function pressFor(page: Page, text: string | RegExp, sent: (r: Response) => boolean): Promise<Response> {
  for (let tries = 1; ; tries++) {
    const answer = page.waitForResponse(sent, { timeout: 8_000 }).catch(() => null);
    await press(page, text);
    const r = await answer;
    if (r || tries >= 4) return r ?? Promise.reject(new Error(`tapping ${String(text)} ${tries} times sent nothing`));
  }
}

/** Waits until a NutUI button is no longer greyed out: the page has finished what it was doing. */
export async function tappable(page: Page, text: string | RegExp): Promise<void> {
  const b = button(page, text);
  await b.waitFor();
  await page.waitForFunction((el) => !el?.classList.contains('nut-button--disabled'), await b.elementHandle(), { timeout: 30_000 });
}

/** The input of a form field by its exact label (an optional field's label ends in （选填）). */
export function field(page: Page, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const labelEl = page.locator('.jk-field__label', { hasText: new RegExp(`^${escaped}(（选填）)?$`) });
  return page
    .locator('.jk-field')
    .filter({ has: labelEl })
    .filter({ visible: true })
    .locator('input, textarea')
    .filter({ visible: true })
    .first();
}

/** Starts the H5 preview as a given person: the preview keeps its WeChat stand-in identity in storage. */
export async function asPerson(page: Page, identity: string): Promise<void> {
  await page.addInitScript((id) => {
    window.localStorage.setItem('jk.h5.identity', JSON.stringify({ data: id }));
  }, identity);
}

/**
 * Waits until an attribute of a control reads `value` (up to 5 s): Taro's H5 components pass an
 * attribute on to their inner element a frame after React renders, so a read right after a change
 * can still see the old one. Answers the last value read.
 */
export async function attributeOf(control: Locator, name: string, value: string): Promise<string | null> {
  let seenValue: string | null = null;
  for (const until = Date.now() + 5000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
    seenValue = await control.getAttribute(name);
    if (seenValue === value) break;
  }
  return seenValue;
}
