/**
 * `infoloop report` end to end: a real run folder made by runLoop, the same run with a hacking
 * alarm written into its ledger, and a hand-written experiment folder. Checks read the page as
 * text: polylines have one point per generation, bands and verdicts are there, text is escaped,
 * the alarm marker appears exactly when the ledger says so, and nothing points outside the page.
 */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerReport } from '../src/cli/report.js';
import { InfoloopError } from '../src/core/errors.js';
import { parse, stringify } from '../src/core/json.js';
import { resolveConfig } from '../src/config/load.js';
import type { SummaryRow } from '../src/experiments/types.js';
import type { LedgerRow } from '../src/ledger/schema.js';
import { runLoop } from '../src/loop/engine.js';
import { buildReport, writeReport } from '../src/report/html.js';

const GENERATIONS = 6;

/** Point counts of the series polylines named `name`. */
function pointCounts(html: string, name: string): number[] {
  const pattern = new RegExp(`<polyline class="series[^"]*" data-series="${name}" points="([^"]*)"`, 'g');
  return [...html.matchAll(pattern)].map((m) => m[1].split(' ').length);
}

/** Every src= and href= value in the page. */
function links(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]*)/gi)].map((m) => m[1]);
}

function expectSelfContained(html: string): void {
  expect(links(html)).toEqual([]);
  expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
  expect(html).not.toMatch(/https?:/i);
}

let root: string;
let runDir: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'infoloop-report-'));
  const config = resolveConfig({
    seed: 5,
    run_id: 'verifier',
    generations: GENERATIONS,
    n: 100,
    task: { name: 'categorical-target', K: 50, correct: 5 },
    learner: { name: 'categorical', K: 50, alpha: 0.5 },
    signal: { name: 'verifier' },
    select: { name: 'filter' },
    policy: { name: 'replace' },
  });
  runDir = (await runLoop(config, { out: root, quiet: true, durable: false })).dir;
  // a user's note with HTML special characters, to check escaping of saved text
  appendFileSync(join(runDir, 'config.yaml'), '# note: <b>"a" & \'b\'</b>\n');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('report of a run folder', () => {
  it('draws one point per generation for every charted ledger column and escapes saved text', () => {
    const path = writeReport(runDir);
    expect(path).toBe(join(runDir, 'report.html'));
    const html = readFileSync(path, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    for (const column of ['accuracy', 'gap_bits', 'injected_bits_cum', 'shift_bits']) expect(pointCounts(html, column)).toEqual([GENERATIONS + 1]);
    expect(html).toContain('# note: &lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;');
    expect(html).not.toContain('<b>"a"');
    // ledger table: a header row and one row per generation
    const ledger = html.slice(html.indexOf('<h2>Ledger</h2>'));
    expect(ledger.slice(0, ledger.indexOf('</table>')).match(/<tr>/g)).toHaveLength(GENERATIONS + 2);
    expect(html).toContain('status');
    expect(html).not.toContain('alarm-marker');
    expect(html).not.toContain('Reward-hacking alarm');
    expectSelfContained(html);
  });

  it('leaves out columns that are null in every row', () => {
    const rows = readFileSync(join(runDir, 'ledger.jsonl'), 'utf8').trim().split('\n').map((line) => parse<LedgerRow>(line));
    const empty = (['heldout_accuracy', 'entropy_bits'] as const).filter((c) => rows.every((row) => row[c] === null));
    // this categorical run has no held-out split, so the test is not vacuous
    expect(empty).toContain('heldout_accuracy');
    const html = buildReport(runDir);
    for (const column of empty) expect(pointCounts(html, column)).toEqual([]);
  });

  it('marks the hacking alarm on every chart exactly when a row has hacking_alarm true', () => {
    const alarmed = join(root, 'alarmed');
    cpSync(runDir, alarmed, { recursive: true });
    const rows = readFileSync(join(alarmed, 'ledger.jsonl'), 'utf8').trim().split('\n').map((line) => parse<LedgerRow>(line));
    const detector = { alarm: true, feature: 'final_character', value: '<!>', p_value: 0.001, cmi_bits: 0.2, prevalence_z: 4.5 };
    const edited = rows.map((row) => ({
      ...row,
      extras: { ...row.extras, hacking_alarm: row.generation >= 3, hacking_detector: row.generation >= 3 ? detector : { ...detector, alarm: false } },
    }));
    writeFileSync(join(alarmed, 'ledger.jsonl'), edited.map((row) => stringify(row) + '\n').join(''));
    const html = buildReport(alarmed);
    const charts = (html.match(/<svg class="chart"/g) ?? []).length;
    expect(charts).toBeGreaterThanOrEqual(4);
    // one onset (generation 3) → one marker per chart
    expect(html.match(/class="alarm-marker"/g)).toHaveLength(charts);
    expect(html).toContain('Reward-hacking alarm');
    expect(html).toContain('generation 3');
    expect(html).toContain('final_character = &quot;&lt;!&gt;&quot;');
    expect(html).not.toContain('"<!>"');

    // hacking_alarm present but false everywhere: no marker
    writeFileSync(join(alarmed, 'ledger.jsonl'), edited.map((row) => stringify({ ...row, extras: { ...row.extras, hacking_alarm: false } }) + '\n').join(''));
    const quiet = buildReport(alarmed);
    expect(quiet).not.toContain('alarm-marker');
    expect(quiet).not.toContain('Reward-hacking alarm');
  });

  it('still reports a run whose meta.json is gone and whose last row is torn', () => {
    const torn = join(root, 'torn');
    cpSync(runDir, torn, { recursive: true });
    rmSync(join(torn, 'meta.json'));
    appendFileSync(join(torn, 'ledger.jsonl'), '{"run_id": "half a row');
    const html = buildReport(torn);
    expect(html).toContain('meta.json');
    expect(html).toContain('partial row');
    expect(pointCounts(html, 'accuracy')).toEqual([GENERATIONS + 1]);
  });

  it('clips an infinite gap with a marker and keeps the point', () => {
    const infinite = join(root, 'infinite');
    cpSync(runDir, infinite, { recursive: true });
    const rows = readFileSync(join(infinite, 'ledger.jsonl'), 'utf8').trim().split('\n').map((line) => parse<LedgerRow>(line));
    writeFileSync(join(infinite, 'ledger.jsonl'), rows.map((row) => stringify({ ...row, gap_bits: row.generation === 0 ? Infinity : row.gap_bits }) + '\n').join(''));
    const html = buildReport(infinite);
    expect(pointCounts(html, 'gap_bits')).toEqual([GENERATIONS + 1]);
    expect(html).toContain('class="clipped"');
  });
});

/** Two variants over t = 0..T with CIs, theory rows for one, and one run-level statistic. */
function syntheticSummary(T: number): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const variant of ['replace-mle', 'mix <0.5>']) {
    for (let t = 0; t <= T; t++) {
      const mean = variant === 'replace-mle' ? 0.9 ** t : 1;
      rows.push({ experiment: 'gaussian', variant, params: { n: 10 }, t, metric: 'sigma2', mean, se: 0.05, ci_low: mean - 0.1, ci_high: mean + 0.1, n_runs: 5, kind: 'measured', ci_method: 't' });
      if (variant === 'replace-mle') rows.push({ experiment: 'gaussian', variant, params: { n: 10 }, t, metric: 'sigma2', mean: 0.9 ** t, se: 0, ci_low: 0.9 ** t, ci_high: 0.9 ** t, n_runs: 0, kind: 'closed_form', ci_method: 'none' });
    }
  }
  rows.push({ experiment: 'gaussian', variant: 'replace-mle', params: {}, t: T, metric: 'lead_time', mean: 2, se: 0.5, ci_low: 1, ci_high: 3, n_runs: 5, kind: 'measured', ci_method: 't' });
  return rows;
}

function writeClaim(dir: string, label: string, statement: string, T: number): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'summary.json'), stringify(syntheticSummary(T), 1));
  writeFileSync(join(dir, 'verdict.json'), stringify({ claim: 'claim1', label, statement, settings: { quick: true, seeds: { gaussian: 5 } } }, 2));
  writeFileSync(join(dir, 'summary.md'), '# claim1 — closed loops collapse\n');
}

describe('report of experiment output', () => {
  const T = 8;

  it('shows the verdict, one band per measured variant and dashed theory lines', () => {
    const out = join(root, 'exp');
    writeClaim(join(out, 'claim1'), 'supported', 'sigma2 falls by 0.57 [0.5, 0.6] & "<collapse>"', T);
    const claimHtml = buildReport(join(out, 'claim1'));
    const html = readFileSync(writeReport(out, join(root, 'exp.html')), 'utf8');
    for (const page of [claimHtml, html]) {
      expect(page).toContain('Verdict: <b>supported</b>. sigma2 falls by 0.57 [0.5, 0.6] &amp; &quot;&lt;collapse&gt;&quot;');
      expect(page).toContain('claim1 — closed loops collapse');
      expect(page.match(/<polygon class="ci-band"/g)).toHaveLength(2);
      expect(pointCounts(page, 'replace-mle')).toEqual([T + 1]);
      expect(pointCounts(page, 'mix &lt;0.5&gt;')).toEqual([T + 1]);
      expect(page).toMatch(/class="series theory" data-series="replace-mle \(theory\)"[^>]*stroke-dasharray/);
      // a band polygon has an upper and a lower edge: 2 points per generation
      const band = /<polygon class="ci-band" data-series="replace-mle" points="([^"]*)"/.exec(page);
      expect(band?.[1].split(' ')).toHaveLength(2 * (T + 1));
      // the run-level statistic goes into a table, not a chart
      expect(page).toContain('lead_time');
      expect(page).not.toContain('data-series="lead_time"');
      expect(page).not.toContain('mix <0.5>');
      expectSelfContained(page);
    }
  });

  it('lists every claim folder of an output folder', () => {
    const out = join(root, 'exp-all');
    writeClaim(join(out, 'claim1'), 'supported', 'first', 3);
    writeClaim(join(out, 'claim2'), 'inconclusive', 'second', 3);
    const html = buildReport(out);
    expect(html).toContain('<h2>Verdicts</h2>');
    expect(html).toContain('claim2: <b>inconclusive</b> — second');
    expect(html.match(/<polygon class="ci-band"/g)).toHaveLength(4);
  });
});

describe('bad input and the command line', () => {
  afterEach(() => vi.restoreAllMocks());

  it('rejects a folder that is neither a run nor experiment output with E_INPUT and a hint', () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    for (const dir of [empty, join(empty, 'missing')]) {
      let caught: unknown;
      try {
        buildReport(dir);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InfoloopError);
      expect((caught as InfoloopError).code).toBe('E_INPUT');
      expect((caught as InfoloopError).hint).toContain('run folder');
    }
    mkdirSync(join(empty, 'claimX'));
    writeFileSync(join(empty, 'claimX', 'summary.json'), '{"not": "a list"}');
    expect(() => buildReport(empty)).toThrow(/not a list of summary rows/);
  });

  it('`report <dir> --out file` writes the page and prints its path', async () => {
    const program = new Command('infoloop').exitOverride();
    registerReport(program);
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (printed.push(String(chunk)), true));
    const out = join(root, 'cli.html');
    await program.parseAsync(['node', 'infoloop', 'report', runDir, '--out', out]);
    expect(printed.join('')).toBe(out + '\n');
    expect(readFileSync(out, 'utf8')).toContain('<svg class="chart"');
  });
});
