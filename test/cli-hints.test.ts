/**
 * Every `infoloop <command>` a hint names exists. Hints are read from the source with the TypeScript
 * parser: the third argument of every `new InfoloopError(…)`, the hint of every `zodToError(…)`, and
 * every string bound to a name containing "hint"; dynamic hints are checked by producing them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CommanderError } from 'commander';
import { buildProgram, usageError } from '../src/cli/program.js';
import { PART_KINDS, listParts } from '../src/config/parts.js';
import { InfoloopError } from '../src/core/errors.js';
import { learnerRegistry } from '../src/learners/registry.js';
import { policyRegistry } from '../src/policy/registry.js';
import { selectorRegistry } from '../src/select/registry.js';
import { signalRegistry } from '../src/signals/registry.js';
import { taskRegistry } from '../src/tasks/registry.js';
import { ROOT } from './cli-helpers.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The text of every hint expression in a file (template spans kept as `${…}`). */
function hintTexts(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const hints: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && node.expression.getText() === 'InfoloopError' && node.arguments?.[2]) hints.push(node.arguments[2].getText());
    if (ts.isCallExpression(node) && node.expression.getText() === 'zodToError' && node.arguments[2]) hints.push(node.arguments[2].getText());
    if (ts.isVariableDeclaration(node) && /hint/i.test(node.name.getText()) && node.initializer) hints.push(node.initializer.getText());
    if (ts.isStringLiteralLike(node) && /^hint: /.test(node.text)) hints.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return hints;
}

const commands = new Map(buildProgram().commands.map((c) => [c.name(), c]));

/** `infoloop <command> [<subcommand or kind>]` as named in a hint, checked against the program. */
function checkMention(command: string, next: string | undefined): string | null {
  const found = commands.get(command);
  if (!found) return `"infoloop ${command}" is not a command`;
  if (command === 'list' && next && !next.startsWith('-') && !(PART_KINDS as readonly string[]).includes(next)) return `"infoloop list ${next}" is not a kind`;
  return null;
}

describe('hints name commands that exist', () => {
  const files = sourceFiles(join(ROOT, 'src'));
  const mentions = files.flatMap((file) =>
    hintTexts(file).flatMap((hint) => [...hint.matchAll(/infoloop ([a-z$][\w${}.-]*)(?: ([\w$-]+))?/g)].map((m) => ({ file, hint, command: m[1], next: m[2] }))),
  );

  it('finds the hints that mention a command (the extraction works)', () => {
    expect(mentions.length).toBeGreaterThan(5);
    expect(mentions.some((m) => m.command === 'run')).toBe(true);
  });

  it('every static mention is a command (and every `list` kind a kind)', () => {
    const wrong = mentions
      .filter((m) => !m.command.includes('$'))
      .map((m) => {
        const problem = checkMention(m.command, m.next?.includes('$') ? undefined : m.next);
        return problem && `${m.file.slice(ROOT.length)}: ${problem} in ${m.hint}`;
      })
      .filter(Boolean);
    expect(wrong).toEqual([]);
  });

  it('only usage errors build a command name at run time, and theirs exist (from commander suggestions)', async () => {
    const dynamic = new Set(mentions.filter((m) => m.command.includes('$')).map((m) => m.file.slice(ROOT.length)));
    expect([...dynamic]).toEqual([join('src', 'cli', 'program.ts')]);
    for (const typo of ['rnu', 'ledgr', 'lst', 'reprot', 'exq', 'tasls']) {
      const argv = ['node', 'infoloop', typo];
      const error = await buildProgram().parseAsync(argv).then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(CommanderError);
      const hint = usageError(error as CommanderError, argv).hint;
      const named = [...hint.matchAll(/`infoloop (\w+)`/g)].map((m) => m[1]);
      expect(named.length, hint).toBe(1);
      expect(checkMention(named[0], undefined)).toBeNull();
    }
  });

  it.each([
    ['task', taskRegistry, { name: 'addition', heldout_froms: [] }],
    ['learner', learnerRegistry, { name: 'categorical', K: 10, alpah: 1 }],
    ['signal', signalRegistry, { name: 'verifier', flip: 2 }],
    ['selector', selectorRegistry, { name: 'filter', k: 1 }],
    ['policy', policyRegistry, { name: 'mix', lambda: 3 }],
  ] as const)('a bad %s parameter points to an `infoloop list` kind that lists it', (_kind, registry, spec) => {
    let error: unknown;
    try {
      registry.parse(spec as { name: string });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InfoloopError);
    const match = (error as InfoloopError).hint.match(/`infoloop (\w+) (\w+)`/);
    expect(match).not.toBeNull();
    expect(checkMention(match![1], match![2])).toBeNull();
    expect(listParts(match![2]).map((p) => p.name)).toContain(spec.name);
  });
});
