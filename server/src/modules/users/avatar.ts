import type { Context } from 'koa';
import { AppError, notFound, validationError } from '../../http/errors';
import { MediaStore } from '../../lib/media-store';
import { readRawBody } from '../../lib/raw-body';

export const AVATAR_MAX_BYTES = 512 * 1024;

export const avatarStore = (dir: string) => new MediaStore(dir, '/api/avatars', ['png', 'jpg', 'webp']);

/**
 * Stores an avatar sent as the raw request body (what WeChat's chooseAvatar gives, read as bytes).
 * The file is named by its content hash, so it can be cached for ever. Returns its URL path.
 */
export async function saveAvatar(ctx: Context, dir: string): Promise<string> {
  const url = await avatarStore(dir).save(
    await readRawBody(ctx, AVATAR_MAX_BYTES, () => AppError.of('PAYLOAD_TOO_LARGE', '头像图片不能超过 512KB')),
  );
  if (!url) throw validationError({ body: '请上传 PNG、JPG 或 WebP 图片' });
  return url;
}

/** Whether a URL path names an avatar we hold (`/api/avatars/<hash>.<ext>`, uploaded here). */
export async function isStoredAvatar(dir: string, url: string): Promise<boolean> {
  const store = avatarStore(dir);
  const prefix = `${store.urlPrefix}/`;
  return url.startsWith(prefix) && store.has(url.slice(prefix.length));
}

export async function readAvatar(dir: string, name: string): Promise<{ body: Buffer; type: string }> {
  const file = await avatarStore(dir).read(name);
  if (!file) throw notFound();
  return file;
}
