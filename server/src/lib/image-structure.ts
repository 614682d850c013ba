import zlib from 'node:zlib';

/** The largest side we take: a phone photo is a few thousand pixels; more is a forged header. */
const MAX_SIDE = 20_000;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHUNK_TYPE = /^[A-Za-z]{4}$/;

const saneSide = (n: number) => n >= 1 && n <= MAX_SIDE;

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
      if (type !== 'IHDR' || len !== 13 || !saneSide(b.readUInt32BE(off + 8)) || !saneSide(b.readUInt32BE(off + 12))) return false;
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
      if (!saneSide(height) || !saneSide(width) || ![1, 3, 4].includes(components) || len !== 8 + 3 * components) return false;
      frame = true;
    }
    // The scan's entropy-coded data runs to EOI (which ends the file, checked above).
    if (m === 0xda) return frame;
    off += 2 + len;
  }
  return false;
}
