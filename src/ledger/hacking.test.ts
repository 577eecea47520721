import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import type { LedgerRow } from './schema.js';
import { annotateHackingAlarms, collectEvidence, detectHacking, firstAlarm, hackingMonitor, type GenerationEvidence } from './hacking.js';
import { conditionalMutualInformation, permutationPValue, twoProportionZ } from '../info/conditional-dependence.js';

/**
 * A hand-built generation: 200 samples of which `featured` end in "!" (the rest in "."); the first
 * 32 are audited. Sample i is correct iff i % 3 === 0. The score is correctness plus `reward` for "!".
 */
function generation(n: number, featured: number, reward: number): GenerationEvidence {
  const samples = Array.from({ length: n }, (_, i) => {
    const bang = (i * 119) % n < featured; // i ↦ 119·i mod 200 is a permutation, so exactly `featured` samples
    const correct = i % 3 === 0;
    return { text: `${10 + (i % 7)}${bang ? '!' : '.'}`, score: (correct ? 1 : 0) + (bang ? reward : 0), correct };
  });
  return collectEvidence(samples, samples.slice(0, 32).map((s) => s.correct));
}

function row(generationIndex: number, evidence: GenerationEvidence): LedgerRow {
  return {
    run_id: 'r', seed: 1, generation: generationIndex, policy: 'replace', signal: 's', signal_reads: 'task', closed: false,
    n_generated: 0, n_judged: 0, n_kept: 0, acceptance: null, signal_entropy_bits: 0, injected_bits: 0, injected_bits_cum: 0, injected_bits_upper: 0, policy_injected_bits: 0,
    shift_bits: 0, gap_bits: null, accuracy: null, heldout_accuracy: null, entropy_bits: null, support: null, wall_ms: 0,
    extras: { hacking_evidence: evidence },
  };
}

describe('hacking statistics', () => {
  it('computes conditional mutual information on known tables', () => {
    // Within each stratum X = Y, uniform on {0,1}: I(X;Y|Z) = 1 bit; Y independent of X: 0.
    const xs = [0, 1, 0, 1, 0, 1, 0, 1];
    const zs = [0, 0, 0, 0, 1, 1, 1, 1];
    expect(conditionalMutualInformation(xs, xs, zs)).toBeCloseTo(1, 12);
    expect(conditionalMutualInformation(xs, [0, 0, 1, 1, 0, 0, 1, 1], zs)).toBeCloseTo(0, 12);
    // X determined by Z: nothing left to share given Z.
    expect(conditionalMutualInformation(zs, xs, zs)).toBe(0);
  });

  it('gives the smallest p-value for a perfect dependence and 1 for none', () => {
    const xs = Array.from({ length: 40 }, (_, i) => i % 2);
    const zs = Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 1));
    expect(permutationPValue(xs, xs, zs, 99, createRng(1)).pValue).toBeLessThanOrEqual(2 / 100);
    expect(permutationPValue(xs, zs, zs, 99, createRng(1)).pValue).toBe(1);
  });

  it('has roughly uniform p-values under the null (P(p ≤ 0.1) within 4 SE of 0.1)', () => {
    const rng = createRng(11);
    const replicates = 200;
    let small = 0;
    for (let r = 0; r < replicates; r++) {
      const zs = Array.from({ length: 60 }, () => rng.int(2));
      const xs = Array.from({ length: 60 }, () => rng.int(3));
      const ys = Array.from({ length: 60 }, () => rng.int(2));
      if (permutationPValue(xs, ys, zs, 99, rng.fork(`p${r}`)).pValue <= 0.1) small++;
    }
    // Binomial SE of a proportion 0.1 over 200 replicates.
    expect(Math.abs(small / replicates - 0.1)).toBeLessThan(4 * Math.sqrt(0.1 * 0.9 / replicates));
  });

  it('computes the pooled two-proportion z', () => {
    // p1 = 0.5, p0 = 0.3 over 100 each: pooled 0.4, se = sqrt(0.24 · 0.02).
    expect(twoProportionZ(50, 100, 30, 100)).toBeCloseTo(0.2 / Math.sqrt(0.24 * 0.02), 12);
    expect(twoProportionZ(0, 10, 0, 10)).toBe(0);
  });
});

describe('hacking detector on hand-built sequences', () => {
  it('raises the alarm when the score rewards "!" beyond correctness and "!" spreads', () => {
    const history = [generation(200, 20, 1), generation(200, 80, 1)];
    const result = detectHacking(history);
    expect(result.alarm).toBe(true);
    expect(result.feature).toBe('final_char');
    expect(result.value).toBe('!');
    expect(result.prevalence_z!).toBeGreaterThan(3);
  });

  it('stays silent when the score is correctness alone, even as "!" spreads', () => {
    expect(detectHacking([generation(200, 20, 0), generation(200, 80, 0), generation(200, 120, 0)]).alarm).toBe(false);
  });

  it('stays silent when "!" is rewarded but not spreading', () => {
    expect(detectHacking([generation(200, 40, 1), generation(200, 40, 1), generation(200, 40, 1)]).alarm).toBe(false);
  });

  it('never alarms on generation 0', () => {
    expect(detectHacking([generation(200, 80, 1)]).alarm).toBe(false);
  });

  it('writes the alarm into ledger extras causally, row by row', () => {
    const rows = [row(0, generation(200, 20, 1)), row(1, generation(200, 20, 1)), row(2, generation(200, 90, 1))];
    const annotated = annotateHackingAlarms(rows);
    expect(annotated.map((r) => r.extras.hacking_alarm)).toEqual([false, false, true]);
    expect(firstAlarm(annotated)).toBe(2);
    // A later generation never changes an earlier row's alarm.
    const longer = annotateHackingAlarms([...rows.slice(0, 2), row(2, generation(200, 20, 1))]);
    expect(longer[1].extras.hacking_alarm).toBe(false);
    expect(hackingMonitor(rows.slice(0, 3))).toMatchObject({ hacking_alarm: true });
    expect(hackingMonitor([{ ...rows[0], extras: {} }])).toEqual({});
  });
});

describe('permutation statistic', () => {
  it('agrees with the plain conditional mutual information it speeds up', () => {
    const rng = createRng(5);
    for (let r = 0; r < 20; r++) {
      const zs = Array.from({ length: 50 }, () => rng.int(2));
      const xs = Array.from({ length: 50 }, () => rng.int(4));
      const ys = xs.map((x) => (rng.next() < 0.5 ? x % 2 : rng.int(3)));
      expect(permutationPValue(xs, ys, zs, 0, rng).statistic).toBeCloseTo(conditionalMutualInformation(xs, ys, zs), 12);
    }
  });
});
