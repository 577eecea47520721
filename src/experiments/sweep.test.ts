import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLedger } from '../loop/run-store.js';
import { gridPoints, parseGrid, planSweep, runSweep } from './sweep.js';

const example = new URL('../../examples/verifier.yaml', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'infoloop-sweep-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('sweep grid', () => {
  it('takes the cross product, the first axis varying slowest', () => {
    expect(gridPoints(parseGrid(['n=1,2', 'signal.name=none,verifier,rubric']))).toEqual([
      ['n=1', 'signal.name=none'], ['n=1', 'signal.name=verifier'], ['n=1', 'signal.name=rubric'],
      ['n=2', 'signal.name=none'], ['n=2', 'signal.name=verifier'], ['n=2', 'signal.name=rubric'],
    ]);
  });

  it('rejects a grid it cannot read with E_INPUT', () => {
    expect(() => parseGrid([])).toThrow(/at least one --grid/);
    expect(() => parseGrid(['n'])).toThrow(/--grid "n" is not key=v1,v2/);
    expect(() => parseGrid(['n=1,,2'])).toThrow(/is not key=v1,v2/);
    expect(() => parseGrid(['n=1', 'n=2'])).toThrow(expect.objectContaining({ code: 'E_INPUT', message: '--grid names "n" twice' }));
  });

  it('validates every point before running: a bad value is E_CONFIG at once', () => {
    expect(() => planSweep(example, { grid: ['n=10,-1'], out: join(work, 'bad') })).toThrow(expect.objectContaining({ code: 'E_CONFIG' }));
  });

  it('plans seeds from the config seed on, one folder per point and seed', () => {
    const { jobs } = planSweep(example, { grid: ['n=10,20'], seeds: 2, sets: ['seed=7'], out: 'o' });
    expect(jobs.flat().map((job) => [job.dir, job.config.seed, job.config.n])).toEqual([
      [join('o', 'point-1-s7'), 7, 10], [join('o', 'point-1-s8'), 8, 10], [join('o', 'point-2-s7'), 7, 20], [join('o', 'point-2-s8'), 8, 20],
    ]);
  });
});

describe('runSweep', () => {
  it('reports per point the mean and t-interval over seeds of the last row (checked against the run folders)', async () => {
    const out = join(work, 'run');
    const result = await runSweep(example, { grid: ['signal.name=none,verifier'], sets: ['generations=3', 'n=40'], seeds: 2, out, jobs: 1, progress: false });
    expect(result.points.map((point) => point.assignments)).toEqual([['signal.name=none'], ['signal.name=verifier']]);
    for (const [i, point] of result.points.entries()) {
      const last = [1, 2].map((seed) => readLedger(join(out, `point-${i + 1}-s${seed}`)).at(-1)!.accuracy!);
      const mean = (last[0] + last[1]) / 2;
      const half = 12.7062047 * (Math.abs(last[0] - last[1]) / Math.SQRT2 / Math.SQRT2); // t_{0.975,1} · sd/√2
      expect(point.metrics.accuracy.mean).toBeCloseTo(mean, 12);
      expect(point.metrics.accuracy.high - point.metrics.accuracy.mean).toBeCloseTo(half, 6);
      expect(point.metrics).not.toHaveProperty('wall_ms');
    }
    const table = readFileSync(result.table, 'utf8');
    expect(table.split('\n').filter((line) => /^\| (none|verifier) \|/.test(line))).toHaveLength(2);
    // rerunning reuses the finished folders and writes the same table
    const again = await runSweep(example, { grid: ['signal.name=none,verifier'], sets: ['generations=3', 'n=40'], seeds: 2, out, jobs: 1, progress: false });
    expect(readFileSync(again.table, 'utf8')).toBe(table);
  });
});
