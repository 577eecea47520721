/**
 * The report of experiment results, rebuilt from each claim's summary.json and verdict.json:
 * the verdict line, then per experiment and metric the mean over seeds with its 95% CI band for
 * every variant (theory's closed forms dashed), and the summary rows as tables.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InfoloopError } from '../core/errors.js';
import { parse } from '../core/json.js';
import { fmt, fmtInterval } from '../experiments/summary/rows.js';
import type { SummaryRow, Verdict } from '../experiments/types.js';
import { escapeHtml, htmlPage, htmlTable, section } from './page.js';
import { variantsFigure } from './small-multiples.js';
import type { ChartSeries } from './svg-chart.js';
import { metricAxis } from './units.js';

export interface ClaimRecord {
  /** Folder name, e.g. claim1. */
  name: string;
  /** From summary.md's first line when present. */
  title: string | null;
  summary: SummaryRow[];
  verdict: (Verdict & { settings?: { quick?: boolean; seeds?: Record<string, number> } }) | null;
  /** Present when the claim's last run failed (its failure.json); its earlier results are not shown. */
  failure: { code: string; message: string; hint?: string } | null;
}

const isMeasured = (row: SummaryRow) => (row.kind ?? 'measured') === 'measured';
const unique = <T>(values: T[]) => [...new Set(values)];

/** Read one claim folder's saved records. */
export function readClaim(dir: string): ClaimRecord {
  const failurePath = join(dir, 'failure.json');
  if (existsSync(failurePath)) {
    let failure: ClaimRecord['failure'];
    try {
      failure = parse<NonNullable<ClaimRecord['failure']>>(readFileSync(failurePath, 'utf8'));
    } catch {
      failure = { code: 'E_RUN', message: `the claim failed and its ${failurePath} is unreadable` };
    }
    return { name: basename(dir), title: null, summary: [], verdict: null, failure };
  }
  const summaryPath = join(dir, 'summary.json');
  let summary: unknown;
  try {
    summary = parse(readFileSync(summaryPath, 'utf8'));
  } catch (error) {
    throw new InfoloopError('E_INPUT', `${summaryPath} could not be read: ${(error as Error).message}`, 'rerun `infoloop exp <claim>` with the same --out to rewrite it (finished runs are reused)');
  }
  if (!Array.isArray(summary)) {
    throw new InfoloopError('E_INPUT', `${summaryPath} is not a list of summary rows`, 'rerun `infoloop exp <claim>` with the same --out to rewrite it');
  }
  const verdictPath = join(dir, 'verdict.json');
  const verdict = existsSync(verdictPath) ? readVerdict(verdictPath) : null;
  const markdownPath = join(dir, 'summary.md');
  const heading = existsSync(markdownPath) ? readFileSync(markdownPath, 'utf8').split('\n')[0] : '';
  const title = heading.startsWith('# ') ? heading.slice(2).trim() : null;
  return { name: basename(dir), title, summary: summary as SummaryRow[], verdict, failure: null };
}

function readVerdict(path: string): ClaimRecord['verdict'] {
  let verdict: ClaimRecord['verdict'];
  try {
    verdict = parse<ClaimRecord['verdict']>(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InfoloopError('E_INPUT', `${path} could not be read: ${(error as Error).message}`, 'rerun `infoloop exp <claim>` with the same --out to rewrite it (finished runs are reused)');
  }
  if (typeof verdict !== 'object' || verdict === null || typeof verdict.label !== 'string' || typeof verdict.statement !== 'string') {
    throw new InfoloopError('E_INPUT', `${path} is not a verdict (no label and statement)`, 'rerun `infoloop exp <claim>` with the same --out to rewrite it');
  }
  return verdict;
}

/** At most `count` generations spread over the sorted list, always with the first and the last. */
export function spreadGenerations(generations: number[], count = 6): number[] {
  const sorted = unique(generations).sort((a, b) => a - b);
  if (sorted.length <= count) return sorted;
  return unique(Array.from({ length: count }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (count - 1))]));
}

function verdictHtml(claim: ClaimRecord): string {
  if (claim.failure) {
    const hint = claim.failure.hint ? ` Hint: ${escapeHtml(claim.failure.hint)}` : '';
    return `<p class="verdict failed">Failed: error[${escapeHtml(claim.failure.code)}] ${escapeHtml(claim.failure.message)}.${hint}</p>`;
  }
  if (!claim.verdict) return '<p class="verdict">No verdict.json in this folder.</p>';
  const { label, statement, settings } = claim.verdict;
  const className = `verdict ${String(label).replace(/\s+/g, '-')}`;
  const seeds = settings?.seeds ? Object.entries(settings.seeds).map(([name, n]) => `${name} ${n}`).join(', ') : '';
  const settingsLine = settings ? `<p>Settings: ${escapeHtml(settings.quick ? 'quick' : 'full')}${seeds ? `; seeds per variant: ${escapeHtml(seeds)}` : ''}. Bands and intervals are 95% CIs over seeds.</p>` : '';
  return `<p class="${escapeHtml(className)}">Verdict: <b>${escapeHtml(label)}</b>. ${escapeHtml(statement)}</p>\n${settingsLine}`;
}

/** Mean lines with CI bands per variant, plus dashed theory lines in the variant's colour. */
export function metricSeries(rows: SummaryRow[]): ChartSeries[] {
  const variants = unique(rows.map((row) => row.variant));
  const series: ChartSeries[] = [];
  variants.forEach((variant, colorIndex) => {
    const measured = rows.filter((row) => row.variant === variant && isMeasured(row)).sort((a, b) => a.t - b.t);
    const theory = rows.filter((row) => row.variant === variant && row.kind === 'closed_form').sort((a, b) => a.t - b.t);
    if (measured.length > 0) {
      series.push({
        name: variant,
        colorIndex,
        points: measured.map((row) => ({ x: row.t, y: row.mean })),
        band: measured.map((row) => ({ x: row.t, low: row.ci_low, high: row.ci_high })),
      });
    }
    if (theory.length > 0) series.push({ name: `${variant} (theory)`, colorIndex, dashed: true, points: theory.map((row) => ({ x: row.t, y: row.mean })) });
  });
  return series;
}

function metricTable(rows: SummaryRow[]): string {
  const variants = unique(rows.map((row) => row.variant));
  const generations = spreadGenerations(rows.filter(isMeasured).map((row) => row.t));
  const cell = (variant: string, t: number) => {
    const measured = rows.find((row) => row.variant === variant && row.t === t && isMeasured(row));
    const theory = rows.find((row) => row.variant === variant && row.t === t && row.kind === 'closed_form');
    return (measured ? fmtInterval(measured) : '') + (theory ? ` (theory ${fmt(theory.mean)})` : '');
  };
  return htmlTable(['variant', ...generations.map((t) => `t=${t}`)], variants.map((variant) => [variant, ...generations.map((t) => cell(variant, t))]));
}

/** Statistics with one value per run (lead times, crossing generations, ...) as a table. */
function runLevelTable(rows: SummaryRow[]): string {
  const measured = rows.filter(isMeasured);
  return htmlTable(
    ['variant', 'statistic', 't', 'mean [95% CI]', 'runs', 'theory'],
    measured.map((row) => {
      const theory = rows.find((r) => r.kind === 'closed_form' && r.variant === row.variant && r.metric === row.metric && r.t === row.t);
      return [row.variant, row.metric, String(row.t), fmtInterval(row), String(row.n_runs), theory ? fmt(theory.mean) : ''];
    }),
  );
}

function experimentHtml(experiment: string, rows: SummaryRow[]): string {
  const parts: string[] = [];
  const runLevel: SummaryRow[] = [];
  for (const metric of unique(rows.map((row) => row.metric))) {
    const own = rows.filter((row) => row.metric === metric);
    const perGeneration = own.filter(isMeasured).some((row, _i, all) => all.some((other) => other.variant === row.variant && other.t !== row.t));
    if (!perGeneration) {
      runLevel.push(...own);
      continue;
    }
    const axis = metricAxis(metric);
    const spec = { title: `${experiment}: ${metric}`, xLabel: 'generation t', yLabel: axis.label, nonNegative: axis.nonNegative, upper: axis.upper, series: metricSeries(own), width: 760 };
    const figure = variantsFigure(spec, 'Lines: mean over seeds; bands: 95% CI; dashed: closed form.');
    parts.push(section(metric, `${figure}\n<div class="scroll">\n${metricTable(own)}\n</div>`, 3));
  }
  if (runLevel.length > 0) parts.push(section('per-run statistics', `<div class="scroll">\n${runLevelTable(runLevel)}\n</div>`, 3));
  return section(`experiment ${experiment}`, parts.join('\n'));
}

function claimHtml(claim: ClaimRecord): string {
  const experiments = unique(claim.summary.map((row) => row.experiment));
  const body = [verdictHtml(claim), ...experiments.map((name) => experimentHtml(name, claim.summary.filter((row) => row.experiment === name)))];
  return `<article>\n<h2>${escapeHtml(claim.title ?? claim.name)}</h2>\n${body.join('\n')}\n</article>`;
}

/** The page for one or more claims' saved results. */
export function experimentReportHtml(claims: ClaimRecord[], title: string): string {
  const overview = claims.length > 1
    ? section('Verdicts', `<ul>\n${claims.map((c) => `<li>${escapeHtml(c.name)}: <b>${escapeHtml(c.failure ? 'failed' : c.verdict?.label ?? 'no verdict')}</b>${c.failure ? ` — ${escapeHtml(c.failure.message)}` : c.verdict ? ` — ${escapeHtml(c.verdict.statement)}` : ''}</li>`).join('\n')}\n</ul>`)
    : '';
  return htmlPage(title, [overview, ...claims.map(claimHtml)].filter((part) => part !== '').join('\n'));
}
