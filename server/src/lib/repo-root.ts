import fs from 'node:fs';
import path from 'node:path';

const ROOT_PACKAGE = 'jingkai';

/**
 * The repository root: the nearest folder above `from` whose package.json is the root package.
 * The server runs from `server/src` (tsx, jest) and from the bundle in `server/dist`, so a fixed
 * `../..` from `__dirname` would be right for one and wrong for the other. Outside a checkout
 * (no such package.json above), the working directory.
 */
export function findRepoRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (isRootPackage(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

function isRootPackage(file: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown }).name === ROOT_PACKAGE;
  } catch {
    return false;
  }
}
