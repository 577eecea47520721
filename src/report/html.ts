/**
 * `infoloop report`: one self-contained HTML page rebuilt from saved records only — a run folder
 * (config.yaml + ledger.jsonl + meta.json) or experiment output (<claim>/summary.json folders).
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { InfoloopError } from '../core/errors.js';
import { experimentReportHtml, readClaim } from './experiment-page.js';
import { runReportHtml } from './run-page.js';

export type ReportInput =
  | { kind: 'run'; dir: string }
  | { kind: 'experiments'; dir: string; claimDirs: string[] };

const HINT = 'pass a run folder (with config.yaml and ledger.jsonl, e.g. runs/<run_id>) or an experiment folder (with <claim>/summary.json, e.g. runs/exp-quick)';

/** What kind of saved records `dir` holds; E_INPUT when it is neither a run nor experiment output. */
export function detectReportInput(dir: string): ReportInput {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InfoloopError('E_INPUT', `${dir} is not a folder`, HINT);
  if (existsSync(join(dir, 'ledger.jsonl')) && existsSync(join(dir, 'config.yaml'))) return { kind: 'run', dir };
  const isClaim = (path: string) => existsSync(join(path, 'summary.json')) || existsSync(join(path, 'failure.json'));
  if (isClaim(dir)) return { kind: 'experiments', dir, claimDirs: [dir] };
  const claimDirs = readdirSync(dir)
    .sort()
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isDirectory() && isClaim(path));
  if (claimDirs.length > 0) return { kind: 'experiments', dir, claimDirs };
  throw new InfoloopError('E_INPUT', `${dir} is neither a run folder nor experiment output`, HINT);
}

/** The report page for `dir` as a string. */
export function buildReport(dir: string): string {
  const input = detectReportInput(dir);
  if (input.kind === 'run') return runReportHtml(input.dir);
  const claims = input.claimDirs.map(readClaim);
  const title = claims.length === 1 ? `infoloop ${claims[0].name} results` : `infoloop experiment results (${basename(resolve(dir))})`;
  return experimentReportHtml(claims, title);
}

/** Write the report (default `<dir>/report.html`) and return the path written. */
export function writeReport(dir: string, out?: string): string {
  const html = buildReport(dir);
  const path = out ?? join(dir, 'report.html');
  try {
    writeFileSync(path, html);
  } catch (error) {
    throw new InfoloopError('E_IO', `could not write ${path}: ${(error as Error).message}`, 'pick a writable path with --out');
  }
  return path;
}
