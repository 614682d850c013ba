import fs from 'node:fs';
import path from 'node:path';
import { BOOKING_STATUS_LABELS } from '@jingkai/shared';

const ROOT = path.resolve(__dirname, '../..');

/** The lines of code (comments left out) of every .ts/.tsx file under `dir`. */
function codeLines(dir: string): { where: string; line: string }[] {
  const out: { where: string; line: string }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '').trim();
        if (code && !/^(\/\*|\*)/.test(code)) out.push({ where: `${path.relative(ROOT, file)}:${i + 1}`, line: code });
      });
  }
  return out;
}

describe('the words for a finished booking', () => {
  it('read 已完成, the citizens’ word, in the shared label map', () => {
    expect(BOOKING_STATUS_LABELS.served).toBe('已完成');
  });

  it('never read 已办结 anywhere a citizen or a staff member reads: pages, shared messages and the server’s answers', () => {
    const found = ['miniapp/src', 'shared/src', 'server/src']
      .flatMap((d) => codeLines(path.join(ROOT, d)))
      .filter((l) => l.line.includes('已办结'))
      .map((l) => `${l.where}: ${l.line}`);
    expect(found).toEqual([]);
  });
});
