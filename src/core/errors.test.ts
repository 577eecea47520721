import { describe, expect, it } from 'vitest';
import { editDistance, InfoloopError, suggest, unknownName } from './errors.js';

describe('errors', () => {
  it('formats as error[CODE] plus a hint line', () => {
    const e = new InfoloopError('E_CONFIG', 'n must be positive', 'use n: 200');
    expect(e.format()).toBe('error[E_CONFIG]: n must be positive\nhint: use n: 200');
    expect(e.exitCode).toBe(2);
  });

  it('computes edit distances', () => {
    expect(editDistance('verifer', 'verifier')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests the closest known name', () => {
    expect(suggest('verifer', ['none', 'verifier', 'rubric'])).toBe('did you mean "verifier"? known: none, rubric, verifier');
    expect(suggest('zzzzzzzz', ['none', 'verifier'])).toBe('known: none, verifier');
    expect(unknownName('signal', 'verifer', ['verifier']).message).toBe('signal "verifer" is unknown');
  });
});
