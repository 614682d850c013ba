import path from 'node:path';
import type { Context } from 'koa';
import { REQUEST_PHOTO_MAX_BYTES } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { notFound, validationError } from '../../http/errors';
import { MediaStore } from '../../lib/media-store';

/** Photos of 诉求, stored like avatars: by content hash, served from our own route. */
const storeOf = (deps: Deps) =>
  new MediaStore(path.join(deps.config.dataDir, 'request-photos'), '/api/request-photos', ['png', 'jpg', 'webp']);

const TOO_LARGE = '照片不能超过 2MB，请压缩后再上传';

/** Reads the raw body up to the limit; a larger photo is a 400 naming the body, as the form shows it. */
async function readBody(ctx: Context): Promise<Buffer> {
  if (Number(ctx.get('Content-Length') || 0) > REQUEST_PHOTO_MAX_BYTES) throw validationError({ body: TOO_LARGE });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > REQUEST_PHOTO_MAX_BYTES) throw validationError({ body: TOO_LARGE });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Stores a photo sent as the raw request body; answers its URL path. Not an image: 400. */
export async function savePhoto(deps: Deps, ctx: Context): Promise<{ url: string }> {
  const url = await storeOf(deps).save(await readBody(ctx));
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
