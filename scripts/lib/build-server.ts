import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

export const ROOT = path.resolve(__dirname, '../..');
/** The bundle production runs, through its launcher (DIST_RUN). */
export const DIST_MAIN = path.join(ROOT, 'server/dist/main.js');
/** `server/dist/jingkai-api`: starts the bundle with API_NODE_FLAGS on the `node` of PATH (or $NODE). */
export const DIST_RUN = path.join(ROOT, 'server/dist/jingkai-api');
/**
 * How production starts Node for the API, measured on Node 24 with the demo content (README,
 * "Memory"): V8's young generation, left to grow, held about 100 MiB of an idle API's RSS; capped at
 * 4 MiB semi-spaces it costs a few more scavenges. No `--enable-source-maps`: it kept the parsed map
 * (about 55 MiB); the bundle is not minified and keeps its names, so its stack traces read as they
 * are, and the map beside it decodes them when needed. The old generation, left to grow, took the
 * API to 266–337 MiB of RSS under the bench's load with a live heap of 34–47 MiB; capped at 160 MiB
 * (room for an export's workbook) the rush peaks at about 170. `--expose-gc` lets the server collect
 * once, last-resort, before it serves (server.ts): the start's garbage.
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=160', '--expose-gc'];
/**
 * glibc's malloc for the API: left to itself it raises its mmap threshold after the start's large
 * buffers (downloaded images, PNGs, gzip) are freed and then keeps 10–17 MiB of freed memory in its heap;
 * a fixed threshold gives large blocks back when freed, and two arenas instead of one per thread
 * keep fewer half-used ones (README, "Memory"). Ignored by other C libraries.
 */
export const API_NODE_ENV: Record<string, string> = { MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_ARENA_MAX: '2' };

/** Bare imports are npm packages, left to `require` at run time, except our own `@jingkai/*`. */
const npmPackagesExternal: Plugin = {
  name: 'npm-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@jingkai/') ? undefined : { path: args.path, external: true }));
  },
};

/**
 * Compiles server/ and shared/ into one file with its source map, and writes its launcher. npm packages stay in node_modules
 * (native ones cannot be bundled, and they are installed by `npm ci` anyway); our workspaces are TypeScript and are
 * compiled in. Answers the bundle's size and how many sources went in.
 */
export async function buildServer(): Promise<{ bytes: number; sources: number }> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'server/src/main.ts')],
    outfile: DIST_MAIN,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    // Names stay as written (esbuild renames clashing top-level names when it joins modules).
    keepNames: true,
    tsconfig: path.join(ROOT, 'server/tsconfig.json'),
    plugins: [npmPackagesExternal],
    logLevel: 'warning',
    metafile: true,
  });
  fs.writeFileSync(
    DIST_RUN,
    `#!/bin/sh\n# Written by scripts/lib/build-server.ts: the API as production runs it.\n${Object.entries(API_NODE_ENV)
      .map(([k, v]) => `export ${k}="\${${k}:-${v}}"\n`)
      .join('')}exec "\${NODE:-node}" ${API_NODE_FLAGS.join(' ')} "$(dirname "$0")/main.js" "$@"\n`,
    { mode: 0o755 },
  );
  const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
  return { bytes, sources: Object.keys(result.metafile.inputs).length };
}
