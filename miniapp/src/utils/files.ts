import Taro from '@tarojs/taro';
import { mediaUrl } from '../config';

/** Where <Image> finds a picture the API serves (`/api/...`), or a full URL as it is (config's mediaUrl). */
export const mediaSrc = (url: string) => mediaUrl(url)!;

/**
 * The bytes of a file the person picked (a photo, an avatar). Not an async function, so the weapp
 * build sees the H5 branch is dead and leaves platform/h5 out.
 */
export function readBytes(path: string): Promise<ArrayBuffer> {
  if (process.env.TARO_ENV === 'h5') return import('../platform/h5').then((h5) => h5.readPickedFile(path));
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().readFile({ filePath: path, success: (r) => resolve(r.data as ArrayBuffer), fail: reject }),
  );
}

/** The image type to send with a picked file, by its name (the server checks the bytes themselves). */
export const imageTypeOf = (path: string) => (/\.png$/i.test(path) ? 'image/png' : /\.webp$/i.test(path) ? 'image/webp' : 'image/jpeg');
