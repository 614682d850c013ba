import Taro from '@tarojs/taro';

/**
 * The bytes of a picture the person picked (chooseImage, chooseAvatar). Not an async function, so
 * the weapp build sees the H5 branch is dead and leaves platform/h5 out.
 */
export function readPickedBytes(path: string): Promise<ArrayBuffer> {
  if (process.env.TARO_ENV === 'h5') return import('../platform/h5').then((h5) => h5.readPickedFile(path));
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().readFile({ filePath: path, success: (r) => resolve(r.data as ArrayBuffer), fail: reject }),
  );
}

/** The Content-Type of a picked picture, by its name (WeChat's temp files keep the extension). */
export const pickedImageType = (path: string) => (/\.png$/i.test(path) ? 'image/png' : /\.webp$/i.test(path) ? 'image/webp' : 'image/jpeg');
