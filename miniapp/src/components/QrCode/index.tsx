import { Canvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { findCanvas, pixelRatio } from '../../utils/canvas';
import { paintQr, qrModules, type Paint2D } from '../../utils/qr';
import './index.scss';

let instances = 0;

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
    findCanvas<Paint2D>(id)
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
