/**
 * Worker threads run compiled JavaScript, so this test transpiles the few modules the workers
 * need (no type-checking, with the project's own TypeScript) into a temporary folder inside
 * node_modules/.cache (so that the tensor library resolves) and runs them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { oracle, tinyProblem } from './oracle.js';
import { dropoutMasks } from './dropout.js';
import { Engine, type TokenBatch } from './engine.js';
import type * as Parallel from './parallel.js';
import { ParallelGradients } from './parallel-train.js';
import type * as ParallelTrain from './parallel-train.js';

const source = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const modules = ['core/errors', 'core/hash', 'core/rng', 'learners/transformer/model', 'learners/transformer/sample', 'learners/transformer/sample-worker', 'learners/transformer/parallel',
  'learners/transformer/engine', 'learners/transformer/shared-buffer', 'learners/transformer/train-worker', 'learners/transformer/parallel-train'];
let folder = '';
let compiled: typeof Parallel;
let compiledTrain: typeof ParallelTrain;

beforeAll(async () => {
  const cache = join(source, '..', 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  folder = mkdtempSync(join(cache, 'infoloop-parallel-'));
  for (const name of modules) {
    const output = ts.transpileModule(readFileSync(join(source, `${name}.ts`), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, `${name}.js`), output);
  }
  compiled = await import(pathToFileURL(join(folder, 'learners/transformer/parallel.js')).href);
  compiledTrain = await import(pathToFileURL(join(folder, 'learners/transformer/parallel-train.js')).href);
});

afterAll(async () => {
  await compiled?.stopWorkers();
  await compiledTrain?.stopTrainingWorkers();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('parallel generation', () => {
  it('finds its compiled worker and returns exactly the single-thread answers for any worker count', () => {
    expect(compiled.workersAvailable()).toBe(true);
    const { shape, params, batch } = tinyProblem(true, createRng(3));
    expect(oracle(shape, params, batch).loss).toBeGreaterThan(0); // the fixture is a working model
    const request = { context: [1, 2, 3], maxTokens: 9, maxChars: Infinity, eos: 0, charsOf: () => 1 };
    const seeds = Array.from({ length: 13 }, (_, i) => 1000 + i);
    const options = { temperature: 1, topK: 0 };
    const serial = compiled.parallelGenerate(shape, params, request, seeds, options, 1);
    expect(serial).toHaveLength(13);
    for (const workers of [2, 3]) expect(compiled.parallelGenerate(shape, params, request, seeds, options, workers)).toEqual(serial);
    expect(new Set(serial.map((answer) => answer.join(','))).size).toBeGreaterThan(1);
  });
});

describe('data-parallel gradients', () => {
  it.each([0, 0.3])('give bit-identical results on worker threads and on one thread, and match the full batch (dropout %s)', (rate) => {
    const { shape, params } = tinyProblem(false, createRng(5));
    const rng = createRng(6);
    const rows = 5;
    const size = rows * shape.context;
    const batch: TokenBatch = {
      rows,
      tokens: Int32Array.from({ length: size }, () => rng.int(shape.vocabSize)),
      targets: Int32Array.from({ length: size }, () => rng.int(shape.vocabSize)),
      weights: Float32Array.from({ length: size }, () => rng.next() / size),
    };
    // each row keeps its own masks when the batch is split
    if (rate > 0) batch.dropout = dropoutMasks(shape, rows, rate, rng);
    const engine = new Engine(shape);
    engine.setWeights(params);
    const threaded = compiledTrain.parallelGradients(shape, 2);
    expect(threaded.threaded).toBe(true);
    const sequential = new ParallelGradients(shape, 2);
    expect(sequential.threaded).toBe(false);
    const a = threaded.compute(engine, params, batch);
    const b = sequential.compute(engine, params, batch);
    expect(a.loss).toBe(b.loss);
    a.gradients.forEach((g, i) => expect(Buffer.from(g.buffer, g.byteOffset, g.byteLength).equals(Buffer.from(b.gradients[i].buffer, b.gradients[i].byteOffset, b.gradients[i].byteLength))).toBe(true));
    // the two halves add up to the whole batch up to float32 rounding (≈1e-6 relative)
    const whole = engine.lossAndGradients(batch);
    expect(Math.abs(a.loss - whole.loss) / whole.loss).toBeLessThan(1e-5);
    const slow = oracle(shape, params, batch);
    expect(Math.abs(a.loss - slow.loss) / slow.loss).toBeLessThan(1e-4);
    engine.dispose();
  });
});
