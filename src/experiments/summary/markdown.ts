/**
 * A claim's results on disk: summary.json (the list of summary rows, closed forms included),
 * verdict.json, and summary.md with the verdict line and one table per experiment and metric.
 * Everything here is computed from the rows alone, so the files can be rebuilt from saved records.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from '../../core/json.js';
import { fmt, fmtInterval } from './rows.js';
import type { ClaimDefinition, SummaryRow, Verdict } from '../types.js';

export interface SummarySettings {
  quick: boolean;
  /** Seeds per variant for each experiment. */
  seeds: Record<string, number>;
  /** SHA-256 prefix of the rule and experiment settings (rules.ts). */
  rules_hash?: string;
}

/** Up to five generations to show: 0, quarters of the horizon, and the last. */
export function shownGenerations(horizon: number): number[] {
  return [...new Set([0, Math.round(horizon / 4), Math.round(horizon / 2), Math.round((3 * horizon) / 4), horizon])].filter((t) => t >= 0);
}

const isMeasured = (row: SummaryRow) => (row.kind ?? 'measured') === 'measured';

function cell(rows: SummaryRow[], variant: string, t: number, metric: string): string {
  const measured = rows.find((r) => r.variant === variant && r.t === t && r.metric === metric && isMeasured(r));
  if (!measured) return '';
  const theory = rows.find((r) => r.variant === variant && r.t === t && r.metric === metric && r.kind === 'closed_form');
  return fmtInterval(measured) + (theory ? ` (theory ${fmt(theory.mean)})` : '');
}

/** Markdown tables for one experiment: per-generation metrics, then run-level rows. */
function experimentTables(name: string, description: string, metrics: string[], rows: SummaryRow[]): string[] {
  const own = rows.filter((row) => row.experiment === name);
  if (own.length === 0) return [];
  const variants = [...new Set(own.map((row) => row.variant))];
  const lines = [`## ${name}`, '', description, ''];
  const horizon = Math.max(...own.filter((row) => metrics.includes(row.metric) && isMeasured(row)).map((row) => row.t));
  for (const metric of metrics) {
    if (!own.some((row) => row.metric === metric)) continue;
    const generations = shownGenerations(horizon);
    lines.push(`### ${metric}`, '', `| variant | ${generations.map((t) => `t=${t}`).join(' | ')} |`, `|---|${generations.map(() => '---').join('|')}|`);
    for (const variant of variants) {
      const cells = generations.map((t) => cell(own, variant, t, metric));
      // variants with only run-level rows (a pooled group, say) have no per-generation line
      if (cells.some((c) => c !== '')) lines.push(`| ${variant} | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  const runLevel = own.filter((row) => !metrics.includes(row.metric) && isMeasured(row));
  if (runLevel.length > 0) {
    lines.push('### per-run statistics', '', '| variant | statistic | over generations 0..t | mean [95% CI] | runs | theory |', '|---|---|---|---|---|---|');
    for (const row of runLevel) {
      const theory = own.find((r) => r.kind === 'closed_form' && r.variant === row.variant && r.metric === row.metric && r.t === row.t);
      lines.push(`| ${row.variant} | ${row.metric} | ${row.t} | ${fmtInterval(row)} | ${row.n_runs} | ${theory ? fmt(theory.mean) : ''} |`);
    }
    lines.push('');
  }
  return lines;
}

export function renderMarkdown(claim: ClaimDefinition, summary: SummaryRow[], verdict: Verdict, settings: SummarySettings): string {
  const lines = [
    `# ${claim.name} — ${claim.title}`,
    '',
    `**Verdict: ${verdict.label}.** ${verdict.statement}`,
    '',
    ...(settings.rules_hash ? [`Rules hash: \`${settings.rules_hash}\` (the verdict rule in claims/${claim.name}/verdict.ts: ${claim.rule.comparison}; its named thresholds ${Object.entries(claim.rule.thresholds).map(([name, value]) => `${name} = ${value}`).join(', ')}; and the experiment settings).`, ''] : []),
    `Settings: ${settings.quick ? 'quick' : 'full'}; seeds per variant: ${Object.entries(settings.seeds).map(([name, n]) => `${name} ${n}`).join(', ')}. ` +
      'Cells are mean [95% CI] over seeds: Student t; percentile bootstrap where |skewness| > 1 with ≥ 10 runs, and for non-negative metrics whose t interval would reach below 0; ' +
      '"deterministic" when every run gave the same value (the only zero-width interval); "agree to 12 digits" when different runs differ by rounding only; a narrow interval is shown with the digits its ends need to differ; fewer than 10 runs are flagged beside the interval.',
    '',
  ];
  // experiments that run in phases may share a name (one table set for all their variants)
  const shown = new Set<string>();
  for (const experiment of claim.experiments) {
    if (shown.has(experiment.name)) continue;
    shown.add(experiment.name);
    lines.push(...experimentTables(experiment.name, experiment.description, Object.keys(experiment.metrics), summary));
  }
  return lines.join('\n');
}

export function writeSummary(dir: string, claim: ClaimDefinition, summary: SummaryRow[], verdict: Verdict, settings: SummarySettings): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'summary.json'), stringify(summary, 1) + '\n');
  writeFileSync(join(dir, 'verdict.json'), stringify({ ...verdict, rules_hash: settings.rules_hash, comparison: claim.rule.comparison, settings }, 2) + '\n');
  writeFileSync(join(dir, 'summary.md'), renderMarkdown(claim, summary, verdict, settings));
}

/** One line per claim, for `exp all` and the terminal. */
export function verdictLines(verdicts: Verdict[]): string {
  return verdicts.map((v) => `- ${v.claim}: **${v.label}** — ${v.statement}`).join('\n') + '\n';
}
