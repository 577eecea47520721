import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { chatTurns, extractFields, getPath, parseLabel, resolveFields } from './fields.js';

describe('fields', () => {
  it('reads dotted paths into objects and arrays', () => {
    const record = { instances: [{ input: '', output: 'yes' }], meta: { source: 'a' } };
    expect(getPath(record, 'instances.0.output')).toBe('yes');
    expect(getPath(record, 'meta.source')).toBe('a');
    expect(getPath(record, 'meta.missing.deeper')).toBeUndefined();
  });

  it('takes the last assistant turn of a chat and the user turn before it (OpenAI and ShareGPT shapes)', () => {
    expect(chatTurns([{ role: 'system', content: 's' }, { role: 'user', content: 'q1' }, { role: 'assistant', content: 'a1' }, { role: 'user', content: 'q2' }, { role: 'assistant', content: [{ type: 'text', text: 'a2' }] }])).toEqual({ prompt: 'q2', response: 'a2' });
    expect(chatTurns([{ from: 'human', value: 'hi' }, { from: 'gpt', value: 'hello' }])).toEqual({ prompt: 'hi', response: 'hello' });
    expect(chatTurns([{ role: 'user', content: 'only a question' }])).toEqual({ prompt: null, response: null });
    expect(chatTurns('not a list')).toEqual({ prompt: null, response: null });
  });

  it('detects common field names and explains when there is no response', () => {
    expect(resolveFields({}, { question: 'q', answer: 'a' })).toMatchObject({ prompt: 'question', response: 'answer' });
    expect(resolveFields({}, { messages: [] })).toMatchObject({ messages: 'messages' });
    expect(resolveFields({ response: 'x' }, { prompt: 'p' })).toMatchObject({ prompt: 'prompt', response: 'x' });
    try {
      resolveFields({}, { id: 1, instances: [] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InfoloopError);
      expect((error as InfoloopError).message).toContain('id, instances');
      expect((error as InfoloopError).hint).toContain('--response-field');
    }
  });

  it('parses binary labels in their common spellings and refuses others', () => {
    for (const kept of [true, 1, '1', 'pass', 'Kept', 'accepted', 'yes']) expect(parseLabel(kept)).toBe(1);
    for (const rejected of [false, 0, 'fail', 'REJECTED', 'no', 'incorrect']) expect(parseLabel(rejected)).toBe(0);
    for (const other of [0.5, 'maybe', null, {}, 2]) expect(parseLabel(other)).toBeNull();
  });

  it('extracts every field of a record, converting numbers and big integers to text', () => {
    const row = extractFields({ q: 'p', r: 7n, ok: 'pass', s: '0.5', src: 3, ref: 7 }, { prompt: 'q', response: 'r', label: 'ok', score: 's', source: 'src', reference: 'ref' });
    expect(row).toEqual({ prompt: 'p', response: '7', label: 1, labelPresent: true, score: 0.5, source: '3', reference: '7' });
    expect(extractFields({ r: 'x' }, { response: 'r', label: 'ok', source: 'src' })).toMatchObject({ label: null, labelPresent: false, source: '(missing)' });
  });
});
