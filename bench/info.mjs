// Benchmark of the info estimators against numpy/scipy on this machine (`npm run bench:info`).
// Needs `npm run build` first (imports dist/). Prints medians of several runs and the ratios JS / numpy.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtPath } from './args.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const entry = builtPath('info/index.js');
const { createRng } = await import(join(here, '..', 'dist', 'core', 'rng.js'));
const info = await import(entry);
const REPEATS = Number(process.argv[2] ?? 11);

function medianSeconds(run) {
  for (let w = 0; w < 3; w++) run(); // warm-up: let the JIT compile the hot loops before timing
  const times = [];
  for (let r = 0; r < REPEATS; r++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const rng = createRng(1);
const samples = new Int32Array(1_000_000);
for (let i = 0; i < samples.length; i++) samples[i] = rng.int(1000);
const n = 10_000;
const x = [];
const y = [];
for (let i = 0; i < n; i++) {
  const a = rng.normal();
  x.push(a);
  y.push(0.6 * a + 0.8 * rng.normal());
}
const points = Array.from({ length: n }, () => [rng.normal(), rng.normal(), rng.normal()]);

const js = {
  counting_entropy_1e6: medianSeconds(() => info.entropyOfSamples(samples)),
  ksg_n1e4_2d: medianSeconds(() => info.ksgMutualInformation(x, y, 3)),
  kl_entropy_n1e4_d3: medianSeconds(() => info.klEntropy(points, 3)),
};
const labels = {
  counting_entropy_1e6: 'counting + plug-in entropy, 1e6 ints in 0..999',
  ksg_n1e4_2d: 'KSG mutual information, N = 10,000, 2-D joint, k = 3',
  kl_entropy_n1e4_d3: 'Kozachenko–Leonenko entropy, N = 10,000, d = 3, k = 3',
};

const python = spawnSync('python3', [join(here, 'reference', 'bench_numpy.py'), String(REPEATS)], { encoding: 'utf8' });
let reference = null;
if (python.status === 0) {
  reference = JSON.parse(python.stdout);
} else {
  console.log(`(no numpy/scipy comparison: python3 with numpy and scipy is not available${python.stderr ? `: ${python.stderr.trim().split('\n').pop()}` : ''})`);
}

console.log(`median of ${REPEATS} runs (seconds)`);
for (const key of Object.keys(js)) {
  const ours = js[key];
  const theirs = reference?.[key];
  const ratio = theirs ? `  ratio ${(ours / theirs).toFixed(2)}× numpy/scipy (${theirs.toFixed(4)} s)` : '';
  console.log(`${labels[key].padEnd(56)} ${ours.toFixed(4)} s${ratio}`);
}
