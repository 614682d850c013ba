import path from 'node:path';
import type { Context } from 'koa';
import { REQUEST_PHOTO_MAX_BYTES } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { notFound, validationError } from '../../http/errors';
import { MediaStore } from '../../lib/media-store';
import { readRawBody } from '../../lib/raw-body';

/** Photos of 诉求, stored like avatars: by content hash, served from our own route. */
const storeOf = (deps: Deps) =>
  new MediaStore(path.join(deps.config.dataDir, 'request-photos'), '/api/request-photos', ['png', 'jpg', 'webp']);

const TOO_LARGE = '照片不能超过 2MB，请压缩后再上传';

/** Stores a photo sent as the raw request body; answers its URL path. Not an image, or over 2 MB: 400 naming the body. */
export async function savePhoto(deps: Deps, ctx: Context): Promise<{ url: string }> {
  const url = await storeOf(deps).save(await readRawBody(ctx, REQUEST_PHOTO_MAX_BYTES, () => validationError({ body: TOO_LARGE })));
  if (!url) throw validationError({ body: '请上传 PNG、JPG 或 WebP 图片' });
  return { url };
}

/** Which of these photo URLs are not stored here, by index (`photos.1`). */
export async function missingPhotos(deps: Deps, urls: string[]): Promise<Record<string, string>> {
  const store = storeOf(deps);
  const fields: Record<string, string> = {};
  for (const [i, url] of urls.entries()) {
    if (!(await store.has(url.slice(store.urlPrefix.length + 1)))) fields[`photos.${i}`] = '没有找到这张照片，请重新上传';
  }
  return fields;
}

export async function readPhoto(deps: Deps, name: string): Promise<{ body: Buffer; type: string }> {
  const file = await storeOf(deps).read(name);
  if (!file) throw notFound();
  return file;
}
