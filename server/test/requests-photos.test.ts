import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import { RatingModel } from '../src/modules/ratings/model';
import { pngChunk as chunk } from '../src/wechat/standin/images';
import { clearDb, login, testApp, useStandin, useTestDb } from './setup/harness';

useTestDb(__filename);
const standin = useStandin();
beforeEach(clearDb);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jk-photos-'));
let app: ReturnType<ReturnType<typeof testApp>['callback']>;
beforeAll(() => {
  app = testApp({ WECHAT_API_BASE: standin.current.url, WRITE_LIMIT_PER_MINUTE: '100000', DATA_DIR: dataDir }, undefined, {
    now: () => new Date('2026-09-30T10:00:00+08:00'),
  }).callback();
});

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function ihdr(width: number, height: number): Buffer {
  const b = Buffer.alloc(13);
  b.writeUInt32BE(width, 0);
  b.writeUInt32BE(height, 4);
  b[8] = 8;
  b[9] = 2;
  return chunk('IHDR', b);
}
/** A real PNG of one grey pixel in a shade of its own, so each picture is different bytes. */
const png = (shade = 128) =>
  Buffer.concat([
    SIGNATURE,
    ihdr(1, 1),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, shade, shade, shade]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);

function segment(marker: number, data: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}
/** A baseline JPEG's structure: SOI, APP0, SOF0 of `w`×`h` with 3 components, SOS, scan data, EOI. */
function jpeg(w = 2, h = 2, eoi = true): Buffer {
  const sof = Buffer.from([8, 0, 0, 0, 0, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
  sof.writeUInt16BE(h, 1);
  sof.writeUInt16BE(w, 3);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xc0, sof),
    segment(0xda, Buffer.from([3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0x56]),
    eoi ? Buffer.from([0xff, 0xd9]) : Buffer.alloc(0),
  ]);
}

const upload = (auth: Record<string, string>, bytes: Buffer, type = 'image/png') =>
  request(app).post('/api/requests/photos').set(auth).set('Content-Type', type).send(bytes);
const file = (auth: Record<string, string>, photos: string[]) =>
  request(app)
    .post('/api/requests')
    .set(auth)
    .send({ category: 'environment', text: '小区门口的垃圾桶满了好几天没人清理。', contact: 'message', photos });

describe('a photo is checked for its structure, not only its first bytes', () => {
  it('takes a well-formed PNG and JPEG', async () => {
    const c = await login(app);
    const a = await upload(c.auth, png());
    const b = await upload(c.auth, jpeg(), 'image/jpeg');
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.url).toMatch(/\.png$/);
    expect(b.body.url).toMatch(/\.jpg$/);
  });

  it('refuses with 400 naming the body what only starts like a PNG or a JPEG', async () => {
    const c = await login(app);
    const good = png();
    const iend = chunk('IEND', Buffer.alloc(0));
    const badCrc = Buffer.from(good);
    badCrc.writeUInt8(badCrc.readUInt8(badCrc.length - 20) ^ 0xff, badCrc.length - 20);
    const forged: [string, Buffer][] = [
      ['PNG signature then junk', Buffer.concat([SIGNATURE, Buffer.alloc(200, 7)])],
      ['PNG without IHDR first', Buffer.concat([SIGNATURE, chunk('IDAT', zlib.deflateSync(Buffer.alloc(4))), iend])],
      ['PNG of width 0', Buffer.concat([SIGNATURE, ihdr(0, 1), chunk('IDAT', zlib.deflateSync(Buffer.alloc(4))), iend])],
      [
        'PNG whose chunk length runs past the end',
        Buffer.concat([good.subarray(0, 33), Buffer.from([0, 0, 0x10, 0]), Buffer.from('IDAT')]),
      ],
      ['PNG without IEND', good.subarray(0, good.length - 12)],
      ['PNG with bytes after IEND', Buffer.concat([good, Buffer.from('<script>')])],
      ['PNG with a broken CRC', badCrc],
      ['JPEG SOI then junk', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(200, 7), Buffer.from([0xff, 0xd9])])],
      ['JPEG without EOI', jpeg(2, 2, false)],
      ['JPEG of height 0', jpeg(2, 0)],
      ['JPEG of 60000 pixels wide', jpeg(60000, 2)],
      ['JPEG without a frame header', Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2, 1, 2, 0xff, 0xd9])],
      ['PNG of 20000×20000 pixels (a decode bomb)', Buffer.concat([SIGNATURE, ihdr(20000, 20000), good.subarray(33)])],
      ['WebP header then HTML', Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP', 'latin1'), Buffer.from('<html><script>alert(1)</script>')])],
    ];
    for (const [what, bytes] of forged) {
      const res = await upload(c.auth, bytes);
      expect([what, res.status, res.body.error?.fields]).toEqual([what, 400, { body: '请上传 PNG、JPG 或 WebP 图片' }]);
    }
  });
});

describe('a photo is served without what the camera wrote about it', () => {
  it('drops EXIF (where it was taken) from a JPEG and text chunks from a PNG; the picture stays', async () => {
    const c = await login(app);
    const gps = Buffer.concat([Buffer.from('Exif\0\0GPS 43.6N 122.2E', 'latin1')]);
    const withExif = jpeg();
    const photo = Buffer.concat([withExif.subarray(0, 2), segment(0xe1, gps), segment(0xfe, Buffer.from('comment')), withExif.subarray(2)]);
    const up = await upload(c.auth, photo, 'image/jpeg');
    expect(up.status).toBe(201);
    const served = (await request(app).get(up.body.url).buffer(true)).body as Buffer;
    expect(served.equals(withExif)).toBe(true);
    expect(served.includes(Buffer.from('GPS'))).toBe(false);

    const plain = png(9);
    const texted = Buffer.concat([
      plain.subarray(0, 33),
      chunk('tEXt', Buffer.from('Comment\0' + 'x'.repeat(5000), 'latin1')),
      plain.subarray(33),
    ]);
    const upPng = await upload(c.auth, texted);
    expect(upPng.status).toBe(201);
    expect(((await request(app).get(upPng.body.url).buffer(true)).body as Buffer).equals(plain)).toBe(true);
  });
});

describe('a photo belongs to whoever uploaded it', () => {
  it('a citizen cannot attach a photo another citizen uploaded: 400 naming photos.N', async () => {
    const owner = await login(app);
    const other = await login(app);
    const mine = (await upload(other.auth, png(1))).body.url;
    const theirs = (await upload(owner.auth, png(2))).body.url;
    const res = await file(other.auth, [mine, theirs]);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'photos.1': '没有找到您上传的这张照片，请重新上传' } });
    expect(Object.keys(res.body.error.fields)).toEqual(['photos.1']);
    expect((await file(owner.auth, [theirs])).status).toBe(201);
  });

  it('two people uploading the same picture each get their own copy, so 注销 of one deletes theirs and leaves the other request whole', async () => {
    const a = await login(app);
    const b = await login(app);
    const same = png(3);
    const urlA = (await upload(a.auth, same)).body.url;
    const urlB = (await upload(b.auth, same)).body.url;
    expect(urlA).not.toBe(urlB);
    const unattached = (await upload(a.auth, png(4))).body.url;
    const filedA = await file(a.auth, [urlA]);
    const filedB = await file(b.auth, [urlB]);
    expect([filedA.status, filedB.status]).toEqual([201, 201]);
    // A different person's URL is refused even though the bytes are the same.
    expect((await file(b.auth, [urlA])).status).toBe(400);

    await RatingModel.create({
      key: 'booking:x1',
      kind: 'booking',
      subjectId: 'x1',
      userId: a.userId,
      level: 2,
      comment: '王师傅13900000001态度差',
      at: new Date(),
    });
    const gone = await request(app).delete('/api/me').set(a.auth);
    expect(gone.status).toBe(200);
    expect((await request(app).get(urlA)).status).toBe(404);
    expect((await request(app).get(unattached)).status).toBe(404);
    expect((await request(app).get(urlB)).status).toBe(200);
    const detailB = await request(app).get(`/api/requests/${filedB.body.id}`).set(b.auth);
    expect(detailB.body.photos).toEqual([urlB]);
    // Their ratings stay counted, without what they wrote.
    expect(await RatingModel.findOne({ key: 'booking:x1' }).lean()).toMatchObject({ level: 2, comment: null });
  }, 20_000);
});
