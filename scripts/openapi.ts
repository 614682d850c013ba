/**
 * `tsx scripts/openapi.ts <file>`: writes the API document the server serves at /api/openapi.json,
 * taken from a test-configured app on a loopback port (the document needs no database), so
 * `redocly lint` checks exactly what clients read.
 */
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';

async function main() {
  const out = process.argv[2];
  if (!out) throw new Error('usage: tsx scripts/openapi.ts <output.json>');
  const app = createApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), logger: pino({ level: 'silent' }) });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/openapi.json`);
    if (!res.ok) throw new Error(`GET /api/openapi.json answered ${res.status}`);
    writeFileSync(out, JSON.stringify(await res.json(), null, 2));
  } finally {
    server.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  },
);
