/**
 * The audit's report.html and terminal table, rebuilt from summary.json only: signal bits, the
 * verifier's agreement with the label, the closure estimate, diversity, near-duplicate clusters,
 * what was sampled, and the same per source.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InfoloopError } from '../core/errors.js';
import { readAuditSummary } from '../audit/output.js';
import type { AuditSummary, SourceSummary } from '../audit/summary.js';
import { escapeHtml, htmlPage, htmlTable, section } from './page.js';
import { chartFigure } from './svg-chart.js';
import { formatCell } from './table.js';

type Pair = [string, unknown];

const facts = (pairs: Pair[]): string => `<table class="data">\n${pairs.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(formatCell(v))}</td></tr>`).join('\n')}\n</table>`;
const interval = (ci: [number, number] | null | undefined): string => (ci ? `[${formatCell(ci[0])}, ${formatCell(ci[1])}]` : '-');

/** The headline numbers, in the order the terminal table and the page show them. */
export function auditHeadline(s: AuditSummary): Pair[] {
  const d = s.diversity;
  return [
    ['rows', s.rows],
    ['malformed lines', s.malformed.count],
    ['acceptance', s.acceptance],
    ['signal_entropy_bits', s.signal_entropy_bits],
    ['shift_bits', s.shift_bits],
    ['verifier pass_rate', s.verifier?.pass_rate ?? null],
    ['filter_bits (verifier)', s.filter_bits],
    ['label/verifier agreement', s.verifier?.agreement ?? null],
    ['I(label; verified) bits', s.verifier?.mi_label_verified_bits ?? null],
    ['  95% interval', s.verifier?.mi_ci ? interval(s.verifier.mi_ci) : null],
    ['closure self bits/char', s.closure.self_bits_per_char],
    ['closure reference bits/char', s.closure.reference_bits_per_char],
    ['distinct-1 / -2 / -3', [d.distinct_1, d.distinct_2, d.distinct_3].map(formatCell).join(' / ')],
    ['entropy rate bits/char', d.entropy_rate_bits_per_char],
    [`NSB entropy of ${d.nsb_of === 'answer' ? 'answers' : 'first words'} (bits)`, d.nsb_entropy_bits],
    ['compression ratio', d.compression_ratio],
    ['length p10 / p50 / p90 (chars)', d.length ? `${formatCell(d.length.p10)} / ${formatCell(d.length.p50)} / ${formatCell(d.length.p90)}` : null],
    ['exact duplicate fraction', d.exact_duplicate_fraction],
    ['near-duplicate fraction', d.near_duplicate_fraction],
    ['near-duplicate clusters', d.clusters?.count ?? null],
  ];
}

/** The short terminal table: the headline numbers that have a value, then notes. */
export function auditTable(s: AuditSummary): string {
  const rows = auditHeadline(s).filter(([, v]) => v !== null && v !== undefined);
  const notes = [
    ...(s.verifier?.label_informative === false ? ['note: the label carries no detectable information about correctness (G-test p ≥ 0.05)'] : []),
    ...s.sampling.sampled.map((n) => `sampled: ${n.what} on ${n.rows} of ${n.of_rows} rows`),
    ...(s.malformed.count > 0 ? [`malformed lines: ${s.malformed.first.map((m) => m.line).join(', ')}${s.malformed.count > s.malformed.first.length ? ', …' : ''}`] : []),
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `${label.padEnd(width)}  ${formatCell(value)}`);
  return [`audit of ${s.file}`, ...lines, ...notes].join('\n');
}

function signalSection(s: AuditSummary): string {
  const v = s.verifier;
  const parts = [
    facts([['judgement', s.signal.kind ?? 'none (no --label-field or --score-field)'], ['n judged', s.signal.n_judged], ['n kept', s.signal.n_kept], ['labels not recognised', s.signal.unparsed_labels], ['acceptance', s.acceptance], ['signal_entropy_bits = N·H2(â)', s.signal_entropy_bits], ['shift_bits = N_kept·(−log2 â)', s.shift_bits]]),
  ];
  if (v) {
    parts.push(`<h3>Verifier: ${escapeHtml(v.name)}</h3>`);
    parts.push(facts([['verified', v.n_verified], ['not verifiable', v.n_unverifiable], ['pass rate', v.pass_rate], ['filter_bits (a filter by the verifier)', s.filter_bits], ['agreement with the label', v.agreement], ['I(label; verified) bits', v.mi_label_verified_bits], ['95% interval (bootstrap)', interval(v.mi_ci)], ['independence p-value (G-test)', v.mi_p_value], ['task bits the label can have injected ≤', v.label_injected_bits_bound]]));
    if (v.confusion) {
      const c = v.confusion;
      parts.push(htmlTable(['', 'verifier: pass', 'verifier: fail'], [['label: kept', String(c.label_kept_pass), String(c.label_kept_fail)], ['label: rejected', String(c.label_rejected_pass), String(c.label_rejected_fail)]]));
    }
    if (v.label_informative === false) parts.push('<p class="warning">The label carries no detectable information about correctness: filtering by it moves the data (shift bits) without injecting task bits.</p>');
  }
  return section('Signal bits', parts.join('\n'));
}

function diversitySection(s: AuditSummary): string {
  const d = s.diversity;
  const length = d.length;
  const table = facts([
    ['distinct-1', d.distinct_1], ['distinct-2', d.distinct_2], ['distinct-3', d.distinct_3],
    ['entropy rate (bits/char, plug-in, 3 chars of context)', d.entropy_rate_bits_per_char],
    [`NSB entropy of ${d.nsb_of === 'answer' ? 'answers' : 'first words'} (bits)`, d.nsb_entropy_bits], ['distinct values', d.nsb_distinct],
    ['compression ratio (raw / DEFLATE)', d.compression_ratio],
    ['exact duplicate fraction', d.exact_duplicate_fraction], ['repeated-response fraction', d.duplicate_response_fraction],
    ['near-duplicate fraction', d.near_duplicate_fraction],
    ['length mean ± sd (chars)', length ? `${formatCell(length.mean)} ± ${formatCell(length.sd)}` : null],
    ['length min / p10 / p50 / p90 / p99 / max', length ? [length.min, length.p10, length.p50, length.p90, length.p99, length.max].map(formatCell).join(' / ') : null],
  ]);
  const chart = length
    ? chartFigure({ title: 'response length (characters)', xLabel: 'length (bin start)', yLabel: 'rows', nonNegative: true, series: [{ name: 'rows', points: length.histogram.counts.map((y, i) => ({ x: length.histogram.edges[i], y })) }] })
    : '';
  return section('Diversity', `${table}\n${chart}`);
}

function clusterSection(s: AuditSummary): string {
  const c = s.diversity.clusters;
  if (!c) return '';
  const head = `<p>MinHash with ${c.permutations} permutations in ${c.bands} bands over word 3-gram shingles; a pair is a near duplicate at estimated Jaccard ≥ ${c.threshold}. ${c.count} clusters hold ${c.rows_in_clusters} rows (largest ${c.largest}).</p>`;
  const examples = c.examples.length > 0 ? htmlTable(['size', 'lines', 'first response (start)'], c.examples.map((e) => [String(e.size), e.lines.join(', '), e.preview])) : '';
  const pairs = c.pairs.length > 0 ? `<h3>Example pairs</h3>\n${htmlTable(['line', 'line', 'Jaccard (est.)', 'first', 'second'], c.pairs.map((p) => [String(p.line_a), String(p.line_b), formatCell(p.jaccard), p.preview_a, p.preview_b]))}` : '';
  return section('Near-duplicate clusters', [head, `<div class="scroll">${examples}</div>`, `<div class="scroll">${pairs}</div>`].join('\n'));
}

function sourceRow(name: string, source: SourceSummary): string[] {
  return [name, source.rows, source.acceptance, source.signal_entropy_bits, source.shift_bits, source.verifier?.pass_rate ?? null, source.filter_bits, source.verifier?.mi_label_verified_bits ?? null, source.diversity.distinct_2, source.diversity.nsb_entropy_bits, source.diversity.exact_duplicate_fraction].map(formatCell);
}

function sourcesSection(s: AuditSummary): string {
  if (!s.by_source) return '';
  const header = ['source', 'rows', 'acceptance', 'signal_entropy_bits', 'shift_bits', 'pass_rate', 'filter_bits', 'I(label; verified)', 'distinct-2', 'NSB bits', 'exact dup.'];
  return section('By source', `<div class="scroll">${htmlTable(header, Object.entries(s.by_source).map(([name, source]) => sourceRow(name, source)))}</div>`);
}

/** The page for an audit summary. */
export function auditReportHtml(s: AuditSummary): string {
  const file = facts([['file', s.file], ['format', s.format], ['bytes', s.bytes], ['rows', s.rows], ['rows without a response', s.missing_response], ['malformed lines', s.malformed.count], ['seed', s.seed], ['fields', Object.entries(s.fields).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`).join(', ')]]);
  const malformed = s.malformed.count > 0 ? htmlTable(['line', 'why'], s.malformed.first.map((m) => [String(m.line), m.error])) : '';
  const closure = facts([['self bits/char (k-fold held out)', s.closure.self_bits_per_char], ['reference bits/char', s.closure.reference_bits_per_char], ['reference − self (bits/char)', s.closure.self_minus_reference_gap], ['reference file', s.closure.reference_file], ['folds', s.closure.folds], ['n-gram order (characters)', s.closure.order], ['rows scored', s.closure.rows], ['characters scored', s.closure.chars]]);
  const sampling = htmlTable(['statistic', 'rows used', 'of rows', 'how'], s.sampling.sampled.map((n) => [n.what, String(n.rows), String(n.of_rows), n.method]));
  const body = [
    section('Dataset', `${file}\n${malformed}`),
    signalSection(s),
    section('Closure estimate', `${closure}\n<p>Held-out bits per character of each response under a character n-gram fit on the other folds (and on the reference): lower self bits mean the dataset predicts itself. See docs/audit.md for what this does and does not estimate.</p>`),
    diversitySection(s),
    clusterSection(s),
    sourcesSection(s),
    section('Sampling', `<p>Exact: ${escapeHtml(s.sampling.exact.join(', '))}.</p>\n${s.sampling.sampled.length > 0 ? sampling : '<p>Nothing was sampled.</p>'}`),
  ].filter((part) => part !== '');
  return htmlPage(`infoloop audit of ${s.file}`, body.join('\n'));
}

/** Rebuild `<dir>/report.html` from `<dir>/summary.json`; returns its path. */
export function writeAuditReport(dir: string): string {
  const html = auditReportHtml(readAuditSummary(dir));
  const path = join(dir, 'report.html');
  try {
    writeFileSync(path, html);
  } catch (error) {
    throw new InfoloopError('E_IO', `could not write ${path}: ${(error as Error).message}`, 'pick a writable folder with --out');
  }
  return path;
}
