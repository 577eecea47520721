/** `infoloop audit <data.jsonl | .jsonl.gz | .parquet> [...]`: parse, call auditDataset, write, print. */
import { basename } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { auditDataset, type AuditOptions } from '../audit/audit.js';
import { writeAuditRows, writeAuditSummary } from '../audit/output.js';
import { VERIFIER_NAMES } from '../audit/verifiers.js';
import { stringify } from '../core/json.js';
import { auditTable, writeAuditReport } from '../report/audit-page.js';
import { createProgress, silentProgress } from '../core/progress.js';

function number(name: string, integer = false) {
  return (value: string): number => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed) || (integer && !Number.isInteger(parsed))) throw new InvalidArgumentError(`${name} must be ${integer ? 'an integer' : 'a number'}`);
    return parsed;
  };
}

/** `data/train.jsonl.gz` → `audit-train`. */
const defaultOut = (file: string): string => `audit-${basename(file).replace(/(\.jsonl|\.json|\.ndjson|\.parquet)?(\.gz)?$/i, '')}`;

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description("the information ledger of an existing dataset: signal bits, verifier agreement, closure, diversity, duplicates")
    .argument('<file>', 'JSON lines (plain or gzip) or parquet')
    .option('--prompt-field <path>', 'field holding the prompt (dotted path, e.g. instruction)')
    .option('--response-field <path>', 'field holding the response (dotted path, e.g. instances.0.output)')
    .option('--messages-field <path>', 'chat messages field: the last assistant turn is the response')
    .option('--label-field <path>', 'binary judgement per row (kept/rejected, pass/fail, true/false, 1/0)')
    .option('--score-field <path>', 'numeric score per row')
    .option('--score-threshold <t>', 'a score ≥ t counts as kept', number('--score-threshold'))
    .option('--source-field <path>', 'field naming each row\'s source: every statistic is also given per source')
    .option('--reference-field <path>', 'field holding the reference answer the verifier compares with')
    .option('--verifier <name>', `${VERIFIER_NAMES.join(' | ')} (default none)`)
    .option('--reference <file>', 'reference text (plain text or a dataset file) for the closure estimate')
    .option('--out <dir>', 'folder for summary.json and report.html (default audit-<file name>)')
    .option('--rows <file>', 'also write one JSON line per row: surprisal, cluster, verdict')
    .option('--seed <n>', 'seed of every sample and bootstrap (default 1)', number('--seed', true))
    .option('--folds <k>', 'folds of the closure estimate (default 5)', number('--folds', true))
    .option('--order <n>', 'character n-gram order of the closure models (default 5)', number('--order', true))
    .option('--fold-rows <n>', 'rows in the closure sample at most (default 8000)', number('--fold-rows', true))
    .option('--minhash-rows <n>', 'rows in the near-duplicate sample at most (default 50000)', number('--minhash-rows', true))
    .option('--json', 'print summary.json instead of the table')
    .option('--quiet', 'no progress bar')
    .action(async (file: string, o: Record<string, unknown>) => {
      const options: AuditOptions = {
        prompt_field: o.promptField as string | undefined,
        response_field: o.responseField as string | undefined,
        messages_field: o.messagesField as string | undefined,
        label_field: o.labelField as string | undefined,
        score_field: o.scoreField as string | undefined,
        score_threshold: o.scoreThreshold as number | undefined,
        source_field: o.sourceField as string | undefined,
        reference_field: o.referenceField as string | undefined,
        verifier: o.verifier as string | undefined,
        reference: o.reference as string | undefined,
        seed: o.seed as number | undefined,
        folds: o.folds as number | undefined,
        order: o.order as number | undefined,
        fold_rows: o.foldRows as number | undefined,
        minhash_rows: o.minhashRows as number | undefined,
        keep_rows: Boolean(o.rows),
      };
      const progress = o.quiet || o.json ? silentProgress : createProgress({ label: 'audit', total: 100, unit: '%' });
      let shown = -1;
      const result = await auditDataset(file, options, ({ bytesRead, bytesTotal, rows }) => {
        const percent = bytesTotal > 0 ? Math.floor((100 * bytesRead) / bytesTotal) : 100;
        if (percent !== shown) progress.update((shown = percent), `${rows} rows, ${(bytesRead / 1e6).toFixed(0)} MB read`);
      });
      progress.stop();
      const out = (o.out as string | undefined) ?? defaultOut(file);
      writeAuditSummary(result.summary, out);
      const report = writeAuditReport(out);
      if (o.rows) await writeAuditRows(result, o.rows as string);
      if (o.json) process.stdout.write(stringify(result.summary, 2) + '\n');
      else process.stdout.write(`${auditTable(result.summary)}\nwrote ${out}/summary.json, ${report}${o.rows ? `, ${o.rows}` : ''}\n`);
    });
}
