/**
 * Streaming diversity statistics of responses: distinct-1/2/3 (distinct word n-grams over all
 * word n-grams, Li et al. 2016), the length distribution in characters, exact duplicates, and
 * the counts of first words (or verifier answers) for an NSB entropy estimate. Each row is seen
 * once; memory grows with distinct n-grams only up to the counters' exact limit (distinct.ts), and
 * with distinct lengths (lengths.ts). Whether a row repeats an earlier one is decided by the caller
 * (duplicates.ts, one table for every source); repeated responses are tracked only when asked.
 */
import { entropyNsb } from '../info/nsb.js';
import { DistinctCounter } from './distinct.js';
import { HashSet53 } from './hash-set.js';
import { LengthCounts, type LengthSummary } from './lengths.js';
import { firstWord, type GramHashes } from './words.js';

export type { LengthSummary } from './lengths.js';

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

/** The item a row adds to the NSB statistic: its first word, or its verifier answer when a verifier reads answers. */
export interface FirstItem {
  key: string;
  answer: boolean;
}

/** `answer` undefined: no verifier reads answers. */
export function firstItem(response: string, answer?: string | null): FirstItem {
  return answer !== undefined ? { key: answer ?? '(no answer)', answer: true } : { key: firstWord(response), answer: false };
}

export class DiversityAccumulator {
  rows = 0;
  private counters: DistinctCounter[];
  private readonly totals = [0, 0, 0];
  private readonly lengths = new LengthCounts();
  private seenResponses: HashSet53 | null;
  private duplicates = 0;
  private duplicateResponses = 0;
  private readonly firstItems = new Map<string, number>();
  private firstKind: 'first_word' | 'answer' = 'first_word';

  constructor(exactLimit: number, options: { sketchSize?: number; responses: boolean } = { responses: true }) {
    this.counters = [1, 2, 3].map(() => new DistinctCounter(exactLimit, options.sketchSize));
    this.seenResponses = options.responses ? new HashSet53() : null;
  }

  /**
   * One response with its hashes (words.ts); `repeated`: the row repeats an earlier one. `first`
   * is the row's item of the NSB statistic (`firstItem`), computed once for every accumulator.
   */
  add(response: string, hashes: GramHashes, repeated: boolean, first: FirstItem): void {
    this.rows++;
    this.lengths.add(response.length);
    for (let n = 1; n <= 3; n++) {
      const count = hashes.grams_of(n);
      this.counters[n - 1].addAll(hashes.grams[n - 1], count);
      this.totals[n - 1] += count;
    }
    if (this.seenResponses && !this.seenResponses.add(hashes.responseHash)) this.duplicateResponses++;
    if (repeated) this.duplicates++;
    if (first.answer) this.firstKind = 'answer';
    this.firstItems.set(first.key, (this.firstItems.get(first.key) ?? 0) + 1);
  }

  /** Whether every distinct-n count is still exact (no counter has become a sketch). */
  get distinctExact(): boolean {
    return this.counters.every((counter) => counter.exact);
  }

  /** Drop the hash tables once `summary()` has been taken; the accumulator cannot be used after. */
  release(): void {
    this.seenResponses = null;
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
      length: this.lengths.summary(),
      exact_duplicates: this.duplicates,
      exact_duplicate_fraction: rows > 0 ? this.duplicates / rows : null,
      duplicate_response_fraction: rows > 0 && this.seenResponses ? this.duplicateResponses / rows : null,
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
