import { describe, expect, it } from 'vitest';
import { digamma, logGamma, normalCdf, normalQuantile } from './special.js';
import { incompleteBeta, studentTCdf, studentTQuantile } from './student-t.js';

describe('special functions', () => {
  it('logGamma matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 11);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });

  it('incompleteBeta matches its closed-form special cases', () => {
    for (const x of [0.01, 0.2, 0.5, 0.9]) {
      expect(incompleteBeta(x, 1, 1)).toBeCloseTo(x, 12);
      expect(incompleteBeta(x, 3, 1)).toBeCloseTo(x ** 3, 12);
      expect(incompleteBeta(x, 1, 4)).toBeCloseTo(1 - (1 - x) ** 4, 12);
    }
  });

  it('t quantiles match the printed table', () => {
    // Table values (e.g. NIST/SEMATECH handbook, table 1.3.6.7.2), 3 decimals.
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.303, 3);
    expect(studentTQuantile(0.975, 5)).toBeCloseTo(2.571, 3);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
    expect(studentTQuantile(0.995, 4)).toBeCloseTo(4.604, 3);
    expect(studentTQuantile(0.95, 20)).toBeCloseTo(1.725, 3);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.96, 3);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228, 3);
  });

  it('t quantiles match the exact forms for 1 and 2 degrees of freedom', () => {
    for (const p of [0.6, 0.9, 0.975, 0.999]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9); // Cauchy
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 9);
    }
  });

  it('t cdf approaches the normal cdf and inverts the quantile', () => {
    expect(studentTCdf(1.959963985, 1e6)).toBeCloseTo(0.975, 5);
    expect(studentTCdf(studentTQuantile(0.9, 7), 7)).toBeCloseTo(0.9, 12);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 7);
  });

  it('digamma matches ψ(1) = −γ and ψ(1/2) = −γ − 2 ln 2', () => {
    const gamma = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-gamma, 12);
    expect(digamma(0.5)).toBeCloseTo(-gamma - 2 * Math.log(2), 12);
    expect(digamma(10)).toBeCloseTo(-gamma + [1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((s, k) => s + 1 / k, 0), 12);
  });

  it('rejects impossible arguments', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(/t quantile/);
    expect(() => studentTQuantile(0.5, 0)).toThrow(/t quantile/);
  });
});
