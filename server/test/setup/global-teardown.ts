import fs from 'node:fs';
import type { EmbeddedFerretDb } from '../../src/db/ferretdb';

export default async function globalTeardown() {
  const fdb = (globalThis as Record<string, unknown>).__JK_FERRETDB__ as EmbeddedFerretDb | undefined;
  await fdb?.stop();
  if (process.env.TEST_DATA_DIR) fs.rmSync(process.env.TEST_DATA_DIR, { recursive: true, force: true });
}
