/**
 * Draws the tab-bar icons (81×81 PNG, grey and brand blue) into miniapp/src/assets/tab.
 * WeChat's tab bar takes only local PNG/JPG files, so they are generated once and committed:
 * `npm run icons`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

const SIZE = 81;
const OUT = path.join(__dirname, '../miniapp/src/assets/tab');
type Shape = (x: number, y: number) => number; // signed distance, < 0 inside

const box =
  (cx: number, cy: number, hw: number, hh: number, r = 0): Shape =>
  (x, y) => {
    const dx = Math.abs(x - cx) - hw + r;
    const dy = Math.abs(y - cy) - hh + r;
    return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
  };
const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;
const ring =
  (s: Shape, w: number): Shape =>
  (x, y) =>
    Math.abs(s(x, y)) - w / 2;
const union =
  (...s: Shape[]): Shape =>
  (x, y) =>
    Math.min(...s.map((f) => f(x, y)));
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    Math.max(a(x, y), -b(x, y));
/** A triangle roof from (x0,y1)-(x1,y1) up to (cx,y0), as a stroked outline. */
const roof = (cx: number, y0: number, half: number, y1: number, w: number): Shape => {
  const seg =
    (ax: number, ay: number, bx: number, by: number): Shape =>
    (x, y) => {
      const px = x - ax,
        py = y - ay,
        dx = bx - ax,
        dy = by - ay;
      const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
      return Math.hypot(px - t * dx, py - t * dy) - w / 2;
    };
  return union(seg(cx - half, y1, cx, y0), seg(cx, y0, cx + half, y1));
};

const W = 5;
const ICONS: Record<string, Shape> = {
  home: union(roof(40.5, 12, 30, 38, W), ring(box(40.5, 50, 20, 17, 3), W), box(40.5, 58, 5, 9)),
  news: union(ring(box(40.5, 40.5, 24, 29, 5), W), box(40.5, 26, 13, 2.5), box(40.5, 38, 13, 2.5), box(35, 50, 7.5, 2.5)),
  services: union(ring(box(40.5, 46, 29, 20, 5), W), ring(box(40.5, 23, 10, 6, 3), W), box(40.5, 44, 29, 2.5)),
  events: union(ring(box(40.5, 44, 28, 25, 5), W), box(40.5, 30, 28, 2.5), box(28, 16, 2.5, 7), box(53, 16, 2.5, 7), circle(40.5, 50, 6)),
  me: union(ring(circle(40.5, 28, 13), W), minus(ring(circle(40.5, 75, 28), W), box(40.5, 79, 40, 6))),
};

function draw(shape: Shape, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width: SIZE, height: SIZE });
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const d = shape(x + 0.5, y + 0.5);
      const alpha = Math.max(0, Math.min(1, 0.5 - d));
      const i = (y * SIZE + x) * 4;
      png.data[i] = rgb[0];
      png.data[i + 1] = rgb[1];
      png.data[i + 2] = rgb[2];
      png.data[i + 3] = Math.round(alpha * 255);
    }
  }
  return PNG.sync.write(png);
}

fs.mkdirSync(OUT, { recursive: true });
const names = Object.keys(ICONS);
names.forEach((name, i) => {
  fs.writeFileSync(path.join(OUT, `${name}.png`), draw(ICONS[name]!, [107, 114, 128]));
  fs.writeFileSync(path.join(OUT, `${name}-active.png`), draw(ICONS[name]!, [26, 95, 180]));
  console.log(`[icons] ${i + 1}/${names.length} ${name}`);
});
