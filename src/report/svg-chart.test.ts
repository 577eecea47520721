import { describe, expect, it } from 'vitest';
import { chartFigure, constantValue, lineChart, PALETTE, niceTicks, valueRange } from './svg-chart.js';

/** The point lists of every series polyline, as [x, y] pairs. */
function polylines(svg: string): number[][][] {
  return [...svg.matchAll(/<polyline class="series[^"]*"[^>]* points="([^"]*)"/g)].map((m) =>
    m[1].split(' ').map((pair) => pair.split(',').map(Number)),
  );
}

describe('niceTicks and valueRange', () => {
  it('gives round steps covering the range (hand-computed)', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(niceTicks(-0.03, 0.07)).toEqual([-0.02, 0, 0.02, 0.04, 0.06]);
    // whole-number axes (generations) skip the 2.5 step and never go below 1
    expect(niceTicks(0, 12, 5, 1)).toEqual([0, 5, 10]);
    expect(niceTicks(0, 2, 5, 1)).toEqual([0, 1, 2]);
  });

  it('ignores infinities and pads a flat range', () => {
    expect(valueRange([1, Infinity, 3, -Infinity])).toEqual([1, 3]);
    expect(valueRange([2, 2])).toEqual([1.8, 2.2]);
    expect(valueRange([0])).toEqual([-1, 1]);
    expect(valueRange([])).toEqual([0, 1]);
  });
});

describe('lineChart', () => {
  it('draws one point per x, mapped linearly into the plot box', () => {
    const svg = lineChart({ title: 't', xLabel: 'generation', yLabel: 'bits', series: [{ name: 'a', points: [0, 1, 2, 3, 4].map((x) => ({ x, y: x * 2 })) }] });
    const [line] = polylines(svg);
    expect(line).toHaveLength(5);
    // plot box: x from 72 to 524, y from 28 to 240 for values 8.24 .. -0.24 (3% headroom of the
    // range 8 each side), so value 0 sits 212·0.24/8.48 = 6 px above the bottom
    expect(line[0]).toEqual([72, 234]);
    expect(line[4]).toEqual([524, 34]);
    expect(line[2]).toEqual([298, 134]);
  });

  it('breaks the line at missing values and skips series with no value at all', () => {
    const svg = lineChart({
      title: 't',
      xLabel: 'x',
      yLabel: 'bits',
      series: [
        { name: 'gappy', points: [{ x: 0, y: 1 }, { x: 1, y: 2 }, { x: 2, y: null }, { x: 3, y: NaN }, { x: 4, y: 3 }, { x: 5, y: 4 }] },
        { name: 'empty', points: [{ x: 0, y: null }] },
      ],
    });
    expect(polylines(svg).map((line) => line.length)).toEqual([2, 2]);
    expect(svg).not.toContain('empty');
    expect(lineChart({ title: 't', xLabel: 'x', yLabel: 'bits', series: [{ name: 'empty', points: [{ x: 0, y: null }] }] })).toBe('');
  });

  it('clips +Infinity to the top edge with a marker and keeps the point', () => {
    const figure = chartFigure({ title: 'gap', xLabel: 'x', yLabel: 'bits', series: [{ name: 'gap_bits', points: [{ x: 0, y: Infinity }, { x: 1, y: 2 }, { x: 2, y: 1 }] }] });
    const [line] = polylines(figure);
    expect(line).toHaveLength(3);
    expect(line[0][1]).toBe(28);
    expect(figure).toContain('class="clipped"');
    expect(figure).toContain('Infinite values are drawn at the plot edge');
  });

  it('draws a CI band polygon with 2 points per x, dashed theory lines and markers', () => {
    const svg = lineChart({
      title: 't',
      xLabel: 'x',
      yLabel: 'bits',
      series: [
        { name: 'mean', points: [0, 1, 2].map((x) => ({ x, y: x })), band: [0, 1, 2].map((x) => ({ x, low: x - 1, high: x + 1 })) },
        { name: 'theory', dashed: true, points: [0, 1, 2].map((x) => ({ x, y: x })) },
      ],
      markers: [{ x: 1, label: 'alarm' }],
    });
    const polygon = /<polygon class="ci-band"[^>]* points="([^"]*)"/.exec(svg);
    expect(polygon?.[1].split(' ')).toHaveLength(6);
    expect(svg).toMatch(/class="series theory"[^>]*stroke-dasharray/);
    expect(svg.match(/class="alarm-marker"/g)).toHaveLength(1);
  });

  it('escapes names and titles', () => {
    const figure = chartFigure({ title: '<b>&', xLabel: 'x', yLabel: 'bits', series: [{ name: '"a"<script>', points: [{ x: 0, y: 1 }, { x: 1, y: 2 }] }] });
    expect(figure).not.toContain('<script>');
    expect(figure).not.toContain('<b>&');
    expect(figure).toContain('&lt;b&gt;&amp;');
    expect(figure).toContain('&quot;a&quot;&lt;script&gt;');
  });

  it('labels the y axis, and starts a non-negative quantity at an exact 0 tick', () => {
    const svg = lineChart({ title: 't', xLabel: 'generation', yLabel: 'held-out bits/char', nonNegative: true, series: [{ name: 'a', points: [0, 1, 2].map((x) => ({ x, y: 2 + x })) }] });
    expect(svg).toMatch(/<text class="y-label"[^>]*transform="rotate\(-90[^>]*>held-out bits\/char<\/text>/);
    const ticks = [...svg.matchAll(/<text class="y-tick"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(ticks[0]).toBe('0');
    // 0 maps to the bottom of the plot box (y = 240)
    expect(svg).toMatch(/<line x1="72" x2="524" y1="240.0" y2="240.0"/);
    const free = lineChart({ title: 't', xLabel: 'x', yLabel: 'ln σ²', series: [{ name: 'a', points: [0, 1].map((x) => ({ x, y: -5 - x })) }] });
    expect([...free.matchAll(/<text class="y-tick"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).not.toContain('0');
  });

  it('draws a CI band of a bounded quantity only within its bounds (an accuracy within [0, 1])', () => {
    const svg = lineChart({
      title: 't', xLabel: 'x', yLabel: 'accuracy', nonNegative: true, upper: 1,
      series: [{ name: 'a', points: [0, 1].map((x) => ({ x, y: 0.5 })), band: [0, 1].map((x) => ({ x, low: -0.6, high: 1.7 })) }],
    });
    const ys = /<polygon class="ci-band"[^>]* points="([^"]*)"/.exec(svg)![1].split(' ').map((p) => Number(p.split(',')[1]));
    // 1 maps to the top of the box plus 3% headroom, 0 to its bottom (y = 240)
    expect(Math.max(...ys)).toBe(240);
    expect(Math.min(...ys)).toBeCloseTo(28 + 212 * (0.03 / 1.03), 0);
  });

  it('says in one line what a flat chart would show instead of drawing it', () => {
    const flat = chartFigure({ title: 'shift', xLabel: 'generation', yLabel: 'shift (bits)', series: [{ name: 'shift_bits', points: [0, 1, 2].map((x) => ({ x, y: 0 })) }] });
    expect(flat).toBe('<p class="flat">shift: shift (bits) is 0 at every generation.</p>');
    expect(constantValue([{ name: 'a', points: [{ x: 0, y: 1 }], band: [{ x: 0, low: 0.5, high: 1.5 }] }])).toBeNull();
  });
});

describe('PALETTE', () => {
  /** sRGB hex to CIELAB (D65), the standard formulas. */
  function lab(hex: string): [number, number, number] {
    const linear = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    const [r, g, b] = linear;
    const xyz = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883];
    const f = xyz.map((v) => (v > 216 / 24389 ? Math.cbrt(v) : (24389 / 27 * v + 16) / 116));
    return [116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])];
  }

  it('has ten colours, any two at least ΔE 20 apart (CIE76)', () => {
    expect(lab('#FFFFFF')[0]).toBeCloseTo(100, 3);
    expect(PALETTE).toHaveLength(10);
    let closest = Infinity;
    for (let i = 0; i < PALETTE.length; i++) {
      for (let j = i + 1; j < PALETTE.length; j++) {
        const [a, b] = [lab(PALETTE[i]), lab(PALETTE[j])];
        closest = Math.min(closest, Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
      }
    }
    expect(closest).toBeGreaterThan(20);
  });
});
