import type { Locator, Page } from 'playwright-core';

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

/** Lets Taro's page-slide transition finish, so a screenshot shows one page. */
export async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(600);
}
