#!/usr/bin/env node
/**
 * Experiment harness benchmark (not part of the test suite). Build first: npx tsc -p tsconfig.build.json
 *
 *   node bench/experiments.mjs [--claims claim1,claim2] [--jobs 1,2] [--out /tmp/infoloop-bench]
 *
 * Runs each claim's --quick setting from empty folders once per --jobs value and prints wall-clock
 * seconds and runs per second; the quick budget for claim1 + claim2 is 60 s on 2 cores.
 * A second pass over the same folders measures pure reuse (nothing is run again).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExperiments } from '../dist/experiments/index.js';
import { benchArgs } from './args.mjs';

const args = benchArgs();
const claims = (args.claims ?? 'claim1,claim2').split(',');
const jobsList = (args.jobs ?? '1,2').split(',').map(Number);
const root = mkdtempSync(join(args.out ?? tmpdir(), 'infoloop-bench-'));

for (const jobs of jobsList) {
  for (const claim of claims) {
    const out = join(root, `jobs${jobs}`);
    for (const pass of ['fresh', 'reuse']) {
      const started = performance.now();
      const [result] = await runExperiments(claim, { quick: true, out, jobs, progress: false, log: () => {} });
      const seconds = (performance.now() - started) / 1000;
      console.log(`${claim} quick, --jobs ${jobs}, ${pass}: ${seconds.toFixed(1)} s for ${result.runs.length} runs (${(result.runs.length / seconds).toFixed(1)} runs/s) — ${result.verdict.label}`);
    }
  }
}
rmSync(root, { recursive: true, force: true });
