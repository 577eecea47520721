/**
 * From runs to summary rows: for each variant, generation and metric, the mean over seeds with its
 * 95% interval (t, or bootstrap when skewed); then the experiment's run-level rows and closed forms.
 * Bootstrap streams are seeded from the row's name, so a summary is a function of the ledgers only.
 */
import { createRng } from '../../core/rng.js';
import { confidenceInterval } from '../../stats/intervals.js';
import type { Experiment, RunRecord, SummaryRow } from '../types.js';

const BOOTSTRAP_SEED = 20_260_516;

export function summarizeExperiment(experiment: Experiment, runs: readonly RunRecord[]): SummaryRow[] {
  const own = runs.filter((run) => run.experiment === experiment.name).sort((a, b) => a.seed - b.seed);
  const bootstrap = createRng(BOOTSTRAP_SEED);
  const rows: SummaryRow[] = [];
  for (const variant of experiment.variants) {
    const group = own.filter((run) => run.variant === variant.name);
    if (group.length === 0) continue;
    const horizon = Math.max(...group.map((run) => run.rows.length - 1));
    for (let t = 0; t <= horizon; t++) {
      for (const [metric, read] of Object.entries(experiment.metrics)) {
        const values: number[] = [];
        for (const run of group) {
          const row = run.rows[t];
          const value = row && row.generation === t ? read(row) : null;
          if (value !== null && value !== undefined && !Number.isNaN(value)) values.push(value);
        }
        if (values.length === 0) continue;
        const interval = confidenceInterval(values, bootstrap.fork(`${experiment.name}/${variant.name}/${t}/${metric}`));
        rows.push({
          experiment: experiment.name,
          variant: variant.name,
          params: variant.params,
          t,
          metric,
          mean: interval.mean,
          se: interval.se,
          ci_low: interval.low,
          ci_high: interval.high,
          n_runs: values.length,
          kind: 'measured',
          ci_method: interval.method,
        });
      }
    }
  }
  const analyzed = experiment.analyze?.(own) ?? [];
  const measured = [...rows, ...analyzed];
  return [...measured, ...(experiment.closedForms?.(measured) ?? [])];
}
