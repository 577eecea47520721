/**
 * Known answers computed independently with numpy/scipy/mpmath by bench/reference/make_reference.py
 * (committed fixture; regenerate with `python3 bench/reference/make_reference.py`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from '../core/json.js';
import { entropyChaoShen, entropyJamesStein, entropyMillerMadow, entropyPlugin, jamesSteinLambda } from './entropy.js';
import { entropyNsb } from './nsb.js';
import { jsDivergence, klDivergence } from './divergence.js';
import { conditionalEntropy, mutualInformation } from './mutual.js';
import { ksgMutualInformation } from './ksg.js';
import { klEntropy } from './kl-entropy.js';
import { filterBitsRejection, filterBitsWeighted } from './filter.js';
import { digamma } from '../stats/special.js';

interface EntropyCase {
  name: string;
  counts: number[];
  K: number;
  plugin: number;
  miller_madow: number;
  chao_shen: number;
  james_stein: number;
  james_stein_lambda: number;
  nsb: number;
}
interface Fixture {
  digamma: [number, number][];
  entropy: EntropyCase[];
  divergence: { p: number[]; q: number[]; kl: number; js: number }[];
  mutual: { joint: number[][]; mi: number; conditional_entropy: number }[];
  ksg: { name: string; k: number; x: number[] | number[][]; y: number[] | number[][]; bits: number }[];
  kl_entropy: { d: number; k: number; x: number[] | number[][]; bits: number }[];
  filter: { rejection: { p: number[]; mask: boolean[]; bits: number }; weighted: { p: number[]; w: number[]; bits: number } };
}

const fixture = parse<Fixture>(readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8'));
// Closed-form estimators differ from numpy only by summation order: 1e-12 bits is many ulps of slack.
const CLOSED = 1e-12;

describe('reference: discrete entropy estimators vs numpy/scipy', () => {
  it.each(fixture.entropy.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    // Two summation orders over K terms differ by at most 2·K·u·Σ|terms| (Higham 2002, §4.2), Σ|terms| ≤ 2 log2 K + 1.
    const tolerance = Math.max(CLOSED, 2 * c.counts.length * Number.EPSILON * (2 * Math.log2(c.counts.length) + 1));
    expect(Math.abs(entropyPlugin(c.counts) - c.plugin)).toBeLessThan(tolerance);
    expect(Math.abs(entropyMillerMadow(c.counts) - c.miller_madow)).toBeLessThan(tolerance);
    expect(Math.abs(entropyChaoShen(c.counts) - c.chao_shen)).toBeLessThan(tolerance);
    expect(Math.abs(jamesSteinLambda(c.counts) - c.james_stein_lambda)).toBeLessThan(tolerance);
    expect(Math.abs(entropyJamesStein(c.counts) - c.james_stein)).toBeLessThan(tolerance);
  });
});

describe('reference: NSB vs a 40-digit mpmath integration', () => {
  // The accuracy requirement is 1e-3 bits; the quadrature is far better, so ask for 1e-6.
  it.each(fixture.entropy.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(Math.abs(entropyNsb(c.counts, c.K) - c.nsb)).toBeLessThan(1e-6);
  });
});

describe('reference: divergences, mutual information, filters', () => {
  it.each(fixture.divergence.map((c, i) => [i, c] as const))('divergence case %s', (_i, c) => {
    const kl = klDivergence(c.p, c.q);
    if (c.kl === Infinity) expect(kl).toBe(Infinity);
    else expect(Math.abs(kl - c.kl)).toBeLessThan(CLOSED);
    expect(Math.abs(jsDivergence(c.p, c.q) - c.js)).toBeLessThan(CLOSED);
  });

  it.each(fixture.mutual.map((c, i) => [i, c] as const))('joint table %s', (_i, c) => {
    expect(Math.abs(mutualInformation(c.joint) - c.mi)).toBeLessThan(CLOSED);
    expect(Math.abs(conditionalEntropy(c.joint) - c.conditional_entropy)).toBeLessThan(CLOSED);
  });

  it('filter bits', () => {
    const { rejection, weighted } = fixture.filter;
    expect(Math.abs(filterBitsRejection(rejection.p, rejection.mask) - rejection.bits)).toBeLessThan(CLOSED);
    expect(Math.abs(filterBitsWeighted(weighted.p, weighted.w) - weighted.bits)).toBeLessThan(CLOSED);
  });

  it('digamma vs scipy.special.digamma', () => {
    for (const [x, value] of fixture.digamma) expect(Math.abs(digamma(x) - value)).toBeLessThan(1e-12 * Math.max(1, Math.abs(value)));
  });
});

describe('reference: k-NN estimators vs brute-force numpy', () => {
  // Neighbour counts are integers decided by the same floating-point comparisons, so only the final
  // average of digammas can differ, by summation order.
  // The fixtures with ties have points with k or more exact duplicates, where the brute-force
  // definition returns 10–12 bits of nothing; the estimator refuses those inputs (as kl-entropy does).
  const continuous = fixture.ksg.filter((c) => !c.name.includes('ties'));
  it.each(fixture.ksg.filter((c) => c.name.includes('ties')).map((c) => [c.name, c] as const))('KSG %s is refused', (_name, c) => {
    expect(() => ksgMutualInformation(c.x, c.y, c.k)).toThrow(/exact duplicates/);
  });

  it.each(continuous.map((c) => [c.name, c] as const))('KSG %s', (_name, c) => {
    expect(Math.abs(ksgMutualInformation(c.x, c.y, c.k) - c.bits)).toBeLessThan(1e-10);
    expect(Math.abs(ksgMutualInformation(c.y, c.x, c.k) - c.bits)).toBeLessThan(1e-10); // symmetric by construction
  });

  it.each(fixture.kl_entropy.map((c) => [c.d, c] as const))('Kozachenko–Leonenko d=%s', (_d, c) => {
    expect(Math.abs(klEntropy(c.x, c.k) - c.bits)).toBeLessThan(1e-10);
  });
});
