import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium; playwright never downloads a browser of its own here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches headless Debian chromium with the flags this machine needs: no sandbox as root, and no
 * background networking (the closed network would refuse it, many times over). Playwright gives
 * every launch a fresh, empty profile of its own.
 */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run "apt-get install chromium" (npm test does it when it can).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
