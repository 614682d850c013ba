import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'koa';
import { AppError, notFound, validationError } from '../../http/errors';

export const AVATAR_MAX_BYTES = 512 * 1024;

const KINDS: { ext: string; type: string; test: (b: Buffer) => boolean }[] = [
  { ext: 'png', type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'jpg', type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    ext: 'webp',
    type: 'image/webp',
    test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

/** Reads the raw request body up to `max` bytes; 413 beyond. */
async function readBody(ctx: Context, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new AppError(413, 'PAYLOAD_TOO_LARGE', '头像图片不能超过 512KB');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Stores an avatar sent as the raw request body (what WeChat's chooseAvatar gives, read as bytes).
 * The file is named by its content hash, so it can be cached for ever. Returns its URL path.
 */
export async function saveAvatar(ctx: Context, dir: string): Promise<string> {
  const body = await readBody(ctx, AVATAR_MAX_BYTES);
  const kind = KINDS.find((k) => k.test(body));
  if (!kind) throw validationError({ body: '请上传 PNG、JPG 或 WebP 图片' });
  const name = `${createHash('sha256').update(body).digest('hex').slice(0, 32)}.${kind.ext}`;
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, name), body);
  return `/api/avatars/${name}`;
}

export async function readAvatar(dir: string, name: string): Promise<{ body: Buffer; type: string }> {
  const m = /^[0-9a-f]{32}\.(png|jpg|webp)$/.exec(name);
  if (!m) throw notFound();
  try {
    return { body: await fs.readFile(path.join(dir, name)), type: KINDS.find((k) => k.ext === m[1])!.type };
  } catch {
    throw notFound();
  }
}
