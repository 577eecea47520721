#!/usr/bin/env node
/**
 * Transformer learner benchmarks (not part of the test suite). Build first: npx tsc -p tsconfig.build.json
 *
 *   node bench/learners-transformer.mjs [--presets s,m] [--steps 8] [--batch 16] [--numpy-threads 1]
 *                                       [--budget 60] [--budget-presets m] [--heldout-chars 0] [--samples 32]
 *
 * 1. training tokens/s (every position of every window counts) for each preset on one thread and
 *    data-parallel on two, against bench/reference/transformer_numpy.py running the same model and
 *    step (skipped with a message when python3 or numpy is missing); prints the ratios of this run;
 * 2. sampling answers/s on 1 thread and on 2 (worker threads), the same answers either way;
 * 3. held-out bits/char on tinyshakespeare (first 90% train, last 10% held out) after `--budget`
 *    seconds of data-parallel training on 2 threads (the time includes compiling the step).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '../dist/core/rng.js';
import { TransformerLearner, presets, transformerParams } from '../dist/learners/transformer/index.js';
import { stopWorkers, workersAvailable } from '../dist/learners/transformer/parallel.js';
import { stopTrainingWorkers } from '../dist/learners/transformer/parallel-train.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const list = (value, fallback) => (value ?? fallback).split(',').filter(Boolean);
const trainPresets = list(args.presets, 's,m');
const budgetPresets = list(args['budget-presets'], 'm');
const steps = Number(args.steps ?? 8);
const batch = Number(args.batch ?? 16);
const budgetSeconds = Number(args.budget ?? 60);
const heldoutChars = Number(args['heldout-chars'] ?? 0);
const numpyThreads = String(args['numpy-threads'] ?? 1);
const sampleCount = Number(args.samples ?? 32);

const text = readFileSync(join(here, '..', '..', 'shared', 'data', 'tinyshakespeare', 'input.txt'), 'utf8');
const split = Math.floor(text.length * 0.9);
const train = text.slice(0, split);
const heldout = heldoutChars > 0 ? text.slice(split, split + heldoutChars) : text.slice(split);

const make = (preset, overrides = {}) =>
  new TransformerLearner(transformerParams.parse({ preset, batch_size: batch, workers: 1, ...overrides }), 1);

/** `count` random training chunks of `length` characters, as (empty prompt, chunk) pairs. */
function chunks(count, length, rng) {
  return Array.from({ length: count }, () => {
    const start = rng.int(train.length - length);
    return { prompt: { id: 'text', text: '' }, x: train.slice(start, start + length), weight: 1 };
  });
}

function timeFit(learner, count, rng) {
  const context = learner.shape.context;
  const data = chunks(batch * count, context - 1, rng); // SEP + chunk + EOS = context + 1 ids: one window each
  const start = performance.now();
  learner.fit(data, rng);
  return (performance.now() - start) / 1000;
}

function numpyReference(preset) {
  const run = spawnSync('python3', [join(here, 'reference', 'transformer_numpy.py'), '--preset', preset, '--batch', String(batch), '--steps', String(steps)], {
    encoding: 'utf8',
    env: { ...process.env, OPENBLAS_NUM_THREADS: numpyThreads, OMP_NUM_THREADS: numpyThreads, MKL_NUM_THREADS: numpyThreads },
  });
  if (run.error || run.status !== 0) return { skipped: (run.error?.message ?? run.stderr.trim().split('\n').pop()) || 'failed' };
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

console.log(`# transformer learner bench — ${new Date().toISOString()}`);
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}`);

console.log(`\n## training throughput (batch ${batch}, mean over ${steps} steps after two warm-up steps; numpy with ${numpyThreads} BLAS thread(s))`);
console.log('preset | params | context | jax-js tokens/s, 1 thread | 2 threads (speed-up) | numpy tokens/s | ratio 1 thread | ratio 2 threads');
for (const preset of trainPresets) {
  const rates = {};
  let learner;
  for (const workers of [1, 2]) {
    learner = make(preset, { steps_per_generation: 2, workers });
    timeFit(learner, 2, createRng(1)); // compiles the step for this shape and starts helpers
    const fitLearner = make(preset, { steps_per_generation: steps, workers });
    const seconds = timeFit(fitLearner, steps, createRng(3));
    rates[workers] = (steps * batch * learner.shape.context) / seconds;
  }
  const reference = numpyReference(preset);
  const params = learner.weights().reduce((n, w) => n + w.length, 0);
  const numpyCell = reference.skipped ? `skipped (${reference.skipped})` : reference.tokens_per_second.toFixed(0);
  const ratio = (rate) => (reference.skipped ? '—' : `${(rate / reference.tokens_per_second).toFixed(2)}×`);
  console.log(`${preset} | ${params} | ${learner.shape.context} | ${rates[1].toFixed(0)} | ${rates[2].toFixed(0)} (${(rates[2] / rates[1]).toFixed(2)}×) | ${numpyCell} | ${ratio(rates[1])} | ${ratio(rates[2])}`);
}

console.log(`\n## sampling (${sampleCount} answers of up to one context of tokens, preset s)`);
if (!workersAvailable()) console.log('compiled worker not found: both rows run on one thread');
const samplePrompt = { id: 'sample', text: 'ROMEO:' };
const timings = {};
let reference;
for (const workers of [1, 2]) {
  const learner = make('s', { workers, max_tokens: presets.s.context });
  learner.sample(samplePrompt, 2, createRng(1)); // starts the workers
  const start = performance.now();
  const answers = learner.sample(samplePrompt, sampleCount, createRng(7));
  timings[workers] = (performance.now() - start) / 1000;
  const same = reference === undefined || JSON.stringify(answers) === JSON.stringify(reference);
  reference ??= answers;
  console.log(`workers ${workers}: ${(sampleCount / timings[workers]).toFixed(1)} answers/s${same ? '' : ' — ANSWERS DIFFER'}`);
}
console.log(`speed-up from the second core: ${(timings[1] / timings[2]).toFixed(2)}×`);
await stopWorkers();

console.log(`\n## held-out bits/char after ${budgetSeconds} s of training on 2 threads (${heldout.length} held-out chars)`);
console.log('preset | steps | tokens seen | train seconds | held-out bits/char');
for (const preset of budgetPresets) {
  // fits of 10 steps at a constant learning rate until the budget is spent (a cosine schedule would need the step count in advance)
  const learner = make(preset, { steps_per_generation: 10, workers: 2, learning_rate: 2e-3, warmup_steps: 0, min_learning_ratio: 1 });
  const rng = createRng(11);
  let trainSteps = 0;
  const start = performance.now();
  while ((performance.now() - start) / 1000 < budgetSeconds) {
    learner.fit(chunks(10 * batch, learner.shape.context - 1, rng), rng);
    trainSteps += 10;
  }
  const seconds = (performance.now() - start) / 1000;
  const { bits, chars } = learner.textBits(heldout);
  console.log(`${preset} | ${trainSteps} | ${trainSteps * batch * learner.shape.context} | ${seconds.toFixed(0)} | ${(bits / chars).toFixed(3)}`);
}
await stopTrainingWorkers();
