import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { parse } from '../core/json.js';
import { registerInfo } from './info.js';

function run(args: string[], input: string): string {
  let output = '';
  const program = new Command().exitOverride().configureOutput({ writeErr: () => {} });
  registerInfo(program, { write: (text) => (output += text), readInput: () => input });
  program.parse(args, { from: 'user' });
  return output;
}

describe('infoloop info', () => {
  it('prints an estimate with its interval', () => {
    const output = run(['info', 'entropy', '-', '--bootstrap', '200'], '1\n2\n1\n2\n');
    expect(output).toMatch(/^entropy \(plugin\): 1\.0000 bits/);
    expect(output).toMatch(/95% CI/);
  });

  it('prints JSON with infinities spelled out', () => {
    const output = run(['info', 'kl', 'data.json', '--json'], '{"p": [1, 1], "q": [1, 0]}');
    expect(output).toContain('"estimate": "Infinity"');
    expect(parse<{ estimate: number }>(output).estimate).toBe(Infinity);
  });

  it('passes method, alphabet, ci and seed through', () => {
    const output = parse<{ method: string; estimate: number; interval: null }>(
      run(['info', 'entropy', '-', '--method', 'nsb', '--from', 'counts', '--alphabet', '4', '--ci', '0', '--json'], '[1]'),
    );
    expect(output.method).toBe('nsb');
    expect(output.estimate).toBeCloseTo(1, 6); // one observation: ½ log2 4
    expect(output.interval).toBeNull();
  });

  it('throws InfoloopError for bad input and commander errors for malformed options', () => {
    expect(() => run(['info', 'entropy', '-', '--from', 'bins'], '[1]')).toThrow(InfoloopError);
    expect(() => run(['info', 'entropy', '-'], '')).toThrow(InfoloopError);
    expect(() => run(['info', 'entropy', '-', '--ci', 'high'], '[1]')).toThrow(/--ci must be a number/);
  });
});
