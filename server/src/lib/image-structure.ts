import zlib from 'node:zlib';

/** The largest side we take: a phone photo is a few thousand pixels; more is a forged header. */
const MAX_SIDE = 20_000;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHUNK_TYPE = /^[A-Za-z]{4}$/;

/** And the most pixels: above a 50-megapixel photo, decoding it is a memory bomb on the phones that show it. */
const MAX_PIXELS = 50_000_000;

const saneSide = (n: number) => n >= 1 && n <= MAX_SIDE;
const saneSize = (w: number, h: number) => saneSide(w) && saneSide(h) && w * h <= MAX_PIXELS;

/**
 * A PNG as the spec lays it out: the signature, IHDR first (13 bytes, sane dimensions), chunks
 * whose lengths fit and whose CRCs match, at least one IDAT, and IEND last with nothing after it.
 * A file that merely starts with the signature is not one.
 */
export function isWellFormedPng(b: Buffer): boolean {
  if (b.length < 8 || !b.subarray(0, 8).equals(PNG_SIGNATURE)) return false;
  let off = 8;
  let first = true;
  let idat = false;
  while (off + 12 <= b.length) {
    const len = b.readUInt32BE(off);
    const end = off + 12 + len;
    if (end > b.length) return false;
    const type = b.subarray(off + 4, off + 8).toString('latin1');
    if (!CHUNK_TYPE.test(type)) return false;
    if (zlib.crc32(b.subarray(off + 4, off + 8 + len)) >>> 0 !== b.readUInt32BE(off + 8 + len)) return false;
    if (first) {
      if (type !== 'IHDR' || len !== 13 || !saneSize(b.readUInt32BE(off + 8), b.readUInt32BE(off + 12))) return false;
      first = false;
    } else if (type === 'IHDR') return false;
    if (type === 'IDAT') idat = true;
    if (type === 'IEND') return len === 0 && end === b.length && idat;
    off = end;
  }
  return false;
}

/** SOF0–SOF15, less DHT (C4), JPG (C8) and DAC (CC), which share the range. */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
/** Markers without a length: TEM and RST0–7. */
const standalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);

/**
 * A JPEG as the spec lays it out: SOI, segments whose lengths fit, a frame header (SOF) with sane
 * dimensions and 1, 3 or 4 components before the first scan (SOS), and EOI at the end.
 */
export function isWellFormedJpeg(b: Buffer): boolean {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return false;
  if (b[b.length - 2] !== 0xff || b[b.length - 1] !== 0xd9) return false;
  let off = 2;
  let frame = false;
  while (off + 4 <= b.length) {
    if (b[off] !== 0xff) return false;
    const m = b[off + 1]!;
    if (m === 0xff) {
      off++; // fill byte
      continue;
    }
    if (m === 0xd8 || m === 0xd9 || m === 0x00) return false;
    if (standalone(m)) {
      off += 2;
      continue;
    }
    const len = b.readUInt16BE(off + 2);
    if (len < 2 || off + 2 + len > b.length - 2) return false;
    if (isSof(m)) {
      if (len < 8) return false;
      const height = b.readUInt16BE(off + 5);
      const width = b.readUInt16BE(off + 7);
      const components = b[off + 9]!;
      if (!saneSize(width, height) || ![1, 3, 4].includes(components) || len !== 8 + 3 * components) return false;
      frame = true;
    }
    // The scan's entropy-coded data runs to EOI (which ends the file, checked above).
    if (m === 0xda) return frame;
    off += 2 + len;
  }
  return false;
}

/**
 * A WebP as RIFF lays it out: the RIFF size is the file's, and its first chunk is an image (VP8,
 * VP8L or VP8X) whose length fits.
 */
export function isWellFormedWebp(b: Buffer): boolean {
  if (b.length < 20 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WEBP') return false;
  if (b.readUInt32LE(4) + 8 !== b.length) return false;
  return ['VP8 ', 'VP8L', 'VP8X'].includes(b.toString('latin1', 12, 16)) && 20 + b.readUInt32LE(16) <= b.length;
}

/** A GIF: its signature and version, and the trailer byte at the end. */
export const isWellFormedGif = (b: Buffer): boolean =>
  b.length >= 14 && /^GIF8[79]a$/.test(b.toString('latin1', 0, 6)) && b[b.length - 1] === 0x3b;

/** PNG chunks that carry text, dates and camera data rather than the picture. */
const PNG_METADATA = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);
/** JPEG segments kept: APP0 (JFIF), APP2 (the colour profile), APP14 (Adobe's colour transform). */
const JPEG_KEPT_APP = new Set([0xe0, 0xe2, 0xee]);

/**
 * The picture without what a camera or an editor wrote about it: EXIF (with its GPS position and
 * the phone's make), XMP, IPTC and comments in a JPEG; text, EXIF and time chunks in a PNG. Other
 * kinds come back as they are. Takes a well-formed file (checked above).
 */
export function withoutMetadata(b: Buffer, ext: string): Buffer {
  if (ext === 'png') {
    const parts = [b.subarray(0, 8)];
    for (let off = 8; off + 12 <= b.length;) {
      const end = off + 12 + b.readUInt32BE(off);
      if (!PNG_METADATA.has(b.toString('latin1', off + 4, off + 8))) parts.push(b.subarray(off, end));
      off = end;
    }
    return Buffer.concat(parts);
  }
  if (ext === 'jpg') {
    const parts = [b.subarray(0, 2)];
    let off = 2;
    while (off + 4 <= b.length) {
      const m = b[off + 1]!;
      if (m === 0xff) {
        off++;
        continue;
      }
      if (standalone(m)) {
        parts.push(b.subarray(off, off + 2));
        off += 2;
        continue;
      }
      // From the scan on, everything is the picture.
      if (m === 0xda) {
        parts.push(b.subarray(off));
        break;
      }
      const end = off + 2 + b.readUInt16BE(off + 2);
      const metadata = (m >= 0xe0 && m <= 0xef && !JPEG_KEPT_APP.has(m)) || m === 0xfe;
      if (!metadata) parts.push(b.subarray(off, end));
      off = end;
    }
    return Buffer.concat(parts);
  }
  return b;
}
