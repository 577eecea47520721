import { describe, expect, it } from 'vitest';
import { createProgress, formatSeconds } from './progress.js';

function recorder(isTTY: boolean, columns = 200) {
  const written: string[] = [];
  return { written, stream: { write: (s: string) => written.push(s), isTTY, columns } };
}

describe('progress', () => {
  it('formats durations', () => {
    expect(formatSeconds(75)).toBe('1m15s');
    expect(formatSeconds(9.4)).toBe('9s');
    expect(formatSeconds(Infinity)).toBe('?');
  });

  it('prints plain lines off a terminal, counting reused steps apart and never an unknown time left', () => {
    const { written, stream } = recorder(false);
    const progress = createProgress({ label: 'claim1', total: 3, unit: 'runs', stream });
    progress.update(1, 'v seed 1 (reused)', false);
    progress.update(2, 'v seed 2');
    progress.log('warning: something');
    progress.update(3, 'v seed 3');
    progress.stop();
    expect(written[0]).toBe('claim1: 1/3 runs (1 reused) | v seed 1 (reused)\n');
    expect(written[1]).toMatch(/^claim1: 2\/3 runs \(1 reused\) ~\d+s left \| v seed 2\n$/);
    expect(written[2]).toBe('warning: something\n');
    expect(written[3]).toMatch(/^claim1: 3\/3 runs \(1 reused\) in \d+s \| v seed 3\n$/);
    expect(written.join('')).not.toMatch(/NaN|Infinity|\?|NFs/);
  });

  it('on a terminal, prints a message on its own line above the bar and redraws the bar below it', () => {
    const { written, stream } = recorder(true);
    const progress = createProgress({ label: 'run', total: 4, unit: 'generations', stream });
    progress.update(1, 'gen 1');
    progress.log('warning: closed loop');
    progress.update(2, 'gen 2');
    progress.stop();
    const text = written.join('');
    // the message starts on a cleared line and ends with a newline, so no bar text shares its line
    expect(text).toContain('\r\x1b[2Kwarning: closed loop\n\r\x1b[2Krun [');
    const lastBar = text.slice(text.lastIndexOf('\r\x1b[2K') + 5);
    expect(lastBar).toMatch(/^run \[█{12}░{12}\] 2\/4 generations \| \d+s, ~\d+s left \| gen 2\n$/);
    expect(text).not.toMatch(/NaN|Infinity|NFs/);
  });

  it('cuts the bar to the terminal width', () => {
    const { written, stream } = recorder(true, 60);
    const progress = createProgress({ label: 'run', total: 2, unit: 'generations', stream });
    progress.update(1, 'x'.repeat(200));
    for (const chunk of written) expect(chunk.replace('\r\x1b[2K', '').length).toBeLessThan(60);
  });
});
