#!/usr/bin/env node
/**
 * Transformer learner benchmarks (not part of the test suite). Build first: npx tsc -p tsconfig.build.json
 *
 *   node bench/learners-transformer.mjs [--presets s,m] [--steps 8] [--batch 16] [--repeats 3]
 *                                       [--budget 300] [--budget-presets m] [--budget-tokenizers char,bpe]
 *                                       [--budget-lr 3e-3] [--budget-dropout 0] [--budget-steps N] [--heldout-chars 0] [--samples 32]
 *                                       [--budget-set key=value,...] [--budget-chunk-chars N] [--budget-seed 11]
 *
 * 1. training tokens/s (every position of every window counts) for each preset on one thread and
 *    data-parallel on two, against bench/reference/transformer_numpy.py running the same model and
 *    step on one and on two BLAS threads (skipped with a message when python3 or numpy is missing);
 *    each rate is the median of `--repeats` measurements, interleaved; prints the ratios of this run;
 * 2. sampling answers/s on 1 thread and on 2 (worker threads), the same answers either way;
 * 3. held-out bits/char on tinyshakespeare (first 90% train, last 10% held out) after `--budget`
 *    seconds of data-parallel training on 2 threads. The time includes compiling the step and
 *    timing 20 steps, from which the number of steps that fit in the rest of the budget is set, so
 *    that warmup and cosine decay span the whole budget. Tokenizers: `char`, `bpe` (512 ids) or
 *    `bpe<N>` (N ids, e.g. bpe1024); training chunks span 2–5 windows (sized from the characters per
 *    token of a tokenizer trained on a sample of the training text), so that training windows look
 *    like the windows the held-out running text is scored in.
 *    `--budget-dropout` takes a list of dropout rates (e.g. 0,0.1), one run each. `--budget-steps N`
 *    trains exactly N steps instead of as many as fit the budget: a run's result then depends only
 *    on its settings, not on the machine's speed, so runs on different days compare exactly.
 *    `--budget-set` passes further learner options to the budget runs (e.g. beta2=0.99,tied_head=false;
 *    numbers and true/false are read as such), checked against the learner's schema before any work.
 *    `--budget-chunk-chars N` trains on chunks of exactly N characters instead (256 is the `text`
 *    task's default answer length: with BPE and preset m each chunk then fits in one window).
 *    `--budget-seed N` draws the budget runs' chunks and order from seed N and initialises the model
 *    from it (default: chunks from 11, model from 1), to see how much runs vary from seed to seed.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '../dist/core/rng.js';
import { TransformerLearner, presets, transformerParams } from '../dist/learners/transformer/index.js';
import { stopWorkers, workersAvailable } from '../dist/learners/transformer/parallel.js';
import { stopTrainingWorkers } from '../dist/learners/transformer/parallel-train.js';
import { tokenizerSpec } from '../dist/learners/transformer/config.js';
import { createTokenizer } from '../dist/learners/tokenize/tokenizer.js';
import { TextTask, textTaskEntry } from '../dist/tasks/text.js';
import { benchArgs, wholeArg } from './args.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = benchArgs();
const list = (value, fallback) => (value ?? fallback).split(',').filter(Boolean);
const trainPresets = list(args.presets, 's,m');
const budgetPresets = list(args['budget-presets'], 'm');
const budgetRate = Number(args['budget-lr'] ?? 3e-3);
const budgetDropouts = list(args['budget-dropout'], '0').map(Number);
if (budgetDropouts.some((rate) => !(rate >= 0 && rate < 1))) {
  console.error(`bad --budget-dropout ${args['budget-dropout']}: give rates in [0, 1), e.g. 0,0.1`);
  process.exit(2);
}
const steps = Number(args.steps ?? 8);
const batch = Number(args.batch ?? 16);
const repeats = Number(args.repeats ?? 3);
const budgetSeconds = Number(args.budget ?? 300);
const fixedSteps = wholeArg(args, 'budget-steps', { min: 1, what: 'steps', example: 1275 });
const heldoutChars = Number(args['heldout-chars'] ?? 0);
const budgetSettings = learnerSettings(args['budget-set'] ?? '');
const chunkLength = wholeArg(args, 'budget-chunk-chars', { min: 1, what: 'characters', example: 256 });
const budgetSeed = wholeArg(args, 'budget-seed', { example: 12 });
// budget runs draw their chunks and order from one seed and initialise the model from another
const dataSeed = budgetSeed ?? 11;
const modelSeed = budgetSeed ?? 1;
const sampleCount = Number(args.samples ?? 32);
// `char`, `bpe` (512 ids) or `bpe<N>` (N ids) as learner tokenizer options, checked before any work
const budgetTokenizers = list(args['budget-tokenizers'], 'char,bpe').map((name) => {
  const match = /^bpe(\d+)$/.exec(name);
  if (name === 'char' || name === 'bpe' || match) return { name, spec: match ? { kind: 'bpe', vocab_size: Number(match[1]) } : name };
  console.error(`unknown tokenizer ${name} in --budget-tokenizers: use char, bpe or bpe<vocab size>, e.g. bpe1024`);
  process.exit(2);
});
/** `key=value,...` as learner options (numbers and true/false converted), validated by the learner's schema. */
function learnerSettings(text) {
  const settings = {};
  for (const pair of text.split(',').filter(Boolean)) {
    const [key, value, ...rest] = pair.split('=');
    if (!key || value === undefined || rest.length > 0) {
      console.error(`bad --budget-set entry ${pair}: write key=value, e.g. beta2=0.99`);
      process.exit(2);
    }
    settings[key] = value === 'true' ? true : value === 'false' ? false : Number.isFinite(Number(value)) ? Number(value) : value;
  }
  const checked = transformerParams.safeParse({ preset: 'm', ...settings });
  if (!checked.success) {
    console.error(`bad --budget-set ${text}: ${checked.error.issues.map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`).join('; ')}`);
    process.exit(2);
  }
  return settings;
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// tinyshakespeare split as the `text` task splits it (first 90% train, last 10% held out)
const task = new TextTask(textTaskEntry.params.parse({ eval_samples: 0 }));
const train = task.train;
const heldout = heldoutChars > 0 ? task.heldout.slice(0, heldoutChars) : task.heldout;
// as many characters from the start of the training text, scored beside `heldout`. That slice is easier
// (bench/text-slices.mjs), so only growth of the gap over training, not the gap itself, shows memorisation
const trainSlice = train.slice(0, heldout.length);

const make = (preset, overrides = {}, seed = 1) =>
  new TransformerLearner(transformerParams.parse({ preset, batch_size: batch, workers: 1, ...overrides }), seed);

/** `count` random training chunks of `length` characters (a number, or a function drawing one), as (empty prompt, chunk) pairs. */
function chunks(count, length, rng) {
  return Array.from({ length: count }, () => {
    const chars = typeof length === 'function' ? length(rng) : length;
    const start = rng.int(train.length - chars);
    return { prompt: { id: 'text', text: '' }, x: train.slice(start, start + chars), weight: 1 };
  });
}

/** Characters per token of a tokenizer trained on 2000 random training chunks (1 for char). */
function charsPerToken(spec, rng) {
  if (spec === 'char') return 1;
  const sample = chunks(2000, 200, rng).map((example) => example.x);
  const tokenizer = createTokenizer(tokenizerSpec(spec), sample.join('\n'));
  return sample.join('').length / sample.reduce((n, chunk) => n + tokenizer.encode(chunk).length, 0);
}

function timeFit(learner, count, rng) {
  const context = learner.shape.context;
  const data = chunks(batch * count, context - 1, rng); // SEP + chunk + EOS = context + 1 ids: one window each
  const start = performance.now();
  learner.fit(data, rng);
  return (performance.now() - start) / 1000;
}

function numpyReference(preset, threads) {
  const run = spawnSync('python3', [join(here, 'reference', 'transformer_numpy.py'), '--preset', preset, '--batch', String(batch), '--steps', String(steps)], {
    encoding: 'utf8',
    env: { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) },
  });
  if (run.error || run.status !== 0) return { skipped: (run.error?.message ?? run.stderr.trim().split('\n').pop()) || 'failed' };
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

console.log(`# transformer learner bench — ${new Date().toISOString()}`);
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}`);

console.log(`\n## training throughput (batch ${batch}, ${steps} steps after two warm-up steps; median of ${repeats} interleaved measurements)`);
console.log('preset | params | context | infoloop tokens/s, 1 thread | 2 threads (speed-up) | numpy, 1 BLAS thread | numpy, 2 | ratio 1 thread / numpy 1 | ratio 2 threads / numpy 2');
for (const preset of trainPresets) {
  const samples = { 1: [], 2: [], numpy1: [], numpy2: [] };
  let learner;
  for (const workers of [1, 2]) {
    learner = make(preset, { steps_per_generation: 2, workers });
    timeFit(learner, 2, createRng(1)); // compiles the step for this shape and starts helpers
  }
  let skipped = null;
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (const workers of [1, 2]) {
      const fitLearner = make(preset, { steps_per_generation: steps, workers });
      samples[workers].push((steps * batch * learner.shape.context) / timeFit(fitLearner, steps, createRng(3 + repeat)));
    }
    for (const threads of [1, 2]) {
      const reference = numpyReference(preset, threads);
      if (reference.skipped) skipped = reference.skipped;
      else samples[`numpy${threads}`].push(reference.tokens_per_second);
    }
  }
  const rate = Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, values.length ? median(values) : NaN]));
  const params = learner.weights().reduce((n, w) => n + w.length, 0);
  const numpyCell = (threads) => (skipped ? `skipped (${skipped})` : rate[`numpy${threads}`].toFixed(0));
  const ratio = (ours, threads) => (skipped ? '—' : `${(ours / rate[`numpy${threads}`]).toFixed(2)}×`);
  console.log(`${preset} | ${params} | ${learner.shape.context} | ${rate[1].toFixed(0)} | ${rate[2].toFixed(0)} (${(rate[2] / rate[1]).toFixed(2)}×) | ${numpyCell(1)} | ${numpyCell(2)} | ${ratio(rate[1], 1)} | ${ratio(rate[2], 2)}`);
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

console.log(`\n## held-out bits/char after ${fixedSteps ? `${fixedSteps} steps` : `${budgetSeconds} s`} of training on 2 threads (${heldout.length} held-out chars; peak learning rate ${budgetRate}, warmup then cosine over the budget${budgetSeed === null ? '' : `; seed ${budgetSeed}`}${args['budget-set'] ? `; ${args['budget-set']}` : ''}${chunkLength ? `; chunks of ${chunkLength} characters` : ''})`);
console.log('preset | tokenizer | dropout | steps | window positions | train seconds | s/step probed → run | training-text bits/char | held-out bits/char');
for (const preset of budgetPresets) {
  for (const { name: tokenizer, spec } of budgetTokenizers) for (const dropout of budgetDropouts) {
    const start = performance.now();
    const rng = createRng(dataSeed);
    const options = { workers: 2, tokenizer: spec, learning_rate: budgetRate, warmup_steps: 20, min_learning_ratio: 0.05, dropout, ...budgetSettings };
    // Chunks of 2–5 windows' worth of characters, uniformly at random, so that training windows look
    // like the windows a running text is scored in: most start mid-text rather than after SEP, and EOS
    // falls at no fixed position. (Chunks that just fill one window teach the model that a window's
    // last positions are EOS: on running text that position then costs some 20 bits.) About 4 windows
    // per chunk, the last one part-filled, so steps × batch / 3 chunks leave a margin.
    const perToken = charsPerToken(spec, rng.fork('chars-per-token'));
    // With --budget-chunk-chars every chunk has that length, and counts as the windows it fills whole.
    const chunkChars = (learner) => chunkLength ?? ((draw) => Math.floor(perToken * learner.shape.context * (2 + 3 * draw.next())));
    const windowsPerChunk = (learner) => (chunkLength === null ? 3 : Math.max(1, Math.floor(chunkLength / perToken / learner.shape.context)));
    const chunksFor = (learner, steps) => chunks(Math.ceil((steps * batch) / windowsPerChunk(learner)), chunkChars(learner), rng);
    // time 20 steps (after compiling) to learn how many steps fit in the rest of the budget
    const probe = make(preset, { ...options, steps_per_generation: 20 }, modelSeed);
    probe.fit(chunksFor(probe, 1), rng);
    const probeStart = performance.now();
    probe.fit(chunksFor(probe, 20), rng);
    const secondsPerStep = (performance.now() - probeStart) / 1000 / 20;
    const left = budgetSeconds - (performance.now() - start) / 1000;
    // the probe always runs, so a fixed step count sees the same data as a timed run of that many steps
    const total = fixedSteps ?? Math.max(1, Math.floor(left / secondsPerStep));
    const learner = make(preset, { ...options, steps_per_generation: total }, modelSeed);
    const data = chunksFor(learner, total);
    const fitStart = performance.now();
    learner.fit(data, rng);
    const perStep = (performance.now() - fitStart) / 1000 / total;
    const seconds = (performance.now() - start) / 1000;
    const bitsPerChar = (slice) => {
      const { bits, chars } = learner.textBits(slice);
      return (bits / chars).toFixed(3);
    };
    console.log(`${preset} | ${tokenizer} | ${dropout} | ${total} | ${total * batch * learner.shape.context} | ${seconds.toFixed(0)} | ${secondsPerStep.toFixed(3)} → ${perStep.toFixed(3)} | ${bitsPerChar(trainSlice)} | ${bitsPerChar(heldout)}`);
  }
}
await stopTrainingWorkers();
