import { describe, expect, it } from 'vitest';
import { adamWStep, createAdamWState, globalNorm } from './adamw.js';
import { learningRate } from './schedule.js';

const options = { beta1: 0.9, beta2: 0.95, epsilon: 1e-8, weightDecay: 0, clip: Infinity };

describe('AdamW', () => {
  it('moves each parameter by lr·sign(g) on the first step (bias correction makes m̂/√v̂ = g/|g|)', () => {
    const params = [new Float32Array([1, -2, 0.5])];
    const state = createAdamWState(params);
    adamWStep(params, [new Float32Array([0.3, -4, 1e-3])], [false], state, 0.01, options);
    expect(Array.from(params[0])).toEqual(Array.from(new Float32Array([1 - 0.01, -2 + 0.01, 0.5 - 0.01 * (1e-3 / (1e-3 + 1e-8))])));
  });

  it('matches the textbook recursion over several steps (hand-unrolled in float64)', () => {
    const params = [new Float32Array([0.7])];
    const state = createAdamWState(params);
    const grads = [0.5, -0.2, 0.1];
    let p = 0.7, m = 0, v = 0;
    for (let t = 1; t <= grads.length; t++) {
      adamWStep(params, [new Float32Array([grads[t - 1]])], [true], state, 0.1, { ...options, weightDecay: 0.5 });
      m = Math.fround(0.9 * m + 0.1 * Math.fround(grads[t - 1]));
      v = Math.fround(0.95 * v + 0.05 * Math.fround(grads[t - 1]) ** 2);
      p = Math.fround(p * (1 - 0.1 * 0.5) - (0.1 * m) / (1 - 0.9 ** t) / (Math.sqrt(v / (1 - 0.95 ** t)) + 1e-8));
      expect(params[0][0]).toBe(p);
    }
    expect(state.step).toBe(3);
  });

  it('clips the global gradient norm and reports the norm before clipping', () => {
    const params = [new Float32Array([0]), new Float32Array([0])];
    const clipped = createAdamWState(params);
    const norm = adamWStep(params, [new Float32Array([3]), new Float32Array([4])], [false, false], clipped, 0.1, { ...options, clip: 1 });
    expect(norm).toBe(5);
    expect(clipped.first[0][0]).toBeCloseTo(0.1 * 0.6, 7);
    expect(clipped.first[1][0]).toBeCloseTo(0.1 * 0.8, 7);
    expect(globalNorm([[3], [4]])).toBe(5);
  });

  it('decays only the tensors marked for decay', () => {
    const params = [new Float32Array([2]), new Float32Array([2])];
    adamWStep(params, [new Float32Array([0]), new Float32Array([0])], [true, false], createAdamWState(params), 0.1, { ...options, weightDecay: 1 });
    expect(params[0][0]).toBeCloseTo(1.8, 6);
    expect(params[1][0]).toBe(2);
  });
});

describe('learning-rate schedule', () => {
  const schedule = { peak: 1, warmup: 4, minRatio: 0.1 };
  it('warms up linearly, peaks, then decays by a cosine to the floor', () => {
    expect([0, 1, 2, 3].map((s) => learningRate(s, 20, schedule))).toEqual([0.25, 0.5, 0.75, 1]);
    expect(learningRate(4, 20, schedule)).toBe(1);
    expect(learningRate(19, 20, schedule)).toBeCloseTo(0.1, 12);
    // halfway through the decay the cosine is at its midpoint
    expect(learningRate(4 + 7.5, 20, schedule)).toBeCloseTo(0.55, 12);
    for (let s = 5; s < 20; s++) expect(learningRate(s, 20, schedule)).toBeLessThan(learningRate(s - 1, 20, schedule));
  });

  it('has no warmup when warmup is 0', () => {
    expect(learningRate(0, 10, { ...schedule, warmup: 0 })).toBe(1);
  });
});
