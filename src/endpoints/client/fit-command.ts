/**
 * The external trainer step. Each fit writes its training set as chat-format JSONL
 * (`{"messages": [...], "weight": w}`) to exports/fit-NNNN.jsonl in the run folder; with a command
 * the user's trainer is run without a shell (the command is split into arguments once, and the
 * placeholders {data}, {out}, {run_dir}, {fit}, {model}, {base_url} are substituted inside single
 * arguments, so no data is ever interpreted by a shell), its stdout and stderr go to
 * logs/fit-NNNN.log, and the next model's id (optionally with a base URL) is read from its last
 * line of stdout or from the {out} file: a plain id, or JSON {"model": "...", "base_url": "..."}.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InfoloopError } from '../../core/errors.js';
import type { Prompt, Weighted } from '../../core/types.js';

export interface FitCommand {
  command: string | string[];
  modelFrom: 'stdout' | 'file';
  timeoutMs: number;
}

const pad = (index: number) => String(index).padStart(4, '0');

export function writeChatExport(runDir: string, index: number, batch: Weighted<string>[], render: (prompt: Prompt) => string, system?: string): string {
  const folder = join(runDir, 'exports');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `fit-${pad(index)}.jsonl`);
  const lines = batch.map(({ prompt, x, weight }) => {
    const messages = [...(system !== undefined ? [{ role: 'system', content: system }] : []), { role: 'user', content: render(prompt) }, { role: 'assistant', content: x }];
    return JSON.stringify({ messages, weight }) + '\n';
  });
  writeFileSync(`${path}.tmp`, lines.join(''));
  renameSync(`${path}.tmp`, path);
  return path;
}

/** A command as arguments: a string is split on whitespace (no quoting, no shell), a list is taken as is. */
export function commandArguments(command: string | string[], values: Record<string, string>): string[] {
  const parts = typeof command === 'string' ? command.trim().split(/\s+/) : command;
  return parts.map((part) => part.replace(/\{(data|out|run_dir|fit|model|base_url)\}/g, (_, name: string) => values[name]));
}

/** The model a trainer announced: its output's last non-empty line, a plain id or JSON. */
export function parseModelLine(output: string): { model: string; baseUrl?: string } | null {
  const line = output.split('\n').map((l) => l.trim()).filter(Boolean).at(-1);
  if (!line) return null;
  if (line.startsWith('{')) {
    try {
      const value = JSON.parse(line) as { model?: unknown; base_url?: unknown };
      if (typeof value.model === 'string' && value.model) return { model: value.model, ...(typeof value.base_url === 'string' ? { baseUrl: value.base_url } : {}) };
    } catch {
      return null;
    }
    return null;
  }
  return { model: line };
}

export function runFitCommand(runDir: string, index: number, spec: FitCommand, current: { data: string; model: string; base_url: string }): { model: string; baseUrl?: string } {
  const logs = join(runDir, 'logs');
  mkdirSync(logs, { recursive: true });
  const log = join(logs, `fit-${pad(index)}.log`);
  const out = resolve(runDir, 'exports', `fit-${pad(index)}.model`);
  const argv = commandArguments(spec.command, { data: resolve(current.data), out, run_dir: resolve(runDir), fit: String(index), model: current.model, base_url: current.base_url });
  const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', shell: false, timeout: spec.timeoutMs, maxBuffer: 256 * 1024 * 1024 });
  writeFileSync(log, `$ ${JSON.stringify(argv)}\n--- stdout\n${result.stdout ?? ''}\n--- stderr\n${result.stderr ?? ''}\n--- exit ${result.status ?? result.signal ?? result.error?.message}\n`);
  const resumeHint = `see ${log}; fix the trainer, then continue with \`infoloop run --resume ${runDir}\` (finished generations are kept, answered requests are cached)`;
  if (result.error) throw new InfoloopError('E_FIT', `fit command ${JSON.stringify(argv[0])} could not run: ${result.error.message}`, resumeHint, 1);
  if (result.status !== 0) throw new InfoloopError('E_FIT', `fit command exited with ${result.status ?? `signal ${result.signal}`}`, resumeHint, 1);
  const source = spec.modelFrom === 'file' ? (existsSync(out) ? readFileSync(out, 'utf8') : '') : result.stdout;
  const next = parseModelLine(source);
  if (!next) throw new InfoloopError('E_FIT', `fit command printed no model id ${spec.modelFrom === 'file' ? `into ${out}` : 'on stdout'}`, `its last line must be the new model's id, or {"model": "...", "base_url": "..."}; ${resumeHint}`, 1);
  return next;
}
