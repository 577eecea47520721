import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { drawToken } from './decode.js';

describe('drawToken', () => {
  const probs = Float64Array.from([0.5, 0.3, 0.2]);
  const scratch = new Float64Array(3);

  it('temperature 0 is the argmax', () => {
    expect(drawToken(Float64Array.from([0.2, 0.5, 0.3]), 0, 1, createRng(1), scratch)).toBe(1);
  });

  it('top_p keeps the smallest head holding that mass, renormalised', () => {
    const rng = createRng(2);
    const N = 20_000;
    const counts = [0, 0, 0];
    for (let i = 0; i < N; i++) counts[drawToken(probs, 1, 0.6, rng, scratch)]++;
    expect(counts[2]).toBe(0);
    const p = 0.5 / 0.8;
    expect(Math.abs(counts[0] / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
  });

  it('temperature T draws from p^(1/T), normalised', () => {
    const rng = createRng(3);
    const N = 20_000;
    let zeros = 0;
    for (let i = 0; i < N; i++) if (drawToken(probs, 0.5, 1, rng, scratch) === 0) zeros++;
    const p = 0.25 / (0.25 + 0.09 + 0.04);
    expect(Math.abs(zeros / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
  });
});
