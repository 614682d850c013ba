import { Canvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { findCanvas, pixelRatio } from '../../utils/canvas';
import { describeChart, paintChart, type Chart2D, type ChartSpec } from '../../utils/chart';
import './index.scss';

let instances = 0;

/**
 * A bar chart of counts or a line chart of rates on one Canvas 2D (`type="2d"` in the weapp, a
 * browser canvas in H5), drawn by utils/chart. `height` is in design px (750 wide); the width is
 * the row's. A screen reader hears every value (`describeChart`).
 */
export default function Chart({ spec, height = 360 }: { spec: ChartSpec; height?: number }) {
  const [id] = useState(() => `jk-chart-${++instances}`);
  const key = JSON.stringify(spec);

  useEffect(() => {
    let gone = false;
    findCanvas<Chart2D>(id)
      .then(({ node, width, height: cssHeight }) => {
        if (gone) return;
        const ratio = pixelRatio();
        node.width = Math.round(width * ratio);
        node.height = Math.round(cssHeight * ratio);
        const ctx = node.getContext('2d');
        if (ctx) paintChart(ctx, spec, node.width, node.height, ratio);
      })
      .catch(() => undefined);
    return () => {
      gone = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, key]);

  const h = Taro.pxTransform(height);
  return (
    <View className="jk-chart" role="img" aria-label={describeChart(spec)}>
      {/* Width and height given, as for the QR code: otherwise Taro's H5 canvas renders again and clears the drawing. */}
      <Canvas type="2d" id={id} className="jk-chart__canvas" style={{ width: '100%', height: h }} width="690" height={`${height}`} />
    </View>
  );
}
