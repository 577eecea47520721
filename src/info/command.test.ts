import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { parse } from '../core/json.js';
import { formatInfoResult, runInfo } from './command.js';
import { parseInput } from './input.js';
import { entropyNsb } from './nsb.js';
import { klEntropy } from './kl-entropy.js';

describe('input formats', () => {
  it('reads JSON, CSV with a header, and one value per line', () => {
    expect(parseInput('[1, 2, "a"]').rows).toEqual([[1], [2], ['a']]);
    expect(parseInput('x,y\n1,2\n3,4\n').rows).toEqual([[1, 2], [3, 4]]);
    expect(parseInput('# comment\ncat\ndog\n\n1e3\n').rows).toEqual([['cat'], ['dog'], [1000]]);
    expect(parseInput('1\t2\n3\t4').format).toBe('csv');
    expect(parseInput('{"p": [1, 0]}').fields).toEqual({ p: [1, 0] });
  });

  it('rejects empty, ragged and malformed input', () => {
    expect(() => parseInput('  \n')).toThrow(InfoloopError);
    expect(() => parseInput('1,2\n3')).toThrow(InfoloopError);
    expect(() => parseInput('[1, 2')).toThrow(InfoloopError);
  });
});

describe('runInfo', () => {
  it('entropy of samples, with a seeded bootstrap interval around the estimate', () => {
    const text = 'a\nb\na\nb\nc\nc\nc\nc\n';
    const result = runInfo('entropy', text, { replicates: 300 });
    expect(result.estimate).toBeCloseTo(1.5, 14); // p = ¼, ¼, ½
    expect(result.n).toBe(8);
    expect(result.interval!.lower).toBeLessThanOrEqual(result.interval!.upper);
    expect(runInfo('entropy', text, { replicates: 300 })).toEqual(result);
  });

  it('entropy from counts in JSON, CSV or an object gives the same answer', () => {
    const expected = 1.5;
    expect(runInfo('entropy', '[2, 1, 1]', { from: 'counts', ci: 0 }).estimate).toBeCloseTo(expected, 14);
    expect(runInfo('entropy', '2,1,1', { from: 'counts', ci: 0 }).estimate).toBeCloseTo(expected, 14);
    expect(runInfo('entropy', '{"counts": [2, 1, 1]}', { ci: 0 }).estimate).toBeCloseTo(expected, 14);
  });

  it('entropy methods and the alphabet size reach the estimators', () => {
    const result = runInfo('entropy', '[1, 0, 0]', { from: 'counts', method: 'nsb', alphabet: 10, ci: 0 });
    expect(result.estimate).toBeCloseTo(entropyNsb([1, 0, 0], 10), 12);
    expect(result.estimate).toBeCloseTo(Math.log2(10) / 2, 6);
  });

  it('kl and js from probabilities (no interval) and from counts (stratified bootstrap)', () => {
    const probabilities = runInfo('kl', '{"p": [0.5, 0.5], "q": [0.25, 0.75]}');
    expect(probabilities.estimate).toBeCloseTo(0.5 + 0.5 * Math.log2(2 / 3), 14);
    expect(probabilities.interval).toBeNull();
    const counts = runInfo('js', '30,10\n10,30', { replicates: 200 });
    expect(counts.interval).not.toBeNull();
    expect(runInfo('kl', '1,1\n1,0', { ci: 0 }).estimate).toBe(Infinity);
  });

  it('serialises an infinite KL explicitly', () => {
    const result = runInfo('kl', '{"p": [1, 1], "q": [1, 0]}');
    expect(JSON.stringify(result.estimate)).toBe('null'); // why plain JSON is not enough
    expect(parse<{ estimate: number }>(JSON.stringify({ estimate: 'Infinity' })).estimate).toBe(Infinity);
  });

  it('mi from pairs and from a joint table agree', () => {
    const pairs = 'x,y\n0,0\n0,0\n1,1\n1,1\n0,1\n1,0\n';
    const fromPairs = runInfo('mi', pairs, { ci: 0 });
    const fromTable = runInfo('mi', '[[2, 1], [1, 2]]', { from: 'counts', ci: 0 });
    expect(fromPairs.estimate).toBeCloseTo(fromTable.estimate, 14);
    expect(fromTable.estimate).toBeCloseTo(1 - (-(1 / 3) * Math.log2(1 / 3) - (2 / 3) * Math.log2(2 / 3)), 14);
  });

  it('ksg and kl-entropy read rows and attach half-sample intervals', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${Math.sin(i * 1.7)},${Math.sin(i * 1.7) + 0.1 * Math.cos(i * 3.1)}`).join('\n');
    const ksg = runInfo('ksg', rows, { replicates: 50 });
    expect(ksg.interval!.kind).toBe('half-sample');
    expect(ksg.estimate).toBeGreaterThan(1);
    const line = Array.from({ length: 30 }, (_, i) => String(i * 0.37 + 0.01 * ((i * 7) % 5))).join('\n');
    const values = line.split('\n').map(Number);
    expect(runInfo('kl-entropy', line, { ci: 0 }).estimate).toBeCloseTo(klEntropy(values), 12);
  });

  it('errors name the problem and suggest a fix', () => {
    try {
      runInfo('entropy', '[1]', { method: 'miler-madow' });
      expect.unreachable();
    } catch (error) {
      expect((error as InfoloopError).code).toBe('E_UNKNOWN_NAME');
      expect((error as InfoloopError).hint).toContain('did you mean "miller-madow"');
    }
    expect(() => runInfo('entropie', '[1]')).toThrow(/unknown/);
    expect(() => runInfo('entropy', '[1, 2]', { ci: 2 })).toThrow(InfoloopError);
    expect(() => runInfo('entropy', '[1, 2]', { from: 'counts', alphabet: 1 })).toThrow(InfoloopError);
    expect(() => runInfo('ksg', '1,2\n3,4\n5,6', {})).toThrow(/k = 3/);
  });

  it('formats a readable summary', () => {
    const text = formatInfoResult(runInfo('entropy', '[0, 1, 1, 0, 1]', { replicates: 100 }));
    expect(text).toMatch(/^entropy \(plugin\): 0\.9710 bits {3}\[n = 5\]\n95% CI \[/);
  });
});
