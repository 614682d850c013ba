import { Canvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { paintQr, qrModules, type Paint2D } from '../../utils/qr';
import './index.scss';

/** What Taro's selector query gives for a `type="2d"` canvas: WeChat's canvas node, or the browser's canvas in H5. */
interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): Paint2D | null;
}

let instances = 0;

const pixelRatio = () => (Taro.getWindowInfo?.() ?? Taro.getSystemInfoSync()).pixelRatio || 2;

/**
 * The canvas node and its width in CSS pixels, once the page has laid it out: WeChat applies a
 * render a moment after React commits it, so the query is tried a few times.
 */
function findCanvas(id: string, tries = 20): Promise<{ node: CanvasNode; width: number }> {
  return new Promise((resolve, reject) => {
    const attempt = (left: number) =>
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .node()
        .select(`#${id}`)
        .boundingClientRect()
        .exec((res: [{ node?: CanvasNode } | null, { width?: number } | null] | undefined) => {
          const node = res?.[0]?.node;
          const width = res?.[1]?.width;
          if (node && width) resolve({ node, width });
          else if (left > 0) setTimeout(() => attempt(left - 1), 50);
          else reject(new Error(`canvas #${id} not found`));
        });
    Taro.nextTick(() => attempt(tries));
  });
}

/**
 * A QR code drawn on one canvas (`type="2d"` in the weapp, a browser canvas in the H5 preview), so a
 * long signed ticket stays one node instead of thousands of views. `size` is in design px (750
 * wide); `label` is what a screen reader says for it.
 */
export default function QrCode({ text, label, size = 400 }: { text: string; label: string; size?: number }) {
  const [id] = useState(() => `jk-qr-${++instances}`);
  const modules = useMemo(() => qrModules(text), [text]);

  useEffect(() => {
    let gone = false;
    findCanvas(id)
      .then(({ node, width }) => {
        if (gone) return;
        const px = Math.round(width * pixelRatio());
        node.width = px;
        node.height = px;
        const ctx = node.getContext('2d');
        if (ctx) paintQr(ctx, modules, px);
      })
      .catch(() => undefined);
    return () => {
      gone = true;
    };
  }, [id, modules]);

  const side = Taro.pxTransform(size);
  return (
    <View className="jk-qr" role="img" aria-label={label} style={{ width: side, height: side }}>
      {/* The bitmap's width and height are given, whatever they are: without them, Taro's H5 canvas
          reads its CSS size after the first render and renders again, which clears what was drawn. */}
      <Canvas type="2d" id={id} className="jk-qr__canvas" style={{ width: side, height: side }} width={`${size}`} height={`${size}`} />
    </View>
  );
}
