#!/usr/bin/env node
/**
 * n-gram learner benchmarks (not part of the test suite). Build first: npx tsc -p tsconfig.build.json
 *
 *   node bench/learners-ngram.mjs [--runs 5] [--orders 2,3,4,5,6,7,8] [--bpe 512] [--json]
 *
 * On tinyshakespeare as the `text` task splits it (first 90% train in 256-character chunks, last
 * 10% held out):
 * 1. fit throughput for order 5 over bytes: median of --runs fits, in training characters per
 *    second of wall clock and of process CPU time (the CPU figure is robust to other load on the
 *    machine), and its ratio to the 1M chars/s target;
 * 2. for each order: fit time, trie nodes, snapshot bytes, held-out bits/char (the task's gap_bits);
 * 3. the same for a BPE tokenizer with --bpe vocabulary (0 skips), including its training time.
 */
import os from 'node:os';
import { createRng } from '../dist/core/rng.js';
import { NgramLearner } from '../dist/learners/ngram.js';
import { TextTask, textTaskEntry } from '../dist/tasks/text.js';
import { benchArgs } from './args.mjs';

const args = benchArgs();
const runs = Number(args.runs ?? 5);
const orders = (args.orders ?? '2,3,4,5,6,7,8').split(',').map(Number);
const bpeVocab = Number(args.bpe ?? 512);
const TARGET = 1_000_000;

const task = new TextTask(textTaskEntry.params.parse({ eval_samples: 0 }));
const batch = task.initialData();
const trainChars = task.train.length;
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timedFit(options) {
  const learner = new NgramLearner(options);
  const wall0 = performance.now();
  const cpu0 = cpuMs();
  const stats = learner.fit(batch, createRng(1));
  return { learner, stats, wallMs: performance.now() - wall0, cpuMs: cpuMs() - cpu0 };
}

console.log(`n-gram benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'unknown cpu'} ×${os.cpus().length}, node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);
console.log(`tinyshakespeare: ${trainChars} training chars in ${batch.length} chunks, ${task.heldout.length} held-out chars\n`);

timedFit({ order: 5 }); // warm-up: compile the hot loops before timing
const fits = Array.from({ length: runs }, () => timedFit({ order: 5 }));
const wallRate = trainChars / (median(fits.map((f) => f.wallMs)) / 1000);
const cpuRate = trainChars / (median(fits.map((f) => f.cpuMs)) / 1000);
console.log(`fit, order 5, bytes, median of ${runs}:`);
console.log(`  wall ${(wallRate / 1e6).toFixed(2)}M chars/s  (ratio to target ${(wallRate / TARGET).toFixed(2)}×)`);
console.log(`  cpu  ${(cpuRate / 1e6).toFixed(2)}M chars/s  (ratio to target ${(cpuRate / TARGET).toFixed(2)}×)\n`);

const rows = [];
const measure = (label, options) => {
  const fit = timedFit(options);
  const wall0 = performance.now();
  const { bits, chars } = fit.learner.textBits(task.heldout);
  const evalMs = performance.now() - wall0;
  const snapshot = fit.learner.snapshot();
  const row = {
    model: label,
    fit_s: +(fit.wallMs / 1000).toFixed(2),
    nodes: fit.stats.ngrams,
    snapshot_mb: +(snapshot.binary.length / 1e6).toFixed(1),
    heldout_bits_per_char: +(bits / chars).toFixed(3),
    eval_s: +(evalMs / 1000).toFixed(2),
  };
  rows.push(row);
  console.log(Object.values(row).map((v) => String(v).padEnd(12)).join(''));
};
console.log(['model', 'fit_s', 'nodes', 'snapshot_mb', 'bits/char', 'eval_s'].map((v) => v.padEnd(12)).join(''));
for (const order of orders) measure(`char-${order}`, { order });
if (bpeVocab > 0) for (const order of [2, 3, 4]) measure(`bpe${bpeVocab}-${order}`, { order, tokenizer: 'bpe', vocab_size: bpeVocab });

const best = rows.reduce((a, b) => (b.heldout_bits_per_char < a.heldout_bits_per_char ? b : a));
console.log(`\nbest: ${best.model} at ${best.heldout_bits_per_char} bits/char`);
if (args.json !== undefined) console.log(JSON.stringify({ fit_chars_per_s_wall: wallRate, fit_chars_per_s_cpu: cpuRate, target: TARGET, rows }));
