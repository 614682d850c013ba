import { createHash } from 'node:crypto';
import zlib from 'node:zlib';

/**
 * Cover pictures for the stand-in's articles, drawn on request so no binary files are committed:
 * a sky gradient in a colour picked from the name, a sun and two grassland hills.
 */
const W = 640;
const H = 360;

/** One PNG chunk: length, type, data and CRC (also for tests that forge broken files). */
export function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const PALETTES: [number, number, number][][] = [
  [
    [26, 95, 180],
    [120, 180, 240],
  ],
  [
    [230, 120, 40],
    [250, 210, 140],
  ],
  [
    [40, 140, 110],
    [170, 225, 200],
  ],
  [
    [120, 70, 170],
    [220, 190, 240],
  ],
  [
    [200, 60, 70],
    [250, 190, 170],
  ],
];

const cache = new Map<string, Buffer>();

export function coverPng(name: string): Buffer {
  const hit = cache.get(name);
  if (hit) return hit;
  const h = createHash('sha256').update(name).digest();
  const [top, bottom] = PALETTES[h[0]! % PALETTES.length]!;
  const sunX = 120 + (h[1]! / 255) * 400;
  const hill1 = 0.55 + (h[2]! / 255) * 0.15;
  const rgb = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    const t = y / H;
    for (let x = 0; x < W; x++) {
      let c: [number, number, number] = [0, 1, 2].map((i) => top![i]! + (bottom![i]! - top![i]!) * t) as [number, number, number];
      if (Math.hypot(x - sunX, y - 90) < 38) c = [255, 236, 160];
      const g1 = H * hill1 + 30 * Math.sin(x / 90 + h[3]! / 40);
      const g2 = H * (hill1 + 0.12) + 22 * Math.sin(x / 70 + h[4]! / 30);
      if (y > g1) c = [86, 160, 80];
      if (y > g2) c = [60, 130, 60];
      rgb.set(c.map(Math.round), (y * W + x) * 3);
    }
  }
  const png = encodePng(W, H, rgb);
  cache.set(name, png);
  return png;
}
