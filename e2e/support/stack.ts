import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../server/src/config';
import { startServer, type RunningServer } from '../../server/src/server';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/browser';
import { asPerson } from './ui';

export const ROOT = path.resolve(__dirname, '../..');
export const H5_DIR = path.join(ROOT, 'miniapp/dist/h5');
export const SHOTS_DIR = path.join(ROOT, 'test-results/screenshots');

/** The real server with the demo content, on a fresh embedded database and a free port. */
export async function startStack(env: NodeJS.ProcessEnv = {}, now?: () => Date): Promise<RunningServer & { dataDir: string }> {
  if (!fs.existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error('The H5 build is missing: run "npm run build:h5" (npm test does it first).');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jk-e2e-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '1', H5_DIR, ...env });
  const running = await startServer(config, pino({ level: 'silent' }), now ? { now } : {});
  return {
    ...running,
    dataDir,
    async stop() {
      await running.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The setup every browser journey shares: the real stack on a fresh database, Debian's chromium, and
 * a phone-sized page (375×812). Registers its own beforeAll/afterAll.
 */
export function useBrowserJourney(env: NodeJS.ProcessEnv = {}) {
  const ref = {} as {
    stack: Awaited<ReturnType<typeof startStack>>;
    browser: Browser;
    page: Page;
    newPage(identity?: string): Promise<Page>;
    /** Moves the server's clock (e.g. to the day of a booking, for staff verification); null: real time. */
    setNow(at: Date | null): void;
  };
  let offsetMs = 0;
  ref.setNow = (at) => {
    offsetMs = at ? at.getTime() - Date.now() : 0;
  };
  beforeAll(async () => {
    ref.stack = await startStack(env, () => new Date(Date.now() + offsetMs));
    ref.browser = await launchChromium();
    ref.newPage = async (identity?: string) => {
      const ctx = await ref.browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
      const page = await ctx.newPage();
      if (identity) await asPerson(page, identity);
      return page;
    };
    ref.page = await ref.newPage();
    fs.mkdirSync(SHOTS_DIR, { recursive: true });
  });
  afterAll(async () => {
    await ref.browser?.close();
    await ref.stack?.stop();
  });
  return ref;
}
