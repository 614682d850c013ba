/**
 * `npm run build:server`: compiles server/ and shared/ into one file, server/dist/main.js (with its
 * source map), which production runs as `node --enable-source-maps server/dist/main.js`. npm packages
 * stay in node_modules (native ones such as @node-rs/jieba cannot be bundled); our workspaces are
 * TypeScript and are compiled in.
 */
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
const OUTFILE = path.join(ROOT, 'server/dist/main.js');

/** Bare imports are npm packages, left to `require` at run time, except our own `@jingkai/*`. */
const npmPackagesExternal: Plugin = {
  name: 'npm-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@jingkai/') ? undefined : { path: args.path, external: true }));
  },
};

async function main() {
  const started = performance.now();
  const result = await build({
    entryPoints: [path.join(ROOT, 'server/src/main.ts')],
    outfile: OUTFILE,
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
  const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
  console.log(
    `[build:server] ${path.relative(ROOT, OUTFILE)} (${(bytes / 1024).toFixed(0)} KiB, ${Object.keys(result.metafile.inputs).length} sources) in ${(performance.now() - started).toFixed(0)} ms`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
