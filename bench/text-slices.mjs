#!/usr/bin/env node
/**
 * How much harder the held-out slice of tinyshakespeare is than the equal-length slice at the start
 * of the training text that the transformer bench scores beside it (its "training-text" column).
 * Build first: npx tsc -p tsconfig.build.json
 *
 *   node bench/text-slices.mjs [--orders 3,5]
 *
 * A Kneser–Ney n-gram is fit on the training text *without* that first slice, so it has seen
 * neither slice; the difference of its two scores is the difference in difficulty, which the
 * transformer's training-text/held-out gap must exceed before that gap says anything about
 * memorisation.
 */
import { createRng } from '../dist/core/rng.js';
import { NgramLearner } from '../dist/learners/ngram.js';
import { TextTask, textTaskEntry } from '../dist/tasks/text.js';
import { benchArgs } from './args.mjs';

const args = benchArgs();
const orders = (args.orders ?? '3,5').split(',').map(Number);
// tinyshakespeare split as the `text` task splits it (first 90% train, last 10% held out)
const { train, heldout } = new TextTask(textTaskEntry.params.parse({ eval_samples: 0 }));
const first = train.slice(0, heldout.length);
const rest = train.slice(heldout.length);
const CHUNK = 256;
const batch = [];
for (let i = 0; i < rest.length; i += CHUNK) batch.push({ prompt: { id: 'text', text: '' }, x: rest.slice(i, i + CHUNK), weight: 1 });

console.log(`n-gram fit on ${rest.length} training chars, scoring the first ${first.length} training chars (unseen) and the ${heldout.length} held-out chars`);
console.log('order | first training slice bits/char | held-out bits/char | difference');
for (const order of orders) {
  const learner = new NgramLearner({ order });
  learner.fit(batch, createRng(1));
  const perChar = (slice) => {
    const { bits, chars } = learner.textBits(slice);
    return bits / chars;
  };
  const [a, b] = [perChar(first), perChar(heldout)];
  console.log(`${order} | ${a.toFixed(3)} | ${b.toFixed(3)} | ${(b - a).toFixed(3)}`);
}
