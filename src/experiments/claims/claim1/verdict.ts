/**
 * Claim 1's verdict. Three checks at the last generation T:
 *  collapse   — replace-mle n=10: CI of ln σ²_T below 0; uniform n=100 replace: CI of h_T below h_0;
 *  rate       — both means within RATE_TOLERANCE_SE standard errors of their closed forms;
 *  mitigation — Welch 95% CI of (mix-0.5 − replace-mle) ln σ²_T at n=10 above 0.
 * "supported" if all three hold; "not supported" if a collapse CI lies at or above the start, a closed
 * form misses by more than RATE_TOLERANCE_SE standard errors, or the mitigation CI lies below 0;
 * otherwise "inconclusive". The n-gram text experiment, when it ran, is reported (no closed form, so
 * no part of the rule).
 */
import { finalGeneration, fmt, fmtInterval, rowAt, rowDifference } from '../../summary/rows.js';
import type { RowRef, SummaryRow, Verdict } from '../../types.js';
import { CATEGORICAL_EXPERIMENT, categoricalMetric, categoricalVariant, initialHeterozygosity } from './categorical.js';
import { GAUSSIAN_EXPERIMENT, gaussianMetric, gaussianVariant } from './gaussian.js';
import { NGRAM_TEXT_EXPERIMENT, textMetric, type TextVariant } from './text.js';

/** A measured mean may miss its closed form by this many standard errors. */
export const RATE_TOLERANCE_SE = 4;
/** Rounding of sums of doubles, added to the tolerance. */
const ROUNDING = 1e-12;

/** The rule's named thresholds and its one pre-registered comparison (hashed with the settings: summary/rules.ts). */
export const claim1Rule = {
  thresholds: { RATE_TOLERANCE_SE, ROUNDING },
  comparison: 'replace-mle ln σ²_T at n=10 against its closed form, within RATE_TOLERANCE_SE standard errors',
} as const;

const rows = {
  logVariance: { experiment: GAUSSIAN_EXPERIMENT, variant: gaussianVariant('replace-mle', 10), metric: gaussianMetric.logSigma2 },
  gap: { experiment: GAUSSIAN_EXPERIMENT, variant: gaussianVariant('replace-mle', 10), metric: gaussianMetric.gapBits },
  mixed: { experiment: GAUSSIAN_EXPERIMENT, variant: gaussianVariant('mix-0.5', 10), metric: gaussianMetric.logSigma2 },
  heterozygosity: { experiment: CATEGORICAL_EXPERIMENT, variant: categoricalVariant('uniform', 100, 'replace'), metric: categoricalMetric.heterozygosity },
} satisfies Record<string, RowRef>;

const TEXT_START: TextVariant = 'replace';
const TEXT_SHOWN: TextVariant[] = ['replace', 'accumulate', 'mix-0.5'];
const textRow = (variant: TextVariant): RowRef => ({ experiment: NGRAM_TEXT_EXPERIMENT, variant, metric: textMetric.heldoutBitsPerChar });

/** Every row the verdict reads. */
export const claim1Reads: RowRef[] = [...Object.values(rows), ...TEXT_SHOWN.map(textRow)];

export function claim1Verdict(summary: SummaryRow[]): Verdict {
  const T = finalGeneration(summary, GAUSSIAN_EXPERIMENT);
  const C = finalGeneration(summary, CATEGORICAL_EXPERIMENT);
  const logVariance = rowAt(summary, rows.logVariance, T);
  const logVarianceTheory = rowAt(summary, rows.logVariance, T, 'closed_form');
  const mixed = rowAt(summary, rows.mixed, T);
  const heterozygosity = rowAt(summary, rows.heterozygosity, C);
  const heterozygosityTheory = rowAt(summary, rows.heterozygosity, C, 'closed_form');
  if (!logVariance || !logVarianceTheory || !mixed || !heterozygosity || !heterozygosityTheory) {
    return { claim: 'claim1', label: 'inconclusive', statement: `claim1 inconclusive: the ${rows.logVariance.variant}, ${rows.mixed.variant} or ${rows.heterozygosity.variant} results are missing` };
  }
  const h0 = initialHeterozygosity('uniform');
  const withinTolerance = (row: SummaryRow, theory: SummaryRow) => Math.abs(row.mean - theory.mean) <= RATE_TOLERANCE_SE * row.se + ROUNDING;
  const mitigation = rowDifference(mixed, logVariance);
  const collapse = logVariance.ci_high < 0 && heterozygosity.ci_high < h0;
  const noCollapse = logVariance.ci_low >= 0 || heterozygosity.ci_low >= h0;
  const rate = withinTolerance(logVariance, logVarianceTheory) && withinTolerance(heterozygosity, heterozygosityTheory);
  const label = collapse && rate && mitigation.low > 0 ? 'supported' : noCollapse || !rate || mitigation.high < 0 ? 'not supported' : 'inconclusive';
  const gap = rowAt(summary, rows.gap, T);
  const statement =
    `claim1 ${label}: replace-mle n=10 ln σ²_${T} = ${fmtInterval(logVariance)} (closed form ${fmt(logVarianceTheory.mean)})` +
    `${gap ? `, gap ${fmtInterval(gap)} bits` : ''}; ` +
    `uniform n=100 replace h_${C} = ${fmtInterval(heterozygosity)} (closed form ${fmt(heterozygosityTheory.mean)}, h_0 = ${fmt(h0)}); ` +
    `mix-0.5 − replace-mle ln σ²_${T} = ${fmt(mitigation.difference)} [${fmt(mitigation.low)}, ${fmt(mitigation.high)}]`;
  return { claim: 'claim1', label, statement: statement + textClause(summary) };
}

/** The text experiment, when it ran: held-out bits/char at the start and the end. */
function textClause(summary: SummaryRow[]): string {
  const T = finalGeneration(summary, NGRAM_TEXT_EXPERIMENT);
  const start = rowAt(summary, textRow(TEXT_START), 0);
  const parts = TEXT_SHOWN.flatMap((variant) => {
    const row = rowAt(summary, textRow(variant), T);
    return row ? [`${variant} ${fmtInterval(row)}`] : [];
  });
  return start && parts.length > 0 ? `; ngram text held-out bits/char ${fmt(start.mean)} at t=0, at t=${T}: ${parts.join(', ')}` : '';
}
