/**
 * Estimator quality study: samples of known distributions over K = 1000 outcomes (uniform, and
 * Zipf p_i ∝ 1/i), n = 100, 1000, 10000, 20 seeded replicates each. The literature (Paninski 2003;
 * Chao & Shen 2003; Hausser & Strimmer 2009; Nemenman et al. 2002) says the bias-corrected estimators
 * beat plug-in when the sample is small against the alphabet (n ≤ K), and that in the well-sampled
 * regime Miller–Madow's (m−1)/(2n) term is the leading-order bias correction. We test exactly that.
 *
 * Statistic: the paired gain |error of plug-in| − |error of estimator| per replicate. We assert its
 * mean exceeds 4 standard errors (SE = SD/√20). The smallest asserted margin
 * is Miller–Madow on Zipf at n = 10000 (a pilot run with other seeds: gain 0.049 ± 0.0056 bits, ≈ 9 SE);
 * all other asserted gains were ≥ 15 SE.
 * Chao–Shen, James–Stein and NSB are not asserted at n = 10000 on Zipf (gains there are ≤ 1 SE for
 * some, as expected when every estimator is close to the truth).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { entropyChaoShen, entropyJamesStein, entropyMillerMadow, entropyOfProbs, entropyPlugin } from './entropy.js';
import { entropyNsb } from './nsb.js';

const K = 1000;
const REPLICATES = 20;

const distributions: Record<string, Float64Array> = {
  uniform: new Float64Array(K).fill(1 / K),
  zipf: (() => {
    const weights = Float64Array.from({ length: K }, (_, i) => 1 / (i + 1));
    const total = weights.reduce((a, b) => a + b, 0);
    return weights.map((w) => w / total);
  })(),
};

const corrected: Record<string, (counts: Float64Array) => number> = {
  'miller-madow': entropyMillerMadow,
  'chao-shen': entropyChaoShen,
  'james-stein': entropyJamesStein,
  nsb: (counts) => entropyNsb(counts, K),
};

function sampleCounts(cumulative: Float64Array, n: number, rng: ReturnType<typeof createRng>): Float64Array {
  const counts = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    let low = 0;
    let high = K - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] > u) high = middle;
      else low = middle + 1;
    }
    counts[low]++;
  }
  return counts;
}

/** Paired gains over plug-in, per estimator, for one distribution and sample size. */
function study(name: string, n: number): Record<string, { mean: number; standardError: number }> {
  const p = distributions[name];
  const truth = entropyOfProbs(p);
  const cumulative = new Float64Array(K);
  let sum = 0;
  p.forEach((v, i) => (cumulative[i] = sum += v));
  const rng = createRng(1000 * n + name.length);
  const gains: Record<string, number[]> = Object.fromEntries(Object.keys(corrected).map((key) => [key, []]));
  for (let r = 0; r < REPLICATES; r++) {
    const counts = sampleCounts(cumulative, n, rng);
    const pluginError = Math.abs(entropyPlugin(counts) - truth);
    for (const [key, estimate] of Object.entries(corrected)) gains[key].push(pluginError - Math.abs(estimate(counts) - truth));
  }
  return Object.fromEntries(
    Object.entries(gains).map(([key, values]) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
      return [key, { mean, standardError: Math.sqrt(variance / values.length) }];
    }),
  );
}

describe.each(['uniform', 'zipf'])('estimator quality on %s, K = 1000', (name) => {
  it.each([100, 1000])('every bias-corrected estimator beats plug-in when undersampled (n = %s)', (n) => {
    for (const [key, gain] of Object.entries(study(name, n))) {
      expect(gain.mean, key).toBeGreaterThan(4 * gain.standardError);
      expect(gain.mean, key).toBeGreaterThan(0);
    }
  });

  it('Miller–Madow beats plug-in when well sampled (n = 10000)', () => {
    const gain = study(name, 10000)['miller-madow'];
    expect(gain.mean).toBeGreaterThan(4 * gain.standardError);
  });
});
