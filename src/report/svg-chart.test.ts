import { describe, expect, it } from 'vitest';
import { chartFigure, lineChart, niceTicks, valueRange } from './svg-chart.js';

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
    const svg = lineChart({ title: 't', xLabel: 'generation', series: [{ name: 'a', points: [0, 1, 2, 3, 4].map((x) => ({ x, y: x * 2 })) }] });
    const [line] = polylines(svg);
    expect(line).toHaveLength(5);
    // plot box: x from 60 to 524, y from 28 to 240 for values 8.24 .. -0.24 (3% headroom of the
    // range 8 each side), so value 0 sits 212·0.24/8.48 = 6 px above the bottom
    expect(line[0]).toEqual([60, 234]);
    expect(line[4]).toEqual([524, 34]);
    expect(line[2]).toEqual([292, 134]);
  });

  it('breaks the line at missing values and skips series with no value at all', () => {
    const svg = lineChart({
      title: 't',
      xLabel: 'x',
      series: [
        { name: 'gappy', points: [{ x: 0, y: 1 }, { x: 1, y: 2 }, { x: 2, y: null }, { x: 3, y: NaN }, { x: 4, y: 3 }, { x: 5, y: 4 }] },
        { name: 'empty', points: [{ x: 0, y: null }] },
      ],
    });
    expect(polylines(svg).map((line) => line.length)).toEqual([2, 2]);
    expect(svg).not.toContain('empty');
    expect(lineChart({ title: 't', xLabel: 'x', series: [{ name: 'empty', points: [{ x: 0, y: null }] }] })).toBe('');
  });

  it('clips +Infinity to the top edge with a marker and keeps the point', () => {
    const figure = chartFigure({ title: 'gap', xLabel: 'x', series: [{ name: 'gap_bits', points: [{ x: 0, y: Infinity }, { x: 1, y: 2 }, { x: 2, y: 1 }] }] });
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
    const figure = chartFigure({ title: '<b>&', xLabel: 'x', series: [{ name: '"a"<script>', points: [{ x: 0, y: 1 }] }] });
    expect(figure).not.toContain('<script>');
    expect(figure).not.toContain('<b>&');
    expect(figure).toContain('&lt;b&gt;&amp;');
    expect(figure).toContain('&quot;a&quot;&lt;script&gt;');
  });
});
