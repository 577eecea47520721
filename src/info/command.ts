/** The `info` command's logic: read counts or samples, pick an estimator, attach a seeded interval. */
import { InfoloopError, unknownName } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { LIMITS } from '../core/limits.js';
import { halfSampleCI } from '../stats/bootstrap.js';
import { bootstrapCountsCI } from '../stats/count-bootstrap.js';
import { jsDivergence, klDivergence } from './divergence.js';
import { entropyChaoShen, entropyJamesStein, entropyMillerMadow, entropyPlugin } from './entropy.js';
import { type Cell, encodeCategories, flatVector, lineValueCounts, numericRows, parseInput, toRows } from './input.js';
import { klEntropy } from './kl-entropy.js';
import { ksgMutualInformation } from './ksg.js';
import { mutualInformation } from './mutual.js';
import { entropyNsb } from './nsb.js';

export const INFO_QUANTITIES = ['entropy', 'kl', 'js', 'mi', 'ksg', 'kl-entropy'] as const;
export type InfoQuantity = (typeof INFO_QUANTITIES)[number];

export const ENTROPY_METHODS = ['plugin', 'miller-madow', 'chao-shen', 'james-stein', 'nsb'] as const;
const METHODS: Record<InfoQuantity, readonly string[]> = {
  entropy: ENTROPY_METHODS,
  kl: ['plugin'],
  js: ['plugin'],
  mi: ['plugin'],
  ksg: ['ksg1'],
  'kl-entropy': ['kozachenko-leonenko'],
};

export interface InfoOptions {
  method?: string;
  /** Confidence level; 0 turns the interval off. */
  ci?: number;
  seed?: number;
  /** Bootstrap replicates (or half-samples for the k-NN estimators). */
  replicates?: number;
  k?: number;
  /** Alphabet size K for entropy (NSB, James–Stein): unseen categories count as zero bins. */
  alphabet?: number;
  /** Whether the data are counts per bin or raw samples (entropy, mi); default samples. */
  from?: 'counts' | 'samples';
  /** ksg: how many leading columns belong to x (default 1). */
  split?: number;
  /** Told once before a long interval computation (large inputs), e.g. to print a progress line. */
  onProgress?: (message: string) => void;
}

/** k-NN estimators (ksg, kl-entropy): the most points, and the work budget of their half-sample interval. */
export const KNN_MAX_POINTS = 2_000_000;
const KNN_INTERVAL_BUDGET = 10_000_000;

export interface InfoInterval {
  level: number;
  kind: 'bootstrap-bca' | 'bootstrap-percentile' | 'half-sample';
  lower: number;
  upper: number;
  replicates: number;
  percentile?: [number, number];
}

export interface InfoResult {
  quantity: InfoQuantity;
  method: string;
  estimate: number;
  unit: 'bits';
  n: number;
  interval: InfoInterval | null;
  note?: string;
}

type Estimator = (counts: Float64Array) => number;

function entropyEstimator(method: string, K: number | undefined): Estimator {
  switch (method) {
    case 'plugin': return entropyPlugin;
    case 'miller-madow': return entropyMillerMadow;
    case 'chao-shen': return entropyChaoShen;
    case 'james-stein': return entropyJamesStein;
    case 'nsb': return (counts) => entropyNsb(counts, K ?? counts.length);
    default: throw unknownName('entropy method', method, ENTROPY_METHODS);
  }
}

function countCodes(codes: Int32Array, size: number): Float64Array {
  const counts = new Float64Array(size);
  for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  return counts;
}

/** Whole, non-negative counts per bin, as they are (never expanded to one entry per observation). */
function wholeCounts(counts: readonly number[], what: string): Float64Array {
  counts.forEach((c, bin) => {
    if (!Number.isInteger(c) || c < 0) throw new InfoloopError('E_INPUT', `${what}[${bin}] = ${c} is not a whole count`, 'use --from samples for raw values, or pass whole-number counts');
  });
  return Float64Array.from(counts);
}

function checkLimit(value: number | undefined, limit: number, option: string): void {
  if (value !== undefined && value > limit) throw new InfoloopError('E_INPUT', `${option} ${value} is above the limit of ${limit}`, `use at most ${limit}`);
}

export function runInfo(quantity: string, text: string, options: InfoOptions = {}): InfoResult {
  if (!(INFO_QUANTITIES as readonly string[]).includes(quantity)) throw unknownName('info quantity', quantity, INFO_QUANTITIES);
  const q = quantity as InfoQuantity;
  const method = options.method ?? METHODS[q][0];
  if (!METHODS[q].includes(method)) throw unknownName(`${q} method`, method, METHODS[q]);
  const level = options.ci ?? 0.95;
  if (!(level === 0 || (level > 0 && level < 1))) throw new InfoloopError('E_INPUT', `--ci must be in (0, 1) or 0, got ${level}`, 'use e.g. --ci 0.95, or --ci 0 for no interval');
  const rng = createRng(options.seed ?? 1);
  const B = options.replicates ?? 1000;
  checkLimit(B, LIMITS.bootstrap, '--bootstrap');
  checkLimit(options.alphabet, LIMITS.alphabet, '--alphabet');
  checkLimit(options.k, LIMITS.neighbours, '--k');
  const quick = q === 'entropy' && options.from !== 'counts' ? lineValueCounts(text) : null;
  const input = quick ? { rows: [], fields: {} } : parseInput(text);
  const fields = new Map(Object.entries(input.fields));
  // one multinomial draw per replicate: the cost does not grow with the number of observations
  const bootstrap = (statistic: (counts: Float64Array) => number, counts: Float64Array, strata?: [number, number][]): InfoInterval | null => {
    if (level === 0) return null;
    const total = counts.reduce((sum, c) => sum + c, 0);
    if (total >= 100_000) options.onProgress?.(`bootstrap: ${B} multinomial replicates over ${counts.length} bins (${total} observations)…`);
    const result = bootstrapCountsCI(statistic, counts, { B, level, rng: rng.fork('interval'), strata });
    const [lower, upper] = result.bca ?? result.percentile;
    return { level, kind: result.bca ? 'bootstrap-bca' : 'bootstrap-percentile', lower, upper, replicates: B, percentile: result.percentile };
  };
  const halfSample = <T>(statistic: (xs: T[]) => number, samples: T[]): InfoInterval | null => {
    if (level === 0) return null;
    // each half-sample costs a k-NN search over n/2 points: the subsets shrink for large n (at least 20)
    const subsets = Math.min(B, 200, Math.max(20, Math.floor(KNN_INTERVAL_BUDGET / samples.length)));
    if (samples.length >= 100_000) options.onProgress?.(`half-sampling: ${subsets} k-NN estimates over ${Math.floor(samples.length / 2)} points each…`);
    const result = halfSampleCI(statistic, samples, { subsets, level, rng: rng.fork('interval') });
    return { level, kind: 'half-sample', lower: result.interval[0], upper: result.interval[1], replicates: result.subsets };
  };
  const checkPoints = (n: number) => {
    if (n > KNN_MAX_POINTS) throw new InfoloopError('E_INPUT', `${q} takes at most ${KNN_MAX_POINTS} points, got ${n}`, 'estimate on a random subsample; k-NN estimates at this size are limited by bias, not by n');
  };

  if (q === 'entropy') {
    const fromCounts = options.from === 'counts' || fields.get('counts') !== undefined;
    let seen: Float64Array;
    if (quick) seen = quick;
    else if (fromCounts) {
      const source = fields.get('counts') !== undefined ? toRows(fields.get('counts'), 'counts') : input.rows;
      seen = wholeCounts(numericRows([flatVector(source, 'counts')], 'counts')[0], 'counts');
    } else {
      const values: Cell[] = fields.get('samples') !== undefined ? toRows(fields.get('samples'), 'samples').map((row) => row.join('\u0000')) : input.rows.map((row) => (row.length === 1 ? row[0] : row.join('\u0000')));
      const encoded = encodeCategories(values);
      seen = countCodes(encoded.codes, encoded.categories);
    }
    const K = options.alphabet;
    if (K !== undefined && K < seen.length) throw new InfoloopError('E_INPUT', `--alphabet ${K} is smaller than the ${seen.length} categories seen`, 'the alphabet size counts every possible outcome');
    const counts = new Float64Array(K ?? seen.length);
    counts.set(seen);
    const statistic = entropyEstimator(method, K);
    const total = counts.reduce((sum, c) => sum + c, 0);
    return { quantity: q, method, estimate: statistic(counts), unit: 'bits', n: total, interval: bootstrap(statistic, counts) };
  }

  if (q === 'kl' || q === 'js') {
    let p: number[];
    let qv: number[];
    if (fields.get('p') !== undefined) {
      p = numericRows(toRows(fields.get('p'), 'p'), 'p').map((row) => row[0]);
      qv = numericRows(toRows(fields.get('q'), 'q'), 'q').map((row) => row[0]);
    } else {
      const rows = numericRows(input.rows, 'input');
      if (rows.length === 2) [p, qv] = rows;
      else if (rows.every((row) => row.length === 2)) [p, qv] = [rows.map((row) => row[0]), rows.map((row) => row[1])];
      else throw new InfoloopError('E_INPUT', 'kl and js need two distributions', 'pass {"p": [...], "q": [...]}, two rows, or two columns');
    }
    const divergence = q === 'kl' ? klDivergence : jsDivergence;
    const estimate = divergence(p, qv);
    const whole = [...p, ...qv].every((v) => Number.isInteger(v));
    if (!whole || level === 0) return { quantity: q, method, estimate, unit: 'bits', n: p.length, interval: null, note: whole ? undefined : 'no interval: the inputs are probabilities, not counts' };
    // Two independent samples: resample each within its own stratum.
    const counts = new Float64Array([...wholeCounts(p, 'p'), ...wholeCounts(qv, 'q')]);
    const statistic = (c: Float64Array) => divergence(c.subarray(0, p.length), c.subarray(p.length));
    const total = counts.reduce((sum, c) => sum + c, 0);
    return { quantity: q, method, estimate, unit: 'bits', n: total, interval: bootstrap(statistic, counts, [[0, p.length], [p.length, counts.length]]) };
  }

  if (q === 'mi') {
    let flat: Float64Array;
    let columns: number;
    if (options.from === 'counts' || fields.get('joint') !== undefined) {
      const table = numericRows(fields.get('joint') !== undefined ? toRows(fields.get('joint'), 'joint') : input.rows, 'joint');
      columns = table[0].length;
      if (table.some((row) => row.length !== columns)) throw new InfoloopError('E_INPUT', 'the joint table has rows of different lengths', 'every row of a joint table needs one count per y value');
      flat = new Float64Array(table.flatMap((row, r) => Array.from(wholeCounts(row, `joint[${r}]`))));
    } else {
      if (input.rows[0]?.length !== 2) throw new InfoloopError('E_INPUT', 'mi from samples needs two columns (x, y)', 'pass one "x,y" pair per line, or --from counts with a joint table');
      const xs = encodeCategories(input.rows.map((row) => row[0]));
      const ys = encodeCategories(input.rows.map((row) => row[1]));
      columns = ys.categories;
      flat = new Float64Array(xs.categories * columns);
      for (let i = 0; i < xs.codes.length; i++) flat[xs.codes[i] * columns + ys.codes[i]]++;
    }
    const statistic = (c: Float64Array) => mutualInformation(Array.from({ length: c.length / columns }, (_, r) => Array.from(c.subarray(r * columns, (r + 1) * columns))));
    const total = flat.reduce((sum, c) => sum + c, 0);
    return { quantity: q, method, estimate: statistic(flat), unit: 'bits', n: total, interval: bootstrap(statistic, flat) };
  }

  const k = options.k ?? 3;
  if (q === 'ksg') {
    let points: { x: number[]; y: number[] }[];
    if (fields.get('x') !== undefined) {
      const x = numericRows(toRows(fields.get('x'), 'x'), 'x');
      const y = numericRows(toRows(fields.get('y'), 'y'), 'y');
      if (x.length !== y.length) throw new InfoloopError('E_INPUT', `x has ${x.length} points but y has ${y.length}`, 'x[i] and y[i] must describe the same sample');
      points = x.map((row, i) => ({ x: row, y: y[i] }));
    } else {
      const rows = numericRows(input.rows, 'input');
      const split = options.split ?? 1;
      if (!Number.isInteger(split) || split < 1 || split >= rows[0].length) throw new InfoloopError('E_INPUT', `--split ${split} must leave at least one column for x and one for y (${rows[0].length} columns)`, 'pass rows "x,y" or set --split to the number of x columns');
      points = rows.map((row) => ({ x: row.slice(0, split), y: row.slice(split) }));
    }
    checkPoints(points.length);
    const statistic = (ps: { x: number[]; y: number[] }[]) => ksgMutualInformation(ps.map((p) => p.x), ps.map((p) => p.y), k);
    return { quantity: q, method, estimate: statistic(points), unit: 'bits', n: points.length, interval: halfSample(statistic, points), note: 'interval: half-sampling (bootstrap duplicates would bias k-NN distances)' };
  }

  const rows = numericRows(fields.get('x') !== undefined ? toRows(fields.get('x'), 'x') : input.rows, 'input');
  checkPoints(rows.length);
  const statistic = (xs: number[][]) => klEntropy(xs, k);
  return { quantity: q, method, estimate: statistic(rows), unit: 'bits', n: rows.length, interval: halfSample(statistic, rows), note: 'interval: half-sampling (bootstrap duplicates would bias k-NN distances)' };
}

/** Human-readable lines for a result. */
export function formatInfoResult(result: InfoResult): string {
  const digits = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : String(v));
  const lines = [`${result.quantity} (${result.method}): ${digits(result.estimate)} bits   [n = ${result.n}]`];
  const interval = result.interval;
  if (interval) {
    const percentile = interval.percentile ? `; percentile [${digits(interval.percentile[0])}, ${digits(interval.percentile[1])}]` : '';
    lines.push(`${Math.round(interval.level * 1000) / 10}% CI [${digits(interval.lower)}, ${digits(interval.upper)}] (${interval.kind}, ${interval.replicates} replicates${percentile})`);
  }
  if (result.note) lines.push(result.note);
  return lines.join('\n');
}
