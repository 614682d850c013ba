import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startFerretDb } from '../../src/db/ferretdb';

/**
 * One embedded FerretDB for the whole run, in its own temporary data directory and on a free port,
 * so tests can run beside a dev stack. Each test file then uses a database of its own.
 */
export default async function globalSetup() {
  const config = loadConfig({ NODE_ENV: 'test' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jk-test-db-'));
  const fdb = await startFerretDb({ bin: config.ferretdbBin, dataDir });
  process.env.TEST_MONGODB_URI = fdb.uri;
  process.env.TEST_DATA_DIR = dataDir;
  (globalThis as Record<string, unknown>).__JK_FERRETDB__ = fdb;
}
