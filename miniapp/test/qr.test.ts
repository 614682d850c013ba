import { paintQr, qrLayout, qrModules, QUIET_MODULES, type Paint2D } from '../src/utils/qr';

/** A canvas of `px`×`px` pixels that records what is painted, as a scanner would see it. */
function raster(px: number) {
  const dark = new Uint8Array(px * px);
  let rects = 0;
  const ctx: Paint2D & { rects: () => number; at: (x: number, y: number) => boolean } = {
    fillStyle: '',
    fillRect(x, y, w, h) {
      rects++;
      const on = this.fillStyle === '#000000' ? 1 : 0;
      for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) if (i >= 0 && j >= 0 && i < px && j < px) dark[j * px + i] = on;
    },
    rects: () => rects,
    at: (x, y) => dark[y * px + x] === 1,
  };
  return ctx;
}

/** The 7×7 finder pattern: a dark ring, a light ring, a dark 3×3 centre. */
const finder = (r: number, c: number) => {
  const d = Math.max(Math.abs(r - 3), Math.abs(c - 3));
  return d !== 2;
};

describe('the QR code of a booking or a ticket', () => {
  it('encodes a booking code as the smallest code, with its three finder patterns', () => {
    const m = qrModules('K7MP2X');
    expect(m).toHaveLength(21);
    m.forEach((row) => expect(row).toHaveLength(21));
    for (let r = 0; r < 7; r++)
      for (let c = 0; c < 7; c++) {
        expect(m[r]![c]).toBe(finder(r, c));
        expect(m[r]![20 - c]).toBe(finder(r, c));
        expect(m[20 - r]![c]).toBe(finder(r, c));
      }
  });

  it('holds a signed ticket of about 200 characters at a size a phone camera reads', () => {
    const ticket = `t1.${'A1b2C3d4E5f6G7h8'.repeat(12)}.k2026`;
    expect(ticket.length).toBeGreaterThanOrEqual(200);
    const m = qrModules(ticket);
    expect(m.length).toBeGreaterThan(21);
    expect(m.length).toBeLessThanOrEqual(61); // version 11 at most with level M
    expect(qrModules(ticket.replace('A1', 'A2'))).not.toEqual(m);
  });

  it('paints each module on whole pixels, centred, with a white quiet zone of four modules', () => {
    const m = qrModules(`t1.${'x'.repeat(190)}`);
    const px = 360;
    const { cell, offset } = qrLayout(m.length, px);
    expect(cell).toBeGreaterThanOrEqual(1);
    expect(offset).toBeGreaterThanOrEqual(QUIET_MODULES * cell);
    expect(px - offset - cell * m.length).toBeGreaterThanOrEqual(QUIET_MODULES * cell);

    const ctx = raster(px);
    paintQr(ctx, m, px);
    for (let r = 0; r < m.length; r++)
      for (let c = 0; c < m.length; c++) {
        // Both the first and the last pixel of each module: no module bleeds into its neighbour.
        expect(ctx.at(offset + c * cell, offset + r * cell)).toBe(m[r]![c]);
        expect(ctx.at(offset + c * cell + cell - 1, offset + r * cell + cell - 1)).toBe(m[r]![c]);
      }
    for (let i = 0; i < px; i++) {
      for (const edge of [0, offset - 1, offset + cell * m.length, px - 1]) {
        expect(ctx.at(i, edge)).toBe(false);
        expect(ctx.at(edge, i)).toBe(false);
      }
    }
    // Runs of dark modules are one rectangle each: far fewer draw calls than dark modules.
    const darkModules = m.flat().filter(Boolean).length;
    expect(ctx.rects()).toBeLessThan(darkModules * 0.7);
  });

  it('repaints from white, so a new code leaves nothing of the old one', () => {
    const px = 200;
    const ctx = raster(px);
    paintQr(ctx, qrModules('AAAAAA'), px);
    const next = qrModules('ZZZZZZ');
    paintQr(ctx, next, px);
    const { cell, offset } = qrLayout(next.length, px);
    for (let r = 0; r < next.length; r++)
      for (let c = 0; c < next.length; c++) expect(ctx.at(offset + c * cell, offset + r * cell)).toBe(next[r]![c]);
  });
});
