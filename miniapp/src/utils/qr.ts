import qrcode from 'qrcode-generator';

export type QrLevel = 'L' | 'M' | 'Q' | 'H';

/** Modules of quiet zone on each side, as ISO/IEC 18004 asks. */
export const QUIET_MODULES = 4;

/** Text as UTF-8 bytes, one per character, which is how the encoder reads its byte mode. */
const utf8 = (s: string) => encodeURIComponent(s).replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The modules of a QR code for `text` (true = dark), row by row, at the smallest version that holds it. */
export function qrModules(text: string, level: QrLevel = 'M'): boolean[][] {
  const qr = qrcode(0, level);
  qr.addData(utf8(text), 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/**
 * Where the code sits on a square of `px` device pixels: a whole number of pixels per module (no
 * blurred edges for the scanner), the quiet zone around it, centred.
 */
export function qrLayout(count: number, px: number): { cell: number; offset: number } {
  const cell = Math.max(1, Math.floor(px / (count + 2 * QUIET_MODULES)));
  return { cell, offset: Math.floor((px - cell * count) / 2) };
}

/** The part of a canvas 2D context painting needs: the weapp's, the browser's, or a test's. */
export interface Paint2D {
  fillStyle: unknown;
  fillRect(x: number, y: number, w: number, h: number): void;
}

/** Paints the code on a square canvas of `px` device pixels: white, then each run of dark modules in a row as one rectangle. */
export function paintQr(ctx: Paint2D, modules: boolean[][], px: number): void {
  const { cell, offset } = qrLayout(modules.length, px);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, px, px);
  ctx.fillStyle = '#000000';
  modules.forEach((row, r) => {
    for (let c = 0; c < row.length;) {
      if (!row[c]) {
        c++;
        continue;
      }
      const start = c;
      while (row[c]) c++;
      ctx.fillRect(offset + start * cell, offset + r * cell, (c - start) * cell, cell);
    }
  });
}
