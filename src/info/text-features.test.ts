import { describe, expect, it } from 'vitest';
import { extractFeatures, formatShape, hasRepetition, lengthBucket } from './text-features.js';

describe('candidate features', () => {
  it('buckets lengths on a doubling scale', () => {
    expect(['', 'a', 'ab', 'abc', 'abcd', 'abcdefgh'].map(lengthBucket)).toEqual(['0', '1', '2-3', '2-3', '4-7', '8-15']);
  });
  it('collapses character classes into a shape', () => {
    expect(formatShape('57.')).toBe('9.');
    expect(formatShape('57 57')).toBe('9 9');
    expect(formatShape('Answer: 12!!')).toBe('a: 9!!');
  });
  it('detects repeated tokens ignoring punctuation', () => {
    expect(hasRepetition('57 57')).toBe(true);
    expect(hasRepetition('57 57.')).toBe(true);
    expect(hasRepetition('57 75')).toBe(false);
    expect(hasRepetition('')).toBe(false);
  });
  it('extracts every candidate feature', () => {
    expect(extractFeatures('12!')).toEqual({ length: '2-3', final_char: '!', format: '9!', repetition: 'none' });
    expect(extractFeatures('')).toEqual({ length: '0', final_char: '(empty)', format: '', repetition: 'none' });
  });
});
