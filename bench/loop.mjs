// Loop scaling benchmark (`npm run bench:loop`; needs `npm run build`, imports dist/).
// Per-generation wall time of the Gaussian and categorical loops (signal none and verifier) at
// n = 1e3 … 1e6 against numpy doing the same generation (bench/reference/loop_numpy.py), each
// configuration in its own process so its peak RSS is its own; then the bytes on disk of a Gaussian
// `accumulate` run. Options: --n 1000,10000 (sizes) --repeats R (timed generations, default by n)
// --disk-generations 60 --disk-n 2000 --no-disk 1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs, builtPath, wholeArg } from './args.mjs';

const here = dirname(fileURLToPath(import.meta.url));
builtPath('loop/generation.js');
const dist = join(here, '..', 'dist');
const args = benchArgs();
const LOOPS = {
  gaussian: { task: { name: 'gaussian-target' }, learner: { name: 'gaussian' } },
  categorical: { task: { name: 'categorical-target', K: 100, correct: 10 }, learner: { name: 'categorical', K: 100, alpha: 0.5 } },
};
/** Timed generations per configuration: more where one generation is short. */
const repeatsFor = (n) => wholeArg(args, 'repeats', { min: 1, what: 'timed generations', example: '--repeats 7' }) ?? (n <= 10_000 ? 41 : n <= 100_000 ? 11 : 7);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

if (args.child) {
  // one configuration, in this process: warm-up generations, then the median of the timed ones
  const [kind, signal, nText] = args.child.split(',');
  const n = Number(nText);
  const { buildParts } = await import(join(dist, 'loop', 'engine.js'));
  const { runGeneration } = await import(join(dist, 'loop', 'generation.js'));
  const { generationRng } = await import(join(dist, 'loop', 'row.js'));
  const { resolveConfig } = await import(join(dist, 'config', 'load.js'));
  const config = resolveConfig({ seed: 1, generations: 1000, n, ...LOOPS[kind], signal: { name: signal } });
  const parts = buildParts(config);
  const repeats = repeatsFor(n);
  // let the JIT compile the hot loops first: about 5 million samples, at least 8 generations
  const warmup = Math.min(1000, Math.max(8, Math.ceil(5e6 / n)));
  const wall = [];
  const cpu = [];
  for (let t = 1; t <= warmup + repeats; t++) {
    const start = process.hrtime.bigint();
    const startCpu = process.cpuUsage();
    runGeneration(parts, [], n, config.samples_per_prompt, generationRng(config.seed, t));
    const used = process.cpuUsage(startCpu);
    if (t > warmup) {
      wall.push(Number(process.hrtime.bigint() - start) / 1e9);
      cpu.push((used.user + used.system) / 1e6);
    }
  }
  console.log(JSON.stringify({ seconds: median(wall), cpu_seconds: median(cpu), peak_rss_mb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const sizes = args.n ? args.n.split(',').map(Number) : [1e3, 1e4, 1e5, 1e6];
if (!sizes.every((n) => Number.isInteger(n) && n > 0)) {
  console.error(`bad --n ${args.n}: give whole numbers separated by commas, e.g. --n 1000,10000`);
  process.exit(2);
}

function runJson(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) return { error: (result.stderr || result.error?.message || `exit ${result.status}`).trim().split('\n').pop() };
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

const numpyCheck = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
const haveNumpy = numpyCheck.status === 0;
if (!haveNumpy) console.log(`(no numpy comparison: python3 with numpy is not available${numpyCheck.stderr ? `: ${numpyCheck.stderr.trim().split('\n').pop()}` : ''}; printing infoloop's figures only)`);

const fmt = (x, digits = 3) => (x === undefined || x === null || Number.isNaN(x) ? '—' : x.toFixed(digits));
console.log(`loop generation (sample, judge, select, account, fit, measure): medians over generations; wall and CPU time; node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at start`);
const columns = ['loop', 'n', 'wall ms', 'CPU ms', 'CPU ns/x', 'peak MB', 'np wall', 'np CPU', 'np MB', '× np wall', '× np CPU'];
console.log(columns.map((h, i) => (i < 1 ? h.padEnd(22) : h.padStart(10))).join(''));
const summary = [];
for (const kind of Object.keys(LOOPS)) {
  for (const signal of ['none', 'verifier']) {
    const perSample = new Map();
    for (const n of sizes) {
      const ours = runJson(process.execPath, [fileURLToPath(import.meta.url), '--child', `${kind},${signal},${n}`, ...(args.repeats ? ['--repeats', args.repeats] : [])]);
      if (ours.error) {
        console.log(`${`${kind} ${signal}`.padEnd(22)}${String(n).padStart(10)}  failed: ${ours.error}`);
        continue;
      }
      const theirs = haveNumpy ? runJson('python3', [join(here, 'reference', 'loop_numpy.py'), kind, signal, String(n), String(repeatsFor(n))]) : {};
      const wallRatio = theirs.seconds ? ours.seconds / theirs.seconds : undefined;
      const cpuRatio = theirs.cpu_seconds ? ours.cpu_seconds / theirs.cpu_seconds : undefined;
      perSample.set(n, { wall: ours.seconds / n, cpu: ours.cpu_seconds / n, numpyCpu: theirs.cpu_seconds && theirs.cpu_seconds / n });
      const cells = [ours.seconds * 1e3, ours.cpu_seconds * 1e3, (ours.cpu_seconds / n) * 1e9, ours.peak_rss_mb, theirs.seconds && theirs.seconds * 1e3, theirs.cpu_seconds && theirs.cpu_seconds * 1e3, theirs.peak_rss_mb, wallRatio, cpuRatio];
      const digits = [2, 2, 0, 0, 2, 2, 0, 1, 1];
      console.log(`${`${kind} ${signal}`.padEnd(22)}${String(n).padStart(10)}${cells.map((c, i) => fmt(c, digits[i]).padStart(10)).join('')}`);
      if (n === Math.max(...sizes)) summary.push({ loop: `${kind} ${signal}`, n, wallRatio, cpuRatio });
    }
    const small = perSample.get(1e4);
    const large = perSample.get(1e6);
    if (small && large) summary.push({ loop: `${kind} ${signal}`, linearity: { wall: large.wall / small.wall, cpu: large.cpu / small.cpu, numpyCpu: large.numpyCpu / small.numpyCpu } });
  }
}
const met = (value, limit) => `${fmt(value, 2)}× ${value === undefined ? '' : value <= limit ? '(met)' : '(NOT met)'}`;
console.log('\ntargets: time per sample at n = 1e6 within 1.5× of n = 1e4 (linear); within 10× of numpy at n = 1e6');
for (const { loop, n, wallRatio, cpuRatio, linearity } of summary) {
  if (linearity) {
    // numpy's own ratio shows how much of it is caches and memory rather than the algorithm
    const numpy = Number.isFinite(linearity.numpyCpu) ? `; numpy's own CPU ratio ${fmt(linearity.numpyCpu, 2)}×` : '';
    console.log(`${loop.padEnd(22)} per-sample time 1e6 / 1e4: CPU ${met(linearity.cpu, 1.5)}, wall ${met(linearity.wall, 1.5)}${numpy}`);
  }
  if (cpuRatio !== undefined) console.log(`${loop.padEnd(22)} × numpy at n = ${n}: CPU ${met(cpuRatio, 10)}, wall ${met(wallRatio, 10)}`);
}

if (!args['no-disk']) {
  // bytes on disk of a Gaussian accumulate run: whatever the run folder holds after it finishes
  const generations = wholeArg(args, 'disk-generations', { min: 1, what: 'generations', example: '--disk-generations 60' }) ?? 60;
  const n = wholeArg(args, 'disk-n', { min: 1, what: 'samples per generation', example: '--disk-n 2000' }) ?? 2000;
  const { runLoop } = await import(join(dist, 'loop', 'engine.js'));
  const { resolveConfig } = await import(join(dist, 'config', 'load.js'));
  const out = mkdtempSync(join(tmpdir(), 'infoloop-bench-loop-'));
  try {
    const config = resolveConfig({ seed: 1, generations, n, ...LOOPS.gaussian, signal: { name: 'none' }, policy: { name: 'accumulate' }, run_id: 'accumulate' });
    const start = process.hrtime.bigint();
    await runLoop(config, { out, quiet: true, durable: false });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const bytes = folderBytes(join(out, 'accumulate'));
    const checkpoints = folderBytes(join(out, 'accumulate', 'checkpoints'));
    console.log(`\nGaussian accumulate, n = ${n}, ${generations} generations: ${(bytes / 1e6).toFixed(1)} MB on disk (checkpoints ${(checkpoints / 1e6).toFixed(1)} MB), ${seconds.toFixed(1)} s`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function folderBytes(path) {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : statSync(full).size;
  }
  return total;
}
