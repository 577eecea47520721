/**
 * The signal bits of a dataset's own judgements (a binary label or a score) and of a verifier,
 * with the ledger's formulas (ledger/accounting.ts): signal entropy N·H2(â), shift bits of a filter
 * at acceptance â, and how much the label says about the verifier's verdict, I(label; verified),
 * with a seeded bootstrap interval and a G-test of independence.
 */
import { createRng } from '../core/rng.js';
import { filterShiftBits, signalEntropyBits, weightShiftBits } from '../ledger/accounting.js';
import { bootstrapCountsCI } from '../stats/count-bootstrap.js';
import { binaryEntropy } from '../info/entropy.js';
import { mutualInformation } from '../info/mutual.js';
import { normalCdf } from '../stats/special.js';
import { flagColumn, floatColumn } from './column.js';

export class SignalAccumulator {
  /** Per row: 1 kept, 0 rejected, −1 no label. */
  readonly labels = flagColumn();
  /** Per row: the score, NaN when absent (kept only when a score field is read: 8 bytes a row). */
  readonly scores = floatColumn();
  private readonly keepScores: boolean;
  /** Per row: 1 pass, 0 fail, −1 not verified. */
  readonly verdicts = flagColumn();
  labelsUnparsed = 0;

  constructor(options: { scores: boolean } = { scores: true }) {
    this.keepScores = options.scores;
  }

  add(label: number | null, labelPresent: boolean, score: number | null, verdict: boolean | null): void {
    this.labels.push(label ?? -1);
    if (label === null && labelPresent) this.labelsUnparsed++;
    if (this.keepScores) this.scores.push(score ?? NaN);
    this.verdicts.push(verdict === null ? -1 : verdict ? 1 : 0);
  }
}

export interface SignalOptions {
  /** A score at or above this counts as kept (scores only). */
  scoreThreshold?: number;
  seed: number;
  /** Bootstrap replicates for the mutual information interval. */
  replicates: number;
}

export interface SignalSummary {
  /** What the judgement is: a binary label, a score thresholded into one, a score used as a weight, or none. */
  kind: 'label' | 'score-binary' | 'score-threshold' | 'score-weight' | null;
  n_judged: number;
  n_kept: number | null;
  unparsed_labels: number;
  acceptance: number | null;
  signal_entropy_bits: number | null;
  shift_bits: number | null;
}

export interface Confusion {
  label_kept_pass: number;
  label_kept_fail: number;
  label_rejected_pass: number;
  label_rejected_fail: number;
}

export interface VerifierSummary {
  name: string;
  n_verified: number;
  n_pass: number;
  /** Rows the verifier could not judge (no reference, or no number in the reference). */
  n_unverifiable: number;
  pass_rate: number | null;
  /** Fraction of rows with both a label and a verdict where the two agree. */
  agreement: number | null;
  confusion: Confusion | null;
  mi_label_verified_bits: number | null;
  mi_ci: [number, number] | null;
  /** G-test of independence of label and verdict (G = 2N ln2 · I ~ χ²₁ under independence). */
  mi_p_value: number | null;
  /** false: no detectable information about correctness in the label at the 5% level. */
  label_informative: boolean | null;
  /** Task bits the label's filter can have injected, at most min(shift_bits, n · I(label; verified)) (theory.md §3). */
  label_injected_bits_bound: number | null;
}

/** The dataset's own judgements as ledger quantities. */
export function summarizeSignal(signal: SignalAccumulator, options: Pick<SignalOptions, 'scoreThreshold'>): SignalSummary {
  const labels = signal.labels.values();
  let judged = 0;
  let kept = 0;
  for (const label of labels) {
    if (label >= 0) {
      judged++;
      kept += label;
    }
  }
  const none: SignalSummary = { kind: null, n_judged: 0, n_kept: null, unparsed_labels: signal.labelsUnparsed, acceptance: null, signal_entropy_bits: null, shift_bits: null };
  if (judged > 0) return binarySummary('label', judged, kept, signal.labelsUnparsed);
  const scores = [...signal.scores.values()].filter((s) => !Number.isNaN(s));
  if (scores.length === 0) return none;
  if (scores.every((s) => s === 0 || s === 1)) return binarySummary('score-binary', scores.length, scores.filter((s) => s === 1).length, 0);
  if (options.scoreThreshold !== undefined) {
    const threshold = options.scoreThreshold;
    return binarySummary('score-threshold', scores.length, scores.filter((s) => s >= threshold).length, 0);
  }
  return {
    ...none,
    kind: 'score-weight',
    n_judged: scores.length,
    signal_entropy_bits: signalEntropyBits(scores),
    shift_bits: scores.every((s) => s >= 0) ? weightShiftBits(scores) : null,
  };
}

function binarySummary(kind: SignalSummary['kind'], judged: number, kept: number, unparsed: number): SignalSummary {
  const acceptance = kept / judged;
  return { kind, n_judged: judged, n_kept: kept, unparsed_labels: unparsed, acceptance, signal_entropy_bits: judged * binaryEntropy(acceptance), shift_bits: filterShiftBits(kept, judged) };
}

/** I(label; verified) of the 2×2 table, its cells indexed 2·label + verdict, both in {0, 1}. */
const tableMi = (counts: ArrayLike<number>): number => mutualInformation([[counts[0], counts[1]], [counts[2], counts[3]]]);

/** Per-row binary judgements (1, 0, −1 none) of the label: the label itself, or a binary/thresholded score. */
export function binaryJudgements(signal: SignalAccumulator, summary: SignalSummary, scoreThreshold?: number): Int8Array {
  if (summary.kind === 'label') return signal.labels.values();
  const scores = signal.scores.values();
  const out = new Int8Array(signal.labels.length).fill(-1);
  if (summary.kind === 'score-binary' || summary.kind === 'score-threshold') {
    const threshold = summary.kind === 'score-binary' ? 1 : (scoreThreshold as number);
    for (let i = 0; i < scores.length; i++) if (!Number.isNaN(scores[i])) out[i] = scores[i] >= threshold ? 1 : 0;
  }
  return out;
}

/** The verifier's pass rate and its agreement with the dataset's own binary judgement. */
export function summarizeVerifier(name: string, signal: SignalAccumulator, judgements: Int8Array, labelSummary: SignalSummary, options: SignalOptions): VerifierSummary {
  const verdicts = signal.verdicts.values();
  let verified = 0;
  let pass = 0;
  const counts = new Float64Array(4);
  for (let i = 0; i < verdicts.length; i++) {
    if (verdicts[i] < 0) continue;
    verified++;
    pass += verdicts[i];
    if (judgements[i] >= 0) counts[2 * judgements[i] + verdicts[i]]++;
  }
  const n = counts[0] + counts[1] + counts[2] + counts[3];
  const base: VerifierSummary = {
    name,
    n_verified: verified,
    n_pass: pass,
    n_unverifiable: verdicts.length - verified,
    pass_rate: verified > 0 ? pass / verified : null,
    agreement: null,
    confusion: null,
    mi_label_verified_bits: null,
    mi_ci: null,
    mi_p_value: null,
    label_informative: null,
    label_injected_bits_bound: null,
  };
  if (n === 0) return base;
  const mi = tableMi(counts);
  const g = 2 * n * Math.LN2 * mi;
  const pValue = 2 * (1 - normalCdf(Math.sqrt(g))); // P(χ²₁ > G)
  let interval: [number, number] | null = null;
  if (n >= 2) {
    // resampling the rows is a multinomial draw over the four cells: the same bootstrap at a cost independent of N
    const result = bootstrapCountsCI(tableMi, counts, { B: options.replicates, rng: createRng(options.seed).fork('audit-mi') });
    interval = result.bca ?? result.percentile;
  }
  return {
    ...base,
    agreement: (counts[0] + counts[3]) / n,
    confusion: { label_rejected_fail: counts[0], label_rejected_pass: counts[1], label_kept_fail: counts[2], label_kept_pass: counts[3] },
    mi_label_verified_bits: mi,
    mi_ci: interval,
    mi_p_value: pValue,
    label_informative: pValue < 0.05,
    label_injected_bits_bound: labelSummary.shift_bits === null ? null : Math.min(labelSummary.shift_bits, labelSummary.n_judged * mi),
  };
}

/** Bits a hard filter by the verifier would inject: n_pass · (−log2 pass rate). */
export function verifierFilterBits(verifier: VerifierSummary | null): number | null {
  return verifier && verifier.n_verified > 0 ? filterShiftBits(verifier.n_pass, verifier.n_verified) : null;
}
