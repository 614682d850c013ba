import Taro from '@tarojs/taro';

/** What Taro's selector query gives for a `type="2d"` canvas: WeChat's canvas node, or the browser's canvas in H5. */
export interface CanvasNode<Ctx> {
  width: number;
  height: number;
  getContext(type: '2d'): Ctx | null;
}

/** Device pixels per CSS pixel, so a canvas bitmap is sharp on the phone. */
export const pixelRatio = () => (Taro.getWindowInfo?.() ?? Taro.getSystemInfoSync()).pixelRatio || 2;

/**
 * The canvas node and its size in CSS pixels, once the page has laid it out: WeChat applies a
 * render a moment after React commits it, so the query is tried a few times.
 */
export function findCanvas<Ctx>(id: string, tries = 20): Promise<{ node: CanvasNode<Ctx>; width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const attempt = (left: number) =>
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .node()
        .select(`#${id}`)
        .boundingClientRect()
        .exec((res: [{ node?: CanvasNode<Ctx> } | null, { width?: number; height?: number } | null] | undefined) => {
          const node = res?.[0]?.node;
          const width = res?.[1]?.width;
          const height = res?.[1]?.height ?? 0;
          if (node && width) resolve({ node, width, height });
          else if (left > 0) setTimeout(() => attempt(left - 1), 50);
          else reject(new Error(`canvas #${id} not found`));
        });
    Taro.nextTick(() => attempt(tries));
  });
}
