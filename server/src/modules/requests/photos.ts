import path from 'node:path';
import type { Context } from 'koa';
import { REQUEST_PHOTO_MAX_BYTES } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { notFound, validationError } from '../../http/errors';
import { MediaStore } from '../../lib/media-store';
import { readRawBody } from '../../lib/raw-body';
import * as repo from './repo';

/**
 * Photos of 诉求, stored like avatars by content hash, but each uploader's copy under a name of its
 * own (the hash covers the uploader too), served from our own route.
 */
const storeOf = (deps: Deps) =>
  new MediaStore(path.join(deps.config.dataDir, 'request-photos'), '/api/request-photos', ['png', 'jpg', 'webp']);

const TOO_LARGE = '照片不能超过 2MB，请压缩后再上传';

/**
 * Stores a photo sent as the raw request body under its uploader, and answers its URL path. Not a
 * well-formed image, or over 2 MB: 400 naming the body.
 */
export async function savePhoto(deps: Deps, ctx: Context, userId: string): Promise<{ url: string }> {
  const store = storeOf(deps);
  const url = await store.save(await readRawBody(ctx, REQUEST_PHOTO_MAX_BYTES, () => validationError({ body: TOO_LARGE })), userId);
  if (!url) throw validationError({ body: '请上传 PNG、JPG 或 WebP 图片' });
  await repo.recordPhoto(url.slice(store.urlPrefix.length + 1), userId, deps.now());
  return { url };
}

/** Which of these photo URLs this person did not upload here (or are gone), by index (`photos.1`). */
export async function photosNotOwned(deps: Deps, userId: string, urls: string[]): Promise<Record<string, string>> {
  const store = storeOf(deps);
  const names = urls.map((url) => url.slice(store.urlPrefix.length + 1));
  const uploaders = await repo.photoUploaders(names);
  const fields: Record<string, string> = {};
  for (const [i, name] of names.entries()) {
    if (uploaders.get(name) !== userId || !(await store.has(name))) fields[`photos.${i}`] = '没有找到您上传的这张照片，请重新上传';
  }
  return fields;
}

/** 注销账号: the photos the person uploaded, files and rows; answers how many. */
export async function forgetPhotosOf(deps: Deps, userId: string): Promise<number> {
  const store = storeOf(deps);
  const names = await repo.photosOfUser(userId);
  for (const name of names) {
    await store.remove(name);
    await repo.forgetPhoto(name);
  }
  return names.length;
}

export async function readPhoto(deps: Deps, name: string): Promise<{ body: Buffer; type: string }> {
  const file = await storeOf(deps).read(name);
  if (!file) throw notFound();
  return file;
}
