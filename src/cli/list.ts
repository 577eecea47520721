/** `infoloop list [tasks|learners|signals|selectors|policies] [--json]`: parts and their parameters. */
import type { Command } from 'commander';
import { listParts, PART_KINDS, type PartInfo } from '../config/parts.js';
import { formatTable } from '../report/table.js';

function formatPart(part: PartInfo): string {
  const head = `${part.name} — ${part.description}`;
  if (part.params.length === 0) return `${head}\n    (no parameters)`;
  const described = part.params.some((p) => p.description);
  const rows = part.params.map((p) => [p.name, p.type, p.required ? 'required' : (p.default ?? '-'), ...(described ? [p.description ?? ''] : [])]);
  const table = formatTable(['key', 'type', 'default', ...(described ? ['description'] : [])], rows, 'left');
  return `${head}\n${table.split('\n').map((line) => `    ${line}`.trimEnd()).join('\n')}`;
}

export function formatParts(kind: string, parts: PartInfo[]): string {
  return [`${kind} (${parts.length})`, '', ...parts.map(formatPart).join('\n\n').split('\n')].join('\n');
}

export function registerList(program: Command): void {
  program
    .command('list')
    .description("the parts a config can name, with each part's keys, types and defaults (from its schema)")
    .argument('[kind]', PART_KINDS.join(' | ') + ' (default: all)')
    .option('--json', 'print JSON')
    .action((kind: string | undefined, opts: { json?: boolean }) => {
      const kinds = kind ? [kind] : [...PART_KINDS];
      const listed = kinds.map((k) => ({ kind: k, parts: listParts(k) }));
      if (opts.json) return void process.stdout.write(JSON.stringify(kind ? listed[0].parts : listed, null, 2) + '\n');
      process.stdout.write(listed.map(({ kind: k, parts }) => formatParts(k, parts)).join('\n\n') + '\n');
    });
}
