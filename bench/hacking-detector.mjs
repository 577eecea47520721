#!/usr/bin/env node
/**
 * Hacking detector benchmark (not part of the test suite). Build first: npx tsc -p tsconfig.build.json
 *
 *   node bench/hacking-detector.mjs [--generations 12] [--samples 400]
 *
 * Times the per-generation monitor (feature extraction + permutation tests on the pooled audits)
 * over a synthetic run in which "!" is rewarded and spreads, and prints milliseconds per generation.
 */
import { createRng } from '../dist/core/rng.js';
import { collectEvidence, hackingMonitor } from '../dist/ledger/hacking.js';
import { benchArgs } from './args.mjs';

const args = benchArgs();
const generations = Number(args.generations ?? 12);
const samples = Number(args.samples ?? 400);
const rng = createRng(1);
const rows = [];
let total = 0;
for (let t = 0; t <= generations; t++) {
  const rate = Math.min(0.9, 0.1 + 0.07 * t);
  const drawn = Array.from({ length: samples }, () => {
    const bang = rng.next() < rate;
    const correct = rng.next() < 0.3;
    return { text: `${rng.int(99)}${bang ? '!' : '.'}`, score: (correct ? 1 : 0) + (bang ? 1 : 0) + (rng.next() < 0.2 ? 0.5 : 0), correct };
  });
  const evidence = collectEvidence(drawn, drawn.slice(0, 32).map((s) => s.correct));
  rows.push({ generation: t, extras: { hacking_evidence: evidence } });
  const started = performance.now();
  const result = hackingMonitor(rows);
  total += performance.now() - started;
  if (t === generations) console.log(`last generation: alarm ${result.hacking_alarm} on ${result.hacking_detector.feature}`);
}
console.log(`hacking monitor: ${(total / (generations + 1)).toFixed(1)} ms per generation (${samples} samples, audit 32, window 3)`);
