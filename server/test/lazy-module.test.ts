import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * lazyModule in a Node of its own (Jest keeps its own module registry, not Node's): a package is
 * loaded on first use only, and once released its code is collected, while one never released
 * (the negative control) stays.
 */
const ROOT = path.resolve(__dirname, '../..');

function runInNode(): Record<string, unknown> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jk-lazy-'));
  const file = path.join(dir, 'lazy.ts');
  const pinyin = JSON.stringify(require.resolve('pinyin-pro'));
  const sanitize = JSON.stringify(require.resolve('sanitize-html'));
  fs.writeFileSync(
    file,
    `import { lazyModule } from ${JSON.stringify(path.join(ROOT, 'server/src/lib/lazy-module'))};
const cached = (pkg: string) => Object.keys(require.cache).some((id) => id.includes('/node_modules/' + pkg + '/'));
const child = (pkg: string) => Object.values(require.cache).some((m) => m?.children.some((c) => c.id.includes('/node_modules/' + pkg + '/')));
const released = lazyModule(() => require(${pinyin}));
const kept = lazyModule(() => require(${sanitize}));
const out: Record<string, unknown> = { before: cached('pinyin-pro') };
let refs: { released: WeakRef<object>; kept: WeakRef<object> } | undefined;
(() => {
  const first = released.get();
  out.loaded = cached('pinyin-pro');
  out.pinyin = first.pinyin('托育', { toneType: 'none', separator: '' });
  refs = { released: new WeakRef(first), kept: new WeakRef(kept.get()) };
})();
released.release();
out.afterRelease = { cached: cached('pinyin-pro'), child: child('pinyin-pro'), postcss: cached('postcss') };
setTimeout(() => {
  globalThis.gc!();
  out.collected = refs!.released.deref() === undefined;
  out.keptCollected = refs!.kept.deref() === undefined;
  const again = released.get();
  out.again = again.pinyin('托育', { toneType: 'none', separator: '' });
  console.log(JSON.stringify(out));
}, 10);
`,
  );
  try {
    return JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', file], { cwd: ROOT, encoding: 'utf8' }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a lazy module is loaded on first use, collected once released, and loaded again when next used', () => {
  expect(runInNode()).toEqual({
    before: false,
    loaded: true,
    pinyin: 'tuoyu',
    afterRelease: { cached: false, child: false, postcss: true },
    collected: true,
    keptCollected: false,
    again: 'tuoyu',
  });
});
