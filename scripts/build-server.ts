/**
 * `npm run build:server`: compiles server/ and shared/ into server/dist/main.js (with its source
 * map) and its launcher server/dist/jingkai-api, which production runs (README, "Production").
 */
import path from 'node:path';
import { buildServer, DIST_MAIN, ROOT } from './lib/build-server';

async function main() {
  const started = performance.now();
  const { bytes, sources } = await buildServer();
  console.log(
    `[build:server] ${path.relative(ROOT, DIST_MAIN)} (${(bytes / 1024).toFixed(0)} KiB, ${sources} sources) in ${(performance.now() - started).toFixed(0)} ms`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
