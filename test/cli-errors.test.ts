/**
 * Every error path of the CLI that input or the environment can reach: each exits 2 with
 * `error[CODE]: …` (or commander's own `error: …` for malformed options) and a hint, never
 * E_INTERNAL (which is for bugs in infoloop) and never a stack trace.
 */
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from './temp-folder.js';
import { infoloop } from './cli-helpers.js';

const dir = tempFolder('infoloop-cli-errors-');
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const config = (extra = '') => `seed: 1\ngenerations: 2\nn: 20\ntask: { name: categorical-target, K: 10, correct: 2 }\nlearner: { name: categorical, K: 10 }\n${extra}`;
const good = file('good.yaml', config());
const aFile = file('a-file', 'not a folder');
const readOnly = join(dir, 'read-only');
mkdirSync(readOnly);
chmodSync(readOnly, 0o555);
const asRoot = process.getuid?.() === 0; // root writes into read-only folders; /sys refuses everyone
const claims = join(dir, 'exp');
mkdirSync(join(claims, 'claim1'), { recursive: true });
writeFileSync(join(claims, 'claim1', 'summary.json'), '[]');
writeFileSync(join(claims, 'claim1', 'verdict.json'), '{bad json');
const badSummary = join(dir, 'exp2', 'claim2');
mkdirSync(badSummary, { recursive: true });
writeFileSync(join(badSummary, 'summary.json'), '{"not": "a list"}');

const cases: [string, string[], RegExp, string?][] = [
  ['run without a config', ['run'], /E_INPUT/],
  ['run of a missing config', ['run', join(dir, 'none.yaml')], /E_IO/],
  ['run with --out a file', ['run', good, '--out', aFile], /E_IO.*ENOTDIR/],
  ['run with --out read-only', ['run', good, '--out', asRoot ? '/sys/infoloop-runs' : readOnly], /E_IO/],
  ['run with an --out name too long', ['run', good, '--out', join(dir, 'x'.repeat(300))], /E_IO.*ENAMETOOLONG/],
  ['run with n: 1e12', ['run', file('big.yaml', config().replace('n: 20', 'n: 1e12'))], /E_CONFIG\]: n: /],
  ['run with generations: 1e9', ['run', file('gens.yaml', config().replace('generations: 2', 'generations: 1e9'))], /E_CONFIG\]: generations: /],
  ['run with a seed out of range', ['run', file('seed.yaml', config().replace('seed: 1', 'seed: 1e20')), '--out', join(dir, 'seed-runs')], /E_CONFIG\]: seed: /],
  ['run with run_id ".."', ['run', good, '--set', 'run_id=..'], /E_CONFIG\]: run_id: /],
  ['run with both a config and --resume', ['run', good, '--resume', dir], /E_INPUT/],
  ['run with --repair and no --resume', ['run', good, '--repair'], /E_INPUT/],
  ['--resume of a missing folder', ['run', '--resume', join(dir, 'none')], /E_RESUME/],
  ['--resume of a file', ['run', '--resume', aFile], /E_RESUME/],
  ['demo with --out a file', ['demo', '--out', aFile], /E_IO/],
  ['ledger of a missing folder', ['ledger', join(dir, 'none')], /E_RESUME/],
  ['ledger with an unknown column', ['ledger', dir, '--columns', 'nope'], /E_RESUME|E_INPUT/],
  ['report of a missing folder', ['report', join(dir, 'none')], /E_INPUT/],
  ['report with a corrupt verdict.json', ['report', claims], /E_INPUT\]: .*verdict\.json/],
  ['report with a summary.json that is no list', ['report', badSummary], /E_INPUT\]: .*summary\.json/],
  ['report written into a missing folder', ['report', badSummary.replace('claim2', ''), '--out', join(dir, 'none', 'r.html')], /E_INPUT|E_IO/],
  ['tasks show of an unknown family', ['tasks', 'show', 'additon'], /E_UNKNOWN_NAME/],
  ['tasks show --n 1e9', ['tasks', 'show', 'addition', '--n', '1e9'], /E_INPUT\]: --n 1000000000 is above the limit/],
  ['tasks show --difficulty 9', ['tasks', 'show', 'addition', '--difficulty', '9'], /E_/],
  ['exp of an unknown claim', ['exp', 'claim22', '--out', join(dir, 'exp-out')], /E_UNKNOWN_NAME/],
  ['exp --seeds many', ['exp', 'claim2', '--seeds', 'many'], /--seeds must be a positive integer/],
  ['info of an unknown quantity', ['info', 'entropie', '-'], /E_UNKNOWN_NAME/, '1\n'],
  ['info on empty input', ['info', 'entropy', '-'], /E_INPUT/, ''],
  ['info of a missing file', ['info', 'entropy', join(dir, 'none.txt')], /E_IO/],
  ['info --bootstrap 1e9', ['info', 'entropy', '-', '--bootstrap', '1000000000'], /E_INPUT\]: --bootstrap 1000000000 is above the limit/, '1\n2\n'],
  ['info --alphabet 1e12', ['info', 'entropy', '-', '--alphabet', '1000000000000'], /E_INPUT\]: --alphabet/, '1\n2\n'],
  ['info ksg on identical points', ['info', 'ksg', '-'], /E_INPUT\]: .*exact duplicates/, '1,1\n'.repeat(20)],
  ['info kl-entropy on identical points', ['info', 'kl-entropy', '-'], /E_INPUT\]: .*exact duplicates/, '1\n'.repeat(20)],
  ['info with a bad --ci', ['info', 'entropy', '-', '--ci', '2'], /E_INPUT/, '1\n2\n'],
  ['an unknown command', ['rnu'], /unknown command/],
];

describe('no E_INTERNAL for input or environment faults', () => {
  for (const [what, args, pattern, input] of cases) {
    it(what, () => {
      const result = infoloop(args, { input: input ?? '' });
      expect(result.stderr).not.toMatch(/E_INTERNAL/);
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toMatch(pattern);
      expect(result.stderr).toMatch(/^error(\[E_[A-Z_]+\])?: .+\n(.*\n)?hint: \S/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('a seed out of range leaves no run folder behind', () => {
    expect(readdirSync(dir)).not.toContain('seed-runs');
  });
});
