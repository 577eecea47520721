/** `infoloop serve` mistakes: one error line, a hint, exit 2, before anything listens. */
import { describe, expect, it } from 'vitest';
import { infoloop } from './cli-helpers.js';

describe('infoloop serve: bad input', () => {
  it.each([
    [['serve', '/nonexistent-run-folder'], 'E_RESUME', /not a run folder/],
    [['serve', '.', '--port', '99999'], 'E_INPUT', /--port must be an integer/],
    [['serve', '.', '--api-key-env', 'INFOLOOP_TEST_UNSET_KEY'], 'E_INPUT', /INFOLOOP_TEST_UNSET_KEY: the variable is unset/],
  ])('%j', (args, code, message) => {
    const result = infoloop(args);
    expect(result.status).toBe(2);
    const [first, second] = result.stderr.trim().split('\n');
    expect(first).toMatch(new RegExp(`^error\\[${code}\\]: `));
    expect(first).toMatch(message);
    expect(second).toMatch(/^hint: /);
  });
});
