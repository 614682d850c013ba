import path from 'node:path';
import { build, type Plugin } from 'esbuild';

export const ROOT = path.resolve(__dirname, '../..');
/** The bundle production runs: `node --enable-source-maps server/dist/main.js`. */
export const DIST_MAIN = path.join(ROOT, 'server/dist/main.js');

/** Bare imports are npm packages, left to `require` at run time, except our own `@jingkai/*`. */
const npmPackagesExternal: Plugin = {
  name: 'npm-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@jingkai/') ? undefined : { path: args.path, external: true }));
  },
};

/**
 * Compiles server/ and shared/ into one file with its source map. npm packages stay in node_modules
 * (native ones such as @node-rs/jieba cannot be bundled); our workspaces are TypeScript and are
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
  const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
  return { bytes, sources: Object.keys(result.metafile.inputs).length };
}
