import { describe, expect, it } from 'vitest';
import { answerLimits, charStarts, decodeAnswer, encodeContext, encodePair, truncateChars } from './text-sequence.js';
import { createTokenizer } from './tokenize/tokenizer.js';

const tokenizer = createTokenizer({ kind: 'char' });

describe('text sequences', () => {
  it('lays out prompt + SEP + answer + EOS', () => {
    const { ids, answerStart } = encodePair(tokenizer, 'Q:', 'ok');
    expect(ids).toEqual([81, 58, 257, 111, 107, 256]);
    expect(answerStart).toBe(3);
    expect(encodeContext(tokenizer, '')).toEqual([257]);
  });

  it('decodes an answer up to its first EOS', () => {
    expect(decodeAnswer(tokenizer, [104, 105, 256, 120])).toBe('hi');
    expect(decodeAnswer(tokenizer, [104, 105])).toBe('hi');
  });

  it('reads answer limits from the prompt data, else the default', () => {
    expect(answerLimits({ id: 'a', text: '' }, 64)).toEqual({ maxTokens: 64, maxChars: Infinity, minChars: 0 });
    expect(answerLimits({ id: 'a', text: '', data: { max_chars: 10, min_chars: 10 } }, 64)).toEqual({ maxTokens: 40, maxChars: 10, minChars: 10 });
    expect(answerLimits({ id: 'a', text: '', data: { max_tokens: 5, max_chars: -1 } }, 64)).toEqual({ maxTokens: 5, maxChars: Infinity, minChars: 0 });
  });

  it('counts and cuts characters, not bytes or UTF-16 units', () => {
    expect(charStarts(new TextEncoder().encode('é😀a'))).toBe(3);
    expect(truncateChars('😀😀😀', 2)).toBe('😀😀');
    expect(truncateChars('abc', Infinity)).toBe('abc');
  });
});
