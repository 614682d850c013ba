/**
 * The maths and painting of the dashboard's two charts (bars of counts, lines of rates), on any 2D
 * context: WeChat's `type="2d"` canvas and the browser's both have this much. Sizes are in device
 * pixels; `ratio` is device pixels per CSS pixel, so lines and text have the same weight everywhere.
 */

export interface Chart2D {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  font: string;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  stroke(): void;
  fill(): void;
  fillText(text: string, x: number, y: number): void;
}

export interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface BarSpec {
  kind: 'bar';
  labels: string[];
  values: number[];
}

export interface LineSeries {
  name: string;
  color: string;
  /** Rates in 0..1; null where nothing counted (the line breaks there). */
  values: (number | null)[];
}

export interface LineSpec {
  kind: 'line';
  labels: string[];
  series: LineSeries[];
}

export type ChartSpec = BarSpec | LineSpec;

/** The smallest of 1, 2, 5 × 10ⁿ at or above `v` (1 for nothing). */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const mag = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (v <= m * mag + 1e-9) return m * mag;
  return 10 * mag;
}

/** The axis of counts: whole steps from 0 to a round top at or above `max`, about `count` of them. */
export function countTicks(max: number, count = 4): number[] {
  const step = Math.max(1, niceCeil(max / count));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const out: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) out.push(v);
  return out;
}

/** The axis of rates: 0, 25 %, 50 %, 75 %, 100 %. */
export const RATE_TICKS = [0, 0.25, 0.5, 0.75, 1];

/** `0.875` → `88%`; null → `—`. */
export const percent = (v: number | null): string => (v === null ? '—' : `${Math.round(v * 100)}%`);

/** The plot area inside a canvas of `w` × `h`: room on the left for the axis labels, below for the categories. */
export function plotFrame(w: number, h: number, ratio: number): Frame {
  const left = 40 * ratio;
  const top = 12 * ratio;
  const right = 8 * ratio;
  const bottom = 28 * ratio;
  return { left, top, width: Math.max(0, w - left - right), height: Math.max(0, h - top - bottom) };
}

/** Where a value sits on the vertical axis running from 0 (bottom) to `top`. */
export const yOf = (frame: Frame, top: number, v: number): number => frame.top + frame.height - (top > 0 ? (v / top) * frame.height : 0);

/** The centre of each of `n` equal bands across the frame. */
export const bandCentres = (frame: Frame, n: number): number[] =>
  Array.from({ length: n }, (_, i) => frame.left + ((i + 0.5) * frame.width) / n);

/** One bar per value, centred in its band and 60 % of its width, from 0 up to the value. */
export function barRects(frame: Frame, values: number[], top: number): Rect[] {
  const band = values.length ? frame.width / values.length : 0;
  const w = band * 0.6;
  return bandCentres(frame, values.length).map((cx, i) => {
    const y = yOf(frame, top, values[i]!);
    return { x: cx - w / 2, y, w, h: frame.top + frame.height - y };
  });
}

/** The points of a line of rates, one per band; null where the week had nothing to count. */
export const linePoints = (frame: Frame, values: (number | null)[]): (Point | null)[] =>
  bandCentres(frame, values.length).map((x, i) => {
    const v = values[i];
    return v === null || v === undefined ? null : { x, y: yOf(frame, 1, v) };
  });

/** The runs of consecutive points, so a week with nothing breaks the line instead of joining across it. */
export function runs(points: (Point | null)[]): Point[][] {
  const out: Point[][] = [];
  let run: Point[] = [];
  for (const p of points) {
    if (p) run.push(p);
    else if (run.length) {
      out.push(run);
      run = [];
    }
  }
  if (run.length) out.push(run);
  return out;
}

/**
 * The dot of series `i` of `n`, in CSS px: each later series smaller, so where two rates are equal
 * (both 100 %) the earlier one still shows as a ring around the later.
 */
export const dotRadius = (i: number, n: number): number => 2.5 + 1.5 * (n - 1 - i);

const AXIS = '#9ca3af';
const GRID = '#e5e7eb';
const TEXT = '#4b5563';
export const BAR_COLOR = '#1a5fb4';

function axes(ctx: Chart2D, frame: Frame, ticks: number[], label: (v: number) => string, ratio: number) {
  const top = ticks[ticks.length - 1] ?? 1;
  ctx.font = `${11 * ratio}px sans-serif`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = ratio;
  for (const t of ticks) {
    const y = yOf(frame, top, t);
    ctx.strokeStyle = t === 0 ? AXIS : GRID;
    ctx.beginPath();
    ctx.moveTo(frame.left, y);
    ctx.lineTo(frame.left + frame.width, y);
    ctx.stroke();
    ctx.fillStyle = TEXT;
    ctx.fillText(label(t), frame.left - 6 * ratio, y);
  }
}

function categories(ctx: Chart2D, frame: Frame, labels: string[], ratio: number) {
  ctx.font = `${11 * ratio}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillStyle = TEXT;
  bandCentres(frame, labels.length).forEach((x, i) => ctx.fillText(labels[i]!, x, frame.top + frame.height + 8 * ratio));
}

/** Paints a chart on a canvas of `w` × `h` device pixels, white first. */
export function paintChart(ctx: Chart2D, spec: ChartSpec, w: number, h: number, ratio: number): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  const frame = plotFrame(w, h, ratio);
  if (spec.kind === 'bar') {
    const ticks = countTicks(Math.max(0, ...spec.values));
    const top = ticks[ticks.length - 1]!;
    axes(ctx, frame, ticks, String, ratio);
    ctx.fillStyle = BAR_COLOR;
    for (const r of barRects(frame, spec.values, top)) ctx.fillRect(r.x, r.y, r.w, r.h);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillStyle = TEXT;
    barRects(frame, spec.values, top).forEach((r, i) => ctx.fillText(String(spec.values[i]), r.x + r.w / 2, r.y - 2 * ratio));
  } else {
    axes(ctx, frame, RATE_TICKS, percent, ratio);
    ctx.lineWidth = 2 * ratio;
    spec.series.forEach((s, i) => {
      const points = linePoints(frame, s.values);
      ctx.strokeStyle = s.color;
      ctx.fillStyle = s.color;
      for (const run of runs(points)) {
        ctx.beginPath();
        run.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
        ctx.stroke();
      }
      for (const p of points) {
        if (!p) continue;
        ctx.beginPath();
        ctx.arc(p.x, p.y, dotRadius(i, spec.series.length) * ratio, 0, Math.PI * 2);
        ctx.fill();
      }
    });
  }
  categories(ctx, frame, spec.labels, ratio);
}

/** What a screen reader says for a chart: each label with its value(s). */
export function describeChart(spec: ChartSpec): string {
  if (spec.kind === 'bar') return spec.labels.map((l, i) => `${l} ${spec.values[i]}`).join('，');
  return spec.series.map((s) => `${s.name}：${spec.labels.map((l, i) => `${l} ${percent(s.values[i] ?? null)}`).join('，')}`).join('；');
}
