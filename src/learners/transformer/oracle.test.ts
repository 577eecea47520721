import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { dropoutMasks } from './dropout.js';
import { parameterSpecs } from './model.js';
import { oracle, tinyProblem } from './oracle.js';

describe('float64 oracle', () => {
  it.each([
    [true, 0],
    [false, 0],
    [true, 0.3],
    [false, 0.3],
  ])('has gradients that match central finite differences (tied head: %s, dropout: %s)', (tied, rate) => {
    const { shape, params, batch } = tinyProblem(tied, createRng(11));
    if (rate > 0) batch.dropout = dropoutMasks(shape, batch.rows, rate, createRng(12));
    const wide = params.map((p) => Float64Array.from(p));
    const { gradients } = oracle(shape, wide, batch);
    // Central differences: truncation error ~h²·|f'''|/6 ≈ 1e-10, rounding ~ε·|f|/h ≈ 1e-10 (|f| ≈ 10);
    // 1e-7 leaves three orders of magnitude of margin yet catches any wrong term (errors are O(|g|)).
    const h = 1e-5;
    let checked = 0;
    for (let p = 0; p < wide.length; p++) {
      for (let i = 0; i < wide[p].length; i++) {
        const saved = wide[p][i];
        wide[p][i] = saved + h;
        const up = oracle(shape, wide, batch).loss;
        wide[p][i] = saved - h;
        const down = oracle(shape, wide, batch).loss;
        wide[p][i] = saved;
        const numeric = (up - down) / (2 * h);
        expect(Math.abs(numeric - gradients[p][i]), `${parameterSpecs(shape)[p].name}[${i}]`).toBeLessThan(1e-7 * Math.max(1, Math.abs(numeric)));
        checked++;
      }
    }
    expect(checked).toBe(wide.reduce((n, p) => n + p.length, 0));
  });

  it('gives a uniform prediction ln(1/V) when every weight is zero', () => {
    const { shape, params, batch } = tinyProblem(true, createRng(2));
    const zero = params.map((p) => new Float64Array(p.length));
    const { logProbs } = oracle(shape, zero, batch);
    for (const value of logProbs) expect(value).toBeCloseTo(-Math.log(shape.vocabSize), 12);
  });

  it('does not let a position see later tokens (causality)', () => {
    const { shape, params, batch } = tinyProblem(false, createRng(4));
    const before = oracle(shape, params, batch).logProbs;
    const changed = { ...batch, tokens: batch.tokens.slice() };
    changed.tokens[3] = (changed.tokens[3] + 1) % shape.vocabSize;
    const after = oracle(shape, params, changed).logProbs;
    for (let t = 0; t < 3; t++) expect(after[t]).toBe(before[t]);
    expect(after[3]).not.toBe(before[3]);
  });
});
