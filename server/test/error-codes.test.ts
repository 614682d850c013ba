import fs from 'node:fs';
import path from 'node:path';
import { ERRORS, ERROR_MESSAGES, isErrorCode } from '@jingkai/shared';
import { AppError, conflict, notFound } from '../src/http/errors';

const SRC = path.join(__dirname, '../src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

interface Thrown {
  code: string;
  /** The literal status when the code is thrown as `new AppError(409, 'X'`. */
  status?: number;
  where: string;
}

/** Every error code the text throws or answers: the helpers, `new AppError(n, 'X'`, `AppError.of('X'` and envelopes. */
function thrownCodes(text: string, where = 'probe'): Thrown[] {
  const out: Thrown[] = [];
  const patterns: [RegExp, (m: RegExpExecArray) => Thrown][] = [
    [/\b(?:conflict|notFound|AppError\.of)\(\s*'([A-Z][A-Z0-9_]*)'/g, (m) => ({ code: m[1]!, where })],
    [
      /new AppError\(\s*([^,]+?)\s*,\s*'([A-Z][A-Z0-9_]*)'/g,
      (m) => ({ code: m[2]!, where, ...(/^\d+$/.test(m[1]!) ? { status: Number(m[1]) } : {}) }),
    ],
    [/errorBody\(\{\s*code:\s*'([A-Z][A-Z0-9_]*)'/g, (m) => ({ code: m[1]!, where })],
    // A union of literal codes in a type position, e.g. `(code: 'REQUEST_TOO_LARGE' | 'BAD_REQUEST')`.
    [/code: ('[A-Z][A-Z0-9_]*'(?:\s*\|\s*'[A-Z][A-Z0-9_]*')+)/g, (m) => ({ code: m[1]!, where })],
  ];
  for (const [re, toThrown] of patterns) {
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const t = toThrown(m);
      if (t.code.startsWith("'")) for (const c of t.code.match(/[A-Z][A-Z0-9_]*/g) ?? []) out.push({ code: c, where });
      else out.push(t);
    }
  }
  return out;
}

const thrown = sources(SRC).flatMap((f) => thrownCodes(fs.readFileSync(f, 'utf8'), path.relative(SRC, f)));

describe('the one list of error codes', () => {
  it('the scanner finds codes, and would report one missing from the list (negative control)', () => {
    const probe = thrownCodes(`throw conflict('NO_SUCH_CODE', 'x'); throw new AppError(418, 'SLOT_FULL');`);
    expect(probe).toEqual([
      { code: 'NO_SUCH_CODE', where: 'probe' },
      { code: 'SLOT_FULL', status: 418, where: 'probe' },
    ]);
    expect(isErrorCode('NO_SUCH_CODE')).toBe(false);
    expect(new Set(thrown.map((t) => t.code)).size).toBeGreaterThanOrEqual(30);
  });

  it('holds every code thrown anywhere in server/src', () => {
    const missing = thrown.filter((t) => !isErrorCode(t.code)).map((t) => `${t.code} (${t.where})`);
    expect(missing).toEqual([]);
  });

  it('a code thrown with a literal status is thrown with the status the list gives it', () => {
    const wrong = thrown
      .filter((t) => t.status !== undefined && isErrorCode(t.code) && ERRORS[t.code].status !== t.status)
      .map((t) => `${t.code} ${t.status} (${t.where})`);
    expect(wrong).toEqual([]);
  });

  it('gives every code a status and a short Chinese message', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(e.status).toBeGreaterThanOrEqual(400);
      expect(e.status).toBeLessThan(600);
      expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(e.message.length).toBeLessThanOrEqual(30);
      expect(ERROR_MESSAGES[code as keyof typeof ERRORS]).toBe(e.message);
    }
  });

  it('the helpers take the status from the list', () => {
    expect(conflict('SLOT_FULL')).toMatchObject({ status: 409, code: 'SLOT_FULL', message: '该时段已约满' });
    expect(notFound('UNKNOWN_BOOKING_CODE')).toMatchObject({ status: 404, message: '没有找到这个预约码' });
    expect(AppError.of('IDEMPOTENCY_KEY_REUSED')).toMatchObject({ status: 422 });
    expect(AppError.of('INVALID_LOGIN_CODE')).toMatchObject({ status: 401 });
  });
});
