/**
 * Resume refuses what it cannot trust: a truncated, bit-flipped or hand-edited checkpoint (JSON,
 * binary or history), a damaged meta.json, an edited config.yaml, a damaged ledger row in the
 * middle. Each refusal is E_RESUME (exit 2) naming the file; restoring the file makes the resume
 * work again; --repair continues from what is intact and ends with the uninterrupted ledger.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from './temp-folder.js';
import { parse } from '../src/core/json.js';
import { DEFAULT_TEXT_PATH } from '../src/tasks/text.js';
import { infoloop } from './cli-helpers.js';

const root = tempFolder('infoloop-integrity-');
let counter = 0;

const categorical = `seed: 3
generations: 4
n: 100
run_id: r
task: { name: categorical-target, K: 50, correct: 5 }
learner: { name: categorical, K: 50, alpha: 0.5 }
signal: { name: verifier }
`;
const gaussianAccumulate = `seed: 2
generations: 4
n: 30
run_id: r
task: { name: gaussian-target }
learner: { name: gaussian, estimator: mle }
policy: { name: accumulate }
`;

const ledger = (dir: string) => readFileSync(join(dir, 'ledger.jsonl'), 'utf8').trim().split('\n').map((line) => {
  const row = parse<Record<string, unknown>>(line);
  delete row.wall_ms;
  return row;
});

/** A finished run, plus a copy cut back to `keep` rows (as if killed after generation keep − 1). */
function finishedAndCut(text: string, keep = 3): { full: string; cut: string } {
  const out = join(root, `case-${counter++}`);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'c.yaml'), text);
  for (const name of ['full', 'cut']) expect(infoloop(['run', join(out, 'c.yaml'), '--out', join(out, name), '--quiet']).status).toBe(0);
  const cut = join(out, 'cut', 'r');
  const lines = readFileSync(join(cut, 'ledger.jsonl'), 'utf8').split('\n');
  writeFileSync(join(cut, 'ledger.jsonl'), lines.slice(0, keep).join('\n') + '\n');
  return { full: join(out, 'full', 'r'), cut };
}

function resume(dir: string, ...extra: string[]) {
  return infoloop(['run', '--resume', dir, ...extra]);
}

function expectRefused(dir: string, file: string): void {
  const result = resume(dir, '--quiet');
  expect(result.status, result.stderr).toBe(2);
  expect(result.stderr).toMatch(/^error\[E_RESUME\]: /);
  expect(result.stderr.split('\n')[0]).toContain(file);
  expect(result.stderr).toMatch(/\nhint: \S/);
}

/** Damage `file` with `damage`, check the refusal, then put the original back. */
function refusedThenRestored(dir: string, file: string, damage: (bytes: Buffer) => Buffer | string): void {
  const path = join(dir, file);
  copyFileSync(path, `${path}.orig`);
  writeFileSync(path, damage(readFileSync(path)));
  expectRefused(dir, file);
  copyFileSync(`${path}.orig`, path);
}

const flipBit = (at: number) => (bytes: Buffer) => {
  const copy = Buffer.from(bytes);
  copy[at < 0 ? copy.length + at : at] ^= 0x04;
  return copy;
};

describe('integrity checks on resume', () => {
  it('refuses damaged checkpoints, meta.json and an edited config.yaml, and resumes once they are restored', () => {
    const { full, cut } = finishedAndCut(categorical);
    const checkpoint = 'checkpoints/gen-0002.json';
    refusedThenRestored(cut, checkpoint, (bytes) => bytes.subarray(0, bytes.length - 7)); // truncated
    refusedThenRestored(cut, checkpoint, flipBit(-20)); // one bit flipped in the body
    refusedThenRestored(cut, checkpoint, (bytes) => bytes.toString('utf8').replace(/"injected_bits_cum":[^,]+/, '"injected_bits_cum":1.196')); // edited
    refusedThenRestored(cut, checkpoint, (bytes) => bytes.toString('utf8').split('\n')[1]); // header removed
    refusedThenRestored(cut, 'meta.json', (bytes) => bytes.subarray(0, 40)); // truncated
    refusedThenRestored(cut, 'meta.json', (bytes) => bytes.toString('utf8').replace('"generations_done": 4', '"generations_done": 9')); // edited
    refusedThenRestored(cut, 'config.yaml', (bytes) => bytes.toString('utf8').replace('n: 100', 'n: 50'));
    const resumed = resume(cut, '--quiet');
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(ledger(cut)).toEqual(ledger(full));
  });

  it('refuses a damaged accumulate history file; checkpoints refer to the history instead of copying it', () => {
    const { full, cut } = finishedAndCut(gaussianAccumulate);
    refusedThenRestored(cut, 'history/gen-0001.json', flipBit(-3));
    refusedThenRestored(cut, 'history/gen-0002.json', (bytes) => bytes.subarray(0, 50));
    expect(resume(cut, '--quiet').status).toBe(0);
    expect(ledger(cut)).toEqual(ledger(full));
    // a checkpoint holds the history by reference: the same size at generation 1 and 4
    const size = (t: number) => readFileSync(join(full, `checkpoints/gen-000${t}.json`)).length;
    expect(size(4)).toBeLessThan(size(1) * 1.1);
    expect(readdirSync(join(full, 'history'))).toEqual(['gen-0001.json', 'gen-0002.json', 'gen-0003.json', 'gen-0004.json']);
  });

  it('--repair continues from the newest intact checkpoint and backs the ledger up first', () => {
    const { full, cut } = finishedAndCut(categorical, 4);
    const original = readFileSync(join(cut, 'ledger.jsonl'), 'utf8');
    writeFileSync(join(cut, 'checkpoints/gen-0003.json'), 'damaged');
    expectRefused(cut, 'gen-0003.json');
    const repaired = resume(cut, '--repair');
    expect(repaired.status, repaired.stderr).toBe(0);
    expect(repaired.stderr).toMatch(/--repair: .*gen-0003\.json.*the ledger now ends after generation 2 .*kept as .*ledger\.jsonl\.bak-/);
    const backups = readdirSync(cut).filter((file) => file.startsWith('ledger.jsonl.bak-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(cut, backups[0]), 'utf8')).toBe(original);
    expect(ledger(cut)).toEqual(ledger(full));
  });

  it('refuses a damaged binary checkpoint (n-gram count table)', () => {
    const text = join(root, 'text.txt');
    writeFileSync(text, readFileSync(DEFAULT_TEXT_PATH, 'utf8').slice(0, 20_000));
    const { cut } = finishedAndCut(`seed: 1\ngenerations: 3\nn: 8\nrun_id: r\ntask: { name: text, path: ${JSON.stringify(text)}, sample_chars: 64, eval_samples: 4 }\nlearner: { name: ngram, order: 3 }\n`, 2);
    refusedThenRestored(cut, 'checkpoints/gen-0001.bin', flipBit(100));
    refusedThenRestored(cut, 'checkpoints/gen-0001.bin', (bytes) => bytes.subarray(0, bytes.length - 1));
    expect(resume(cut, '--quiet').status).toBe(0);
  });
});

describe('a damaged ledger row in the middle', () => {
  it('is reported with its line number; --repair keeps the rows before it and re-runs the rest', () => {
    const { full, cut } = finishedAndCut(categorical, 5);
    const lines = readFileSync(join(cut, 'ledger.jsonl'), 'utf8').split('\n');
    lines[2] = lines[2].slice(0, 30) + 'garbage';
    writeFileSync(join(cut, 'ledger.jsonl'), lines.join('\n'));
    const refused = resume(cut);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^error\[E_RESUME\]: .*ledger\.jsonl line 3 is not a valid ledger row \(it is not valid JSON\)\nhint: .*--repair/);
    expect(refused.stderr).not.toMatch(/partial row/);
    const shown = infoloop(['ledger', cut]);
    expect(shown.status).toBe(2);
    expect(shown.stderr).toMatch(/^error\[E_INPUT\]: .*line 3/);
    const repaired = resume(cut, '--repair');
    expect(repaired.status, repaired.stderr).toBe(0);
    expect(repaired.stderr).toMatch(/--repair: ledger line 3 was damaged/);
    expect(ledger(cut)).toEqual(ledger(full));
    expect(readdirSync(cut).some((file) => file.startsWith('ledger.jsonl.bak-'))).toBe(true);
  });

  it('a row for the wrong generation is damage too', () => {
    const { full, cut } = finishedAndCut(categorical, 5);
    const lines = readFileSync(join(full, 'ledger.jsonl'), 'utf8').split('\n');
    writeFileSync(join(cut, 'ledger.jsonl'), [lines[0], lines[1], lines[1], lines[2], ''].join('\n'));
    const refused = resume(cut);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/line 3 is not a valid ledger row \(it is for generation 1 where generation 2 was expected\)/);
    expect(existsSync(join(cut, 'lock'))).toBe(false);
  });
});
