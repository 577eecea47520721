/**
 * Inline SVG line charts: one polyline per series (one point per x), optional confidence bands as
 * polygons, dashed lines for theory, and vertical markers. Infinite values are drawn clipped at
 * the plot's edge with a marker, so an infinite KL divergence is visible and not silently dropped.
 */
import { escapeHtml } from './page.js';

export interface ChartPoint {
  x: number;
  /** null or NaN: no value (the line is broken there); ±Infinity: clipped to the edge. */
  y: number | null;
}

export interface ChartBand {
  x: number;
  low: number;
  high: number;
}

export interface ChartSeries {
  name: string;
  points: ChartPoint[];
  /** 95% CI band drawn behind the line. */
  band?: ChartBand[];
  /** Theory's prediction is drawn dashed. */
  dashed?: boolean;
  /** Index into the palette; series with the same index share a colour (mean and its theory). */
  colorIndex?: number;
}

export interface ChartMarker {
  x: number;
  label: string;
}

export interface ChartSpec {
  title: string;
  xLabel: string;
  /** The quantity and its unit, e.g. `held-out bits/char`; drawn along the y axis. */
  yLabel: string;
  series: ChartSeries[];
  markers?: ChartMarker[];
  /** The quantity cannot be negative: the y axis starts at 0 (or below) and shows a 0 tick. */
  nonNegative?: boolean;
  /** The quantity's largest possible value (1 for an accuracy); CI bands are clipped to [0, upper]. */
  upper?: number;
  /** A y range shared with other charts (small multiples); values outside it widen it. */
  yDomain?: [number, number];
  /** Pixels; default 540 × 280 so that two charts fit side by side. */
  width?: number;
  height?: number;
}

/** Ten categorical colours that stay apart for ten variants (Tableau 10; ΔE ≥ 20 between any two). */
export const PALETTE = ['#4E79A7', '#F28E2B', '#E15759', '#76B7B2', '#59A14F', '#EDC948', '#B07AA1', '#FF9DA7', '#9C755F', '#BAB0AC'];

const DEFAULT_WIDTH = 540;
const DEFAULT_HEIGHT = 280;
const MARGIN = { left: 72, right: 16, top: 28, bottom: 40 };

const isValue = (y: number | null): y is number => y !== null && !Number.isNaN(y);

/** About five round tick values covering [low, high]. */
export function niceTicks(low: number, high: number, count = 5, minimumStep = 0): number[] {
  if (!(high > low)) return [low];
  const rawStep = Math.max((high - low) / count, minimumStep);
  const power = 10 ** Math.floor(Math.log10(rawStep));
  const candidates = [1, 2, 2.5, 5, 10].map((m) => m * power).filter((s) => minimumStep === 0 || Number.isInteger(s));
  const step = candidates.find((s) => s >= rawStep) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** The [low, high] of all finite values, padded when flat so a constant line sits mid-plot. */
export function valueRange(values: number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  let low = Math.min(...finite);
  let high = Math.max(...finite);
  if (high === low) {
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  return [low, high];
}

function tickLabel(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 1e5 || magnitude < 1e-3 ? value.toExponential(1) : String(Number(value.toPrecision(4)));
}

const coordinate = (value: number) => value.toFixed(1);

/** The SVG for one chart; returns '' when no series has a value. */
export function lineChart(spec: ChartSpec): string {
  // an interval beyond what the quantity can take (an accuracy CI below 0) is drawn up to the limit
  const clip = (v: number) => Math.min(Math.max(v, spec.nonNegative ? 0 : -Infinity), spec.upper ?? Infinity);
  const series = spec.series
    .filter((s) => s.points.some((p) => isValue(p.y)))
    .map((s) => (s.band ? { ...s, band: s.band.map((b) => ({ x: b.x, low: clip(b.low), high: clip(b.high) })) } : s));
  if (series.length === 0) return '';
  const xs = series.flatMap((s) => s.points.map((p) => p.x)).concat((spec.markers ?? []).map((m) => m.x));
  const [xLow, xHigh] = valueRange(xs);
  const ys = series.flatMap((s) => [...s.points.map((p) => p.y).filter(isValue), ...(s.band ?? []).flatMap((b) => [b.low, b.high])]);
  let [yMin, yMax] = valueRange([...ys, ...(spec.yDomain ?? []), ...(spec.nonNegative ? [0] : [])]);
  if (spec.nonNegative && yMin < 0 && ys.every((y) => !(y < 0))) yMin = 0;
  // a little headroom so lines at the extremes stay visible; a non-negative axis starts exactly at 0
  const yLow = spec.nonNegative && yMin === 0 ? 0 : yMin - 0.03 * (yMax - yMin);
  const yHigh = yMax + 0.03 * (yMax - yMin);
  const WIDTH = spec.width ?? DEFAULT_WIDTH;
  const HEIGHT = spec.height ?? DEFAULT_HEIGHT;
  const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
  const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
  // generations are whole numbers: no ticks at 2.5
  const integerX = xs.every(Number.isInteger);
  const xTicks = niceTicks(xLow, xHigh, 5, integerX ? 1 : 0).filter((t) => t >= xLow && t <= xHigh);
  const yTicks = niceTicks(yLow, yHigh).filter((t) => t >= yLow && t <= yHigh);
  const toX = (x: number) => MARGIN.left + ((x - xLow) / (xHigh - xLow)) * PLOT_WIDTH;
  // infinities are clipped to the plot's edges (the caller's caption says so)
  const toY = (y: number) => (y === Infinity ? MARGIN.top : y === -Infinity ? MARGIN.top + PLOT_HEIGHT : MARGIN.top + (1 - (y - yLow) / (yHigh - yLow)) * PLOT_HEIGHT);
  const parts: string[] = [];
  parts.push(`<svg class="chart" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(spec.title)}">`);
  parts.push(`<text x="${WIDTH / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${escapeHtml(spec.title)}</text>`);
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${PLOT_WIDTH}" height="${PLOT_HEIGHT}" fill="none" stroke="#ccc"/>`);
  for (const tick of yTicks) {
    const y = coordinate(toY(tick));
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_WIDTH}" y1="${y}" y2="${y}" stroke="#eee"/>`);
    parts.push(`<text class="y-tick" x="${MARGIN.left - 4}" y="${y}" dy="4" text-anchor="end" font-size="10">${tickLabel(tick)}</text>`);
  }
  for (const tick of xTicks) {
    const x = coordinate(toX(tick));
    parts.push(`<text x="${x}" y="${MARGIN.top + PLOT_HEIGHT + 14}" text-anchor="middle" font-size="10">${tickLabel(tick)}</text>`);
  }
  parts.push(`<text class="x-label" x="${MARGIN.left + PLOT_WIDTH / 2}" y="${HEIGHT - 6}" text-anchor="middle" font-size="11">${escapeHtml(spec.xLabel)}</text>`);
  const yMiddle = coordinate(MARGIN.top + PLOT_HEIGHT / 2);
  parts.push(`<text class="y-label" x="14" y="${yMiddle}" transform="rotate(-90 14 ${yMiddle})" text-anchor="middle" font-size="11">${escapeHtml(spec.yLabel)}</text>`);
  series.forEach((s, index) => {
    const color = PALETTE[(s.colorIndex ?? index) % PALETTE.length];
    const band = (s.band ?? []).filter((b) => !Number.isNaN(b.low) && !Number.isNaN(b.high));
    if (band.length > 0) {
      const upper = band.map((b) => `${coordinate(toX(b.x))},${coordinate(toY(b.high))}`);
      const lower = [...band].reverse().map((b) => `${coordinate(toX(b.x))},${coordinate(toY(b.low))}`);
      parts.push(`<polygon class="ci-band" data-series="${escapeHtml(s.name)}" points="${[...upper, ...lower].join(' ')}" fill="${color}" fill-opacity="0.15" stroke="none"/>`);
    }
  });
  series.forEach((s, index) => {
    const color = PALETTE[(s.colorIndex ?? index) % PALETTE.length];
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    // a missing value breaks the line into segments
    const segments: ChartPoint[][] = [[]];
    for (const p of s.points) {
      if (isValue(p.y)) segments[segments.length - 1].push(p);
      else if (segments[segments.length - 1].length > 0) segments.push([]);
    }
    for (const segment of segments.filter((g) => g.length > 0)) {
      const points = segment.map((p) => `${coordinate(toX(p.x))},${coordinate(toY(p.y as number))}`).join(' ');
      parts.push(`<polyline class="series${s.dashed ? ' theory' : ''}" data-series="${escapeHtml(s.name)}" points="${points}" fill="none" stroke="${color}" stroke-width="1.8"${dash}/>`);
      if (segment.length === 1) parts.push(`<circle cx="${coordinate(toX(segment[0].x))}" cy="${coordinate(toY(segment[0].y as number))}" r="2.5" fill="${color}"/>`);
    }
    for (const p of s.points.filter((q) => q.y === Infinity || q.y === -Infinity)) {
      const x = coordinate(toX(p.x));
      const y = coordinate(toY(p.y as number));
      parts.push(`<text class="clipped" x="${x}" y="${y}" dy="${p.y === Infinity ? -3 : 11}" text-anchor="middle" font-size="11" fill="${color}">${p.y === Infinity ? '∞' : '−∞'}</text>`);
    }
  });
  for (const marker of spec.markers ?? []) {
    const x = coordinate(toX(marker.x));
    parts.push(`<line class="alarm-marker" x1="${x}" x2="${x}" y1="${MARGIN.top}" y2="${MARGIN.top + PLOT_HEIGHT}" stroke="#c00" stroke-width="1.5" stroke-dasharray="3 3"/>`);
    // labels of markers in the right half go to the line's left so they stay inside the chart
    const left = toX(marker.x) > MARGIN.left + PLOT_WIDTH / 2;
    parts.push(`<text x="${x}" y="${MARGIN.top + 10}" dx="${left ? -3 : 3}" text-anchor="${left ? 'end' : 'start'}" font-size="10" fill="#c00">${escapeHtml(marker.label)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** Series names with their colour and dash, as HTML under the chart (it scales to many variants). */
export function chartLegend(series: ChartSeries[]): string {
  const items = series.map((s, index) => {
    const color = PALETTE[(s.colorIndex ?? index) % PALETTE.length];
    const dash = s.dashed ? ' stroke-dasharray="4 3"' : '';
    const swatch = `<svg width="22" height="8"><line x1="1" x2="21" y1="4" y2="4" stroke="${color}" stroke-width="2"${dash}/></svg>`;
    return `<span class="legend-item">${swatch} ${escapeHtml(s.name)}</span>`;
  });
  return `<div class="legend">${items.join(' ')}</div>`;
}

/** The one value every point and band of the series takes, or null when they differ. */
export function constantValue(series: ChartSeries[]): number | null {
  const values = series.flatMap((s) => [...s.points.map((p) => p.y).filter(isValue), ...(s.band ?? []).flatMap((b) => [b.low, b.high])]);
  return values.length > 0 && values.every((v) => v === values[0]) ? values[0] : null;
}

/**
 * A chart with its legend and a caption; '' when the chart has no values, and one line instead of
 * a flat chart when every value is the same.
 */
export function chartFigure(spec: ChartSpec, caption = ''): string {
  const svg = lineChart(spec);
  if (svg === '') return '';
  const flat = constantValue(spec.series);
  if (flat !== null) return `<p class="flat">${escapeHtml(spec.title)}: ${escapeHtml(spec.yLabel)} is ${escapeHtml(tickLabel(flat))} at every ${escapeHtml(spec.xLabel)}.</p>`;
  const shown = spec.series.filter((s) => s.points.some((p) => isValue(p.y)));
  const clipped = shown.some((s) => s.points.some((p) => p.y === Infinity || p.y === -Infinity));
  const notes = [caption, clipped ? 'Infinite values are drawn at the plot edge and marked ∞.' : ''].filter((n) => n !== '');
  return `<figure>\n${svg}\n${chartLegend(shown)}${notes.length > 0 ? `\n<figcaption>${escapeHtml(notes.join(' '))}</figcaption>` : ''}\n</figure>`;
}
