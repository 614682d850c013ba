/**
 * Builds the weapp, compiles it with WeChat's own compiler (miniprogram-ci, offline) and weighs it.
 * Fails over 1 MiB for the main package or 8 MiB in all (WeChat refuses a main package over 2 MB).
 * `npm run size` (add `-- --no-build` to weigh the current build).
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const WEAPP = path.join(ROOT, 'miniapp/dist/weapp');
const MAIN_LIMIT = 1024 * 1024;
const TOTAL_LIMIT = 8 * 1024 * 1024;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
}

async function main() {
  if (!process.argv.includes('--no-build')) {
    console.log('[size] 1/3 building the weapp (taro build --type weapp)…');
    execSync('npm run build:weapp --silent', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const appJson = JSON.parse(fs.readFileSync(path.join(WEAPP, 'app.json'), 'utf8')) as AppJson;

  console.log("[size] 2/3 compiling with WeChat's compiler (miniprogram-ci, offline)…");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ci = require('miniprogram-ci');
  // `attr` is the project's attribute record, normally fetched from WeChat with an upload key; the
  // defaults are enough to compile, and keep the check offline.
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: WEAPP,
    privateKey: 'offline-compile-only',
    attr: async () => ({ ...ci.DefaultProjectAttr }),
    ignores: ['**/*.map'],
  });
  const compiled: Record<string, string | Buffer> = await ci.getCompiledResult({ project, setting: { es6: false, minify: false } });
  for (const page of [...appJson.pages, ...(appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]) {
    if (!(`${page}.js` in compiled)) throw new Error(`page ${page} is missing from the compiled result`);
  }

  console.log('[size] 3/3 weighing (source maps excluded)…');
  const roots = (appJson.subPackages ?? []).map((s) => s.root.replace(/\/?$/, '/'));
  const sizes: Record<string, number> = { main: 0 };
  for (const [file, content] of Object.entries(compiled)) {
    if (file.endsWith('.map')) continue;
    const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    const pkg = roots.find((r) => file.startsWith(r)) ?? 'main';
    sizes[pkg] = (sizes[pkg] ?? 0) + size;
  }
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  for (const [pkg, size] of Object.entries(sizes)) console.log(`  ${pkg.padEnd(16)} ${kb(size)}`);
  console.log(`  ${'total'.padEnd(16)} ${kb(total)}  (limits: main ${kb(MAIN_LIMIT)}, total ${kb(TOTAL_LIMIT)})`);
  const main = sizes.main ?? 0;
  if (main > MAIN_LIMIT || total > TOTAL_LIMIT) {
    console.error('[size] over budget');
    process.exit(1);
  }
  console.log('[size] within budget');
  process.exit(0);
}

main().catch((e) => {
  console.error('[size] failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
