import { describe, expect, it } from 'vitest';
import { createProgress, formatSeconds } from './progress.js';

describe('progress', () => {
  it('formats durations and prints plain lines off a terminal', () => {
    expect(formatSeconds(75)).toBe('1m15s');
    expect(formatSeconds(9.4)).toBe('9s');
    expect(formatSeconds(Infinity)).toBe('?');
    const written: string[] = [];
    const stream = { write: (s: string) => written.push(s), isTTY: false } as unknown as NodeJS.WriteStream;
    const progress = createProgress('claim1', 2, stream);
    const job = { experiment: 'e', variant: 'v', seed: 1, dir: '', config: {} as never };
    progress.update({ job, outcome: 'reused', done: 1, total: 2 });
    progress.update({ job, outcome: 'ran', done: 2, total: 2 });
    progress.stop();
    expect(written[0]).toMatch(/^claim1: 1\/2 runs \(1 reused\) eta /);
    expect(written.at(-1)).toMatch(/^claim1: 2\/2 runs \(1 reused\) in \d+s\n$/);
  });
});
