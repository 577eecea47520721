/** The tasks command: listing, showing instances, JSON shapes and errors. */
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { FAMILY_NAMES } from '../tasks/families/index.js';
import { registerTasks } from './tasks.js';

function run(...args: string[]): string {
  const program = new Command().exitOverride();
  registerTasks(program);
  let output = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    output += String(chunk);
    return true;
  });
  try {
    program.parse(['node', 'infoloop', ...args]);
  } finally {
    write.mockRestore();
  }
  return output;
}

afterEach(() => vi.restoreAllMocks());

describe('infoloop tasks', () => {
  it('lists every family and gsm8k as text and as JSON', () => {
    const text = run('tasks');
    for (const name of FAMILY_NAMES) expect(text).toContain(name);
    const list = JSON.parse(run('tasks', '--json')) as { name: string; domain: string; forms: string[]; multiple_answers: boolean; description: string }[];
    expect(list.map((e) => e.name)).toEqual([...FAMILY_NAMES, 'gsm8k']);
    for (const entry of list) expect(Object.keys(entry).sort()).toEqual(['description', 'domain', 'forms', 'multiple_answers', 'name']);
    expect(list.find((e) => e.name === 'multiple-of')!.multiple_answers).toBe(true);
  });

  it('shows n instances in every form with answers, reproducibly by seed', () => {
    const shown = JSON.parse(run('tasks', 'show', 'addition', '--n', '3', '--seed', '1', '--json')) as { forms: Record<string, string>; answers: string[] }[];
    expect(shown).toHaveLength(3);
    for (const instance of shown) {
      const [a, b] = instance.forms.compact.match(/\d+/g)!.map(Number);
      expect(instance.answers).toEqual([String(a + b)]);
      expect(Object.keys(instance.forms)).toEqual(['compact', 'question', 'instruction']);
    }
    expect(run('tasks', 'show', 'addition', '--n', '3', '--seed', '1', '--json')).toBe(JSON.stringify(shown, null, 2) + '\n');
    const text = run('tasks', 'show', 'multiple-of', '--n', '2', '--difficulty', '2');
    expect(text).toContain('multiple-of #2 (difficulty 2)');
    expect(text).toMatch(/answers: .*\(any of \d+\)/);
    expect(run('tasks', 'show', 'gsm8k', '--n', '1')).toMatch(/answer: +-?\d+/);
  });

  it('names unknown families with the known list and rejects bad counts', () => {
    expect(() => run('tasks', 'show', 'additon')).toThrow(InfoloopError);
    try {
      run('tasks', 'show', 'additon');
    } catch (error) {
      expect((error as InfoloopError).hint).toMatch(/did you mean "addition"\? known: .*grid-walk/);
    }
    expect(() => run('tasks', 'show', 'addition', '--n', '0')).toThrow(/--n must be a positive integer/);
    expect(() => run('tasks', 'show', 'addition', '--difficulty', '9')).toThrow(InfoloopError);
  });
});
