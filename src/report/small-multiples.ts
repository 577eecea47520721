/**
 * Many variants in one chart are a tangle: one small panel per variant on a shared y range, so
 * each line can be read and panels compared by position; the all-in-one chart stays one click away
 * (details/summary, no script).
 */
import { escapeHtml } from './page.js';
import { chartFigure, constantValue, lineChart, PALETTE, type ChartSeries, type ChartSpec } from './svg-chart.js';

/** Above this many variants a metric is drawn as small multiples. */
export const MAX_VARIANTS_IN_ONE_CHART = 4;

/** Series grouped by variant: a variant's mean and its theory share a colour index. */
export function variantGroups(series: ChartSeries[]): ChartSeries[][] {
  const groups = new Map<number, ChartSeries[]>();
  series.forEach((s, index) => {
    const key = s.colorIndex ?? index;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  });
  return [...groups.values()];
}

function finiteValues(series: ChartSeries[]): number[] {
  return series.flatMap((s) => [...s.points.map((p) => p.y), ...(s.band ?? []).flatMap((b) => [b.low, b.high])]).filter((v): v is number => v !== null && Number.isFinite(v));
}

/** One chart, or small multiples with the combined chart folded away when there are many variants. */
export function variantsFigure(spec: ChartSpec, caption: string): string {
  const groups = variantGroups(spec.series);
  if (groups.length <= MAX_VARIANTS_IN_ONE_CHART || constantValue(spec.series) !== null) return chartFigure(spec, caption);
  const limit = (v: number) => Math.min(Math.max(v, spec.nonNegative ? 0 : -Infinity), spec.upper ?? Infinity);
  const values = finiteValues(spec.series).map(limit);
  const yDomain: [number, number] = [Math.min(...values), Math.max(...values)];
  const panels = groups.map((group) => {
    const name = group.find((s) => !s.dashed)?.name ?? group[0].name;
    const color = PALETTE[(group[0].colorIndex ?? 0) % PALETTE.length];
    const svg = lineChart({ ...spec, title: name, series: group, yDomain, width: 340, height: 210 });
    return svg === '' ? '' : `<div class="panel" style="border-top: 3px solid ${color}">\n${svg}\n</div>`;
  });
  const combined = chartFigure(spec, caption);
  return [
    `<figure class="multiples">`,
    `<figcaption><b>${escapeHtml(spec.title)}</b>: one panel per variant, all on the same y range. ${escapeHtml(caption)}</figcaption>`,
    `<div class="panels">\n${panels.filter((p) => p !== '').join('\n')}\n</div>`,
    `</figure>`,
    `<details class="combined"><summary>all ${groups.length} variants in one chart</summary>\n${combined}\n</details>`,
  ].join('\n');
}
