/**
 * The audit on the repository's GSM8K training file: its solutions verified against their own
 * `#### ` answers pass 100%, and corruptions planted in a copy (wrong final numbers, malformed
 * lines, repeated rows) are found where they were planted, through the library and the CLI.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from './temp-folder.js';
import { auditDataset } from '../src/index.js';
import { writeAuditRows } from '../src/audit/output.js';
import { createRng, shuffle } from '../src/core/rng.js';
import { REQUIRED_KEYS } from '../src/audit/summary.js';
import { infoloop, ROOT } from './cli-helpers.js';

const TRAIN = join(ROOT, 'data', 'gsm8k', 'train.jsonl');
const lines = readFileSync(TRAIN, 'utf8').trim().split('\n');
const dir = tempFolder('infoloop-audit-gsm8k-');
const FAST = { fold_rows: 300, bootstrap: 200 };

/** A copy with `response` = the solution, 40 final answers changed, 3 malformed lines and 10 repeated rows. */
function corruptedCopy(): { path: string; wrongLines: number[]; malformedLines: number[]; rows: number } {
  const rng = createRng(19);
  const wrong = new Set(shuffle(rng, lines.map((_, i) => i)).slice(0, 40));
  const out: string[] = [];
  const wrongLines: number[] = [];
  const malformedLines: number[] = [];
  lines.forEach((line, i) => {
    const record = JSON.parse(line) as { question: string; answer: string };
    const response = wrong.has(i) ? record.answer.replace(/#### (-?[\d,]+)$/, (_, n: string) => `#### ${Number(n.replace(/,/g, '')) + 1}`) : record.answer;
    out.push(JSON.stringify({ ...record, response }));
    if (wrong.has(i)) wrongLines.push(out.length);
    if (i === 100 || i === 5000 || i === 7000) {
      out.push(line.slice(0, 50)); // a line cut short
      malformedLines.push(out.length);
    }
  });
  const correct = lines.map((_, i) => i).filter((i) => !wrong.has(i));
  for (let k = 0; k < 10; k++) out.push(JSON.stringify({ ...JSON.parse(lines[correct[k]]), response: JSON.parse(lines[correct[k]]).answer }));
  const path = join(dir, 'train-corrupted.jsonl');
  writeFileSync(path, out.join('\n') + '\n');
  return { path, wrongLines, malformedLines, rows: lines.length + 10 };
}

describe('audit of data/gsm8k/train.jsonl', () => {
  it('every solution passes the gsm8k verifier against its own #### answer', async () => {
    const { summary } = await auditDataset(TRAIN, { ...FAST, verifier: 'gsm8k', reference_field: 'answer' });
    expect(summary.rows).toBe(7473);
    expect(summary.malformed.count).toBe(0);
    expect(summary.fields).toMatchObject({ prompt: 'question', response: 'answer', reference: 'answer' });
    expect(summary.verifier).toMatchObject({ n_verified: 7473, n_pass: 7473, n_unverifiable: 0, pass_rate: 1 });
    expect(summary.filter_bits).toBe(0);
    expect(summary.diversity.exact_duplicate_fraction).toBe(0);
    expect(summary.diversity.nsb_of).toBe('answer');
  });

  it('finds the planted wrong answers, malformed lines and repeated rows', async () => {
    const planted = corruptedCopy();
    const result = await auditDataset(planted.path, { ...FAST, response_field: 'response', verifier: 'gsm8k', reference_field: 'answer' });
    const { summary } = result;
    expect(summary.rows).toBe(planted.rows);
    expect(summary.malformed.first.map((m) => m.line)).toEqual(planted.malformedLines);
    expect(summary.verifier).toMatchObject({ n_verified: planted.rows, n_pass: planted.rows - 40 });
    expect(summary.diversity.exact_duplicate_fraction).toBe(10 / planted.rows);
    const rowsPath = join(dir, 'rows.jsonl');
    await writeAuditRows(result, rowsPath);
    const rows = readFileSync(rowsPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(rows.filter((r) => r.verified === false).map((r) => r.line)).toEqual(planted.wrongLines);
  });

  it('the CLI writes summary.json with the fixed keys, report.html and the table', () => {
    const planted = corruptedCopy();
    const out = join(dir, 'cli-out');
    const run = infoloop(['audit', planted.path, '--response-field', 'response', '--verifier', 'gsm8k', '--reference-field', 'answer', '--fold-rows', '300', '--out', out, '--rows', join(out, 'rows.jsonl'), '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/verifier pass_rate\s+0\.99/);
    expect(run.stdout).toContain(`malformed lines: ${planted.malformedLines.join(', ')}`);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    for (const key of REQUIRED_KEYS) expect(summary).toHaveProperty(key);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<!DOCTYPE html>');
    expect(html).toContain('Signal bits');
    expect(existsSync(join(out, 'rows.jsonl'))).toBe(true);
  });

  it('bad input is one error line, a hint and exit 2', () => {
    const missing = infoloop(['audit', join(dir, 'nope.jsonl'), '--quiet']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^error\[E_IO\]: cannot open .*\nhint: /);
    const unknown = infoloop(['audit', TRAIN, '--verifier', 'gsm8', '--quiet']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('error[E_UNKNOWN_NAME]: verifier "gsm8" is unknown\nhint: did you mean "gsm8k"?');
    const noReference = infoloop(['audit', TRAIN, '--verifier', 'gsm8k', '--quiet']);
    expect(noReference.status).toBe(2);
    expect(noReference.stderr).toContain('--reference-field');
    const noResponse = join(dir, 'no-response.jsonl');
    writeFileSync(noResponse, '{"id": 1, "meta": {}}\n');
    const detected = infoloop(['audit', noResponse, '--quiet']);
    expect(detected.status).toBe(2);
    expect(detected.stderr).toMatch(/error\[E_INPUT\]: no response field found.*\nhint: name it with --response-field/);
  });
});
