import {
  barRects,
  dotRadius,
  bandCentres,
  countTicks,
  describeChart,
  linePoints,
  niceCeil,
  paintChart,
  percent,
  plotFrame,
  runs,
  yOf,
  type Chart2D,
} from '../src/utils/chart';

describe('chart scales', () => {
  it('rounds an axis top up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 0.3, 1, 1.2, 2, 3, 7, 10, 11, 45, 120].map(niceCeil)).toEqual([1, 0.5, 1, 2, 2, 5, 10, 10, 20, 50, 200]);
  });

  it('counts in whole steps from 0 to a top at or above the largest count', () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(37)).toEqual([0, 10, 20, 30, 40]);
  });

  it('reads rates as whole percentages, and nothing as a dash', () => {
    expect([0, 0.5, 0.875, 1, null].map(percent)).toEqual(['0%', '50%', '88%', '100%', '—']);
  });
});

describe('chart geometry', () => {
  const frame = { left: 80, top: 20, width: 500, height: 200 };

  it('leaves room for the axis labels in device pixels, and never goes negative', () => {
    expect(plotFrame(690, 360, 2)).toEqual({ left: 80, top: 24, width: 594, height: 280 });
    expect(plotFrame(10, 10, 2).width).toBe(0);
  });

  it('puts 0 at the bottom of the frame and the top value at its top', () => {
    expect(yOf(frame, 10, 0)).toBe(220);
    expect(yOf(frame, 10, 10)).toBe(20);
    expect(yOf(frame, 10, 5)).toBe(120);
    expect(yOf(frame, 0, 0)).toBe(220);
  });

  it('centres one bar per band at 60 % of its width, standing on the axis', () => {
    expect(bandCentres(frame, 5)).toEqual([130, 230, 330, 430, 530]);
    const [a, b] = barRects(frame, [4, 0], 8);
    expect(a).toEqual({ x: 80 + 125 - 75, y: 120, w: 150, h: 100 });
    expect(b!.h).toBe(0);
    expect(b!.y).toBe(220);
  });

  it('breaks a line of rates where a week had nothing to count', () => {
    const points = linePoints(frame, [1, null, 0.5, 0]);
    expect(points[0]).toEqual({ x: 142.5, y: 20 });
    expect(points[1]).toBeNull();
    expect(runs(points).map((r) => r.length)).toEqual([1, 2]);
    expect(runs([null, null])).toEqual([]);
  });
});

/** A context that records what was drawn. */
function recorder() {
  const calls: string[] = [];
  const ctx = new Proxy({} as Chart2D & { calls: string[] }, {
    get: (_t, prop) => (prop === 'calls' ? calls : (...args: unknown[]) => calls.push(`${String(prop)}(${args.join(',')})`)),
    set: (_t, prop, v) => (calls.push(`${String(prop)}=${String(v)}`), true),
  });
  return ctx;
}

describe('painting', () => {
  it('paints white, the bars at their rectangles, and each category label', () => {
    const ctx = recorder();
    paintChart(ctx, { kind: 'bar', labels: ['便民服务', '其他'], values: [2, 1] }, 690, 360, 2);
    expect(ctx.calls[1]).toBe('fillRect(0,0,690,360)');
    const frame = plotFrame(690, 360, 2);
    const [r] = barRects(frame, [2, 1], 2);
    expect(ctx.calls).toContain(`fillRect(${r!.x},${r!.y},${r!.w},${r!.h})`);
    expect(ctx.calls.filter((c) => c.startsWith('fillText(便民服务'))).toHaveLength(1);
  });

  it('draws a dot for every counted week of every rate, none for an empty one', () => {
    const ctx = recorder();
    const spec = {
      kind: 'line' as const,
      labels: ['11/2', '11/9', '11/16'],
      series: [
        { name: '受理及时率', color: '#1a5fb4', values: [1, null, 0.5] },
        { name: '满意率', color: '#7c3aed', values: [null, null, 0.25] },
      ],
    };
    paintChart(ctx, spec, 690, 360, 2);
    const arcs = ctx.calls.filter((c) => c.startsWith('arc('));
    expect(arcs).toHaveLength(3);
    // Both rates are counted in the last week: the first series' dot is larger, so it rings the second's.
    const radius = (call: string) => Number(call.split(',')[2]);
    expect(radius(arcs[1]!)).toBe(2 * dotRadius(0, 2));
    expect(radius(arcs[2]!)).toBe(2 * dotRadius(1, 2));
    expect(dotRadius(0, 2)).toBeGreaterThan(dotRadius(1, 2));
    expect(describeChart(spec)).toBe('受理及时率：11/2 100%，11/9 —，11/16 50%；满意率：11/2 —，11/9 —，11/16 25%');
  });
});
