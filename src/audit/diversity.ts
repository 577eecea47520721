/**
 * Streaming diversity statistics of responses: distinct-1/2/3 (distinct word n-grams over all
 * word n-grams, Li et al. 2016), the length distribution in characters, exact duplicates, and
 * the counts of first words (or verifier answers) for an NSB entropy estimate. Each row is seen
 * once; memory grows with distinct n-grams only up to the counters' exact limit (distinct.ts).
 */
import { entropyNsb } from '../info/nsb.js';
import { quantileSorted } from '../stats/bootstrap.js';
import { intColumn } from './column.js';
import { DistinctCounter } from './distinct.js';
import { HashSet53 } from './hash-set.js';
import { firstWord, type RowHashes } from './words.js';

export interface LengthSummary {
  mean: number;
  sd: number;
  min: number;
  p10: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Histogram of lengths: counts per bin [edges[i], edges[i+1]). */
  histogram: { edges: number[]; counts: number[] };
}

export interface DiversityCounts {
  rows: number;
  distinct: { n: number; distinct: number; total: number; ratio: number | null; exact: boolean; relative_standard_error: number }[];
  length: LengthSummary | null;
  exact_duplicates: number;
  exact_duplicate_fraction: number | null;
  /** Rows whose response alone repeats an earlier row's response (prompts may differ). */
  duplicate_response_fraction: number | null;
  nsb: { entropy_bits: number; of: 'first_word' | 'answer'; distinct: number; alphabet: number } | null;
}

export class DiversityAccumulator {
  rows = 0;
  private counters: DistinctCounter[];
  private readonly totals = [0, 0, 0];
  private readonly lengths = intColumn();
  private seenRows = new HashSet53();
  private seenResponses = new HashSet53();
  private duplicates = 0;
  private duplicateResponses = 0;
  private readonly firstItems = new Map<string, number>();
  private firstKind: 'first_word' | 'answer' = 'first_word';

  constructor(exactLimit: number) {
    this.counters = [1, 2, 3].map(() => new DistinctCounter(exactLimit));
  }

  /**
   * One response with its hashes (words.ts). `answer` replaces the first word in the NSB statistic
   * when a verifier reads answers. Returns whether the row repeats an earlier one.
   */
  add(response: string, hashes: RowHashes, answer?: string | null): boolean {
    this.rows++;
    this.lengths.push(response.length);
    for (let n = 1; n <= 3; n++) {
      const counter = this.counters[n - 1];
      const grams = hashes.grams[n - 1];
      const count = hashes.grams_of(n);
      for (let i = 0; i < count; i++) counter.add(grams[i]);
      this.totals[n - 1] += count;
    }
    if (!this.seenResponses.add(hashes.responseHash)) this.duplicateResponses++;
    const repeated = !this.seenRows.add(hashes.rowHash);
    if (repeated) this.duplicates++;
    let key: string;
    if (answer !== undefined) {
      this.firstKind = 'answer';
      key = answer ?? '(no answer)';
    } else key = firstWord(response);
    this.firstItems.set(key, (this.firstItems.get(key) ?? 0) + 1);
    return repeated;
  }

  /** Drop the hash tables once `summary()` has been taken; the accumulator cannot be used after. */
  release(): void {
    this.seenRows = new HashSet53(1);
    this.seenResponses = new HashSet53(1);
    this.counters = [];
  }

  summary(): DiversityCounts {
    const rows = this.rows;
    const distinct = this.counters.map((counter, i) => {
      const estimate = counter.estimate();
      const total = this.totals[i];
      return { n: i + 1, distinct: estimate.distinct, total, ratio: total > 0 ? estimate.distinct / total : null, exact: estimate.exact, relative_standard_error: estimate.relative_standard_error };
    });
    return {
      rows,
      distinct,
      length: lengthSummary(this.lengths.values()),
      exact_duplicates: this.duplicates,
      exact_duplicate_fraction: rows > 0 ? this.duplicates / rows : null,
      duplicate_response_fraction: rows > 0 ? this.duplicateResponses / rows : null,
      nsb: this.nsb(),
    };
  }

  /** NSB entropy of first words (or answers); the alphabet is every distinct word of the data (or every distinct answer seen). */
  private nsb(): DiversityCounts['nsb'] {
    if (this.rows < 2) return null;
    const counts = [...this.firstItems.values()];
    const vocabulary = this.firstKind === 'answer' ? counts.length : Math.round(this.counters[0].estimate().distinct);
    const alphabet = Math.max(counts.length, vocabulary, 2);
    return { entropy_bits: entropyNsb(counts, alphabet), of: this.firstKind, distinct: counts.length, alphabet };
  }
}

/** Mean, spread, quantiles and a 20-bin histogram of response lengths. */
export function lengthSummary(lengths: Int32Array): LengthSummary | null {
  if (lengths.length === 0) return null;
  const sorted = Float64Array.from(lengths).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / sorted.length;
  let squares = 0;
  for (const v of sorted) squares += (v - mean) ** 2;
  const max = sorted[sorted.length - 1];
  const min = sorted[0];
  const bins = 20;
  const width = Math.max(1, Math.ceil((max - min + 1) / bins));
  const edges = Array.from({ length: bins + 1 }, (_, i) => min + i * width);
  const counts = new Array<number>(bins).fill(0);
  for (const v of sorted) counts[Math.min(bins - 1, Math.floor((v - min) / width))]++;
  return {
    mean,
    sd: sorted.length > 1 ? Math.sqrt(squares / (sorted.length - 1)) : 0,
    min,
    p10: quantileSorted(sorted, 0.1),
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    p99: quantileSorted(sorted, 0.99),
    max,
    histogram: { edges, counts },
  };
}
