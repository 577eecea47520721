import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../../core/errors.js';
import { createRng, type Rng } from '../../core/rng.js';
import { splitChunks, trainBytePairs } from './bpe.js';
import { countChars, createTokenizer, EOS, FIRST_MERGE, SEP, tokenizerFromJSON, type Tokenizer } from './tokenizer.js';

/** A random well-formed string mixing ASCII, accented letters, CJK, emoji (surrogate pairs) and whitespace. */
function randomText(rng: Rng, length: number): string {
  const ranges: Array<[number, number]> = [[0x20, 0x7e], [0x09, 0x0d], [0xc0, 0x24f], [0x4e00, 0x4e80], [0x1f600, 0x1f64f], [0x0, 0x10ffff]];
  let text = '';
  for (let i = 0; i < length; i++) {
    const [low, high] = ranges[rng.int(ranges.length)];
    let code = low + rng.int(high - low + 1);
    if (code >= 0xd800 && code <= 0xdfff) code = 0x41; // lone surrogates are not UTF-8
    text += String.fromCodePoint(code);
  }
  return text;
}

const corpus = 'the cat sat on the mat. the cat ate the rat; that rat sat. '.repeat(20) + 'Ünïcödé wörds, 数字 123 456 😀😀';

describe.each<[string, () => Tokenizer]>([
  ['char', () => createTokenizer({ kind: 'char' })],
  ['bpe', () => createTokenizer({ kind: 'bpe', vocab_size: 300 }, corpus)],
  ['bpe (no corpus)', () => createTokenizer({ kind: 'bpe', vocab_size: 300 })],
])('tokenizer %s', (_name, make) => {
  it('round-trips random UTF-8 strings, and survives save/load', () => {
    const tokenizer = make();
    const loaded = tokenizerFromJSON(JSON.parse(JSON.stringify(tokenizer.toJSON())));
    const rng = createRng(11);
    for (let trial = 0; trial < 200; trial++) {
      const text = randomText(rng, rng.int(40));
      const ids = tokenizer.encode(text);
      expect(tokenizer.decode(ids)).toBe(text);
      expect(loaded.encode(text)).toEqual(ids);
      for (const id of ids) expect(id >= 0 && id < tokenizer.vocabSize && id !== EOS && id !== SEP).toBe(true);
    }
    expect(tokenizer.decode(tokenizer.encode(corpus))).toBe(corpus);
  });

  it('keeps specials apart from text and skips them when decoding', () => {
    const tokenizer = make();
    expect(tokenizer.specials).toEqual({ eos: 256, sep: 257 });
    expect(tokenizer.decode([...tokenizer.encode('ab'), tokenizer.specials.sep, ...tokenizer.encode('c'), tokenizer.specials.eos])).toBe('abc');
    expect(tokenizer.tokenBytes(EOS)).toHaveLength(0);
  });
});

describe('byte-level tokenizer', () => {
  it('uses one id per UTF-8 byte', () => {
    const tokenizer = createTokenizer({ kind: 'char' });
    expect(tokenizer.vocabSize).toBe(258);
    expect(tokenizer.encode('aé😀')).toEqual([0x61, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
  });
});

describe('byte-pair tokenizer', () => {
  it('learns the hand-computed first merges of a tiny corpus', () => {
    // chunks "aa", " aa" ×2, " ab": pairs (a,a) ×3 and (" ",a) ×3 tie, the smaller key (32,97) wins → 258;
    // then (258,a) ×2 → 259; then every pair occurs once and training stops
    const merges = trainBytePairs('aa aa ab aa', 5);
    expect(merges).toEqual([[32, 97], [258, 97]]);
    const tokenizer = createTokenizer({ kind: 'bpe', vocab_size: 263 }, 'aa aa ab aa');
    expect(tokenizer.vocabSize).toBe(260);
    expect(tokenizer.encode('aa aa ab')).toEqual([97, 97, FIRST_MERGE + 1, FIRST_MERGE, 98]);
  });

  it('compresses its training text and stops when no pair repeats', () => {
    const tokenizer = createTokenizer({ kind: 'bpe', vocab_size: 2000 }, corpus);
    expect(tokenizer.vocabSize).toBeLessThan(2000);
    expect(tokenizer.encode(corpus).length).toBeLessThan(new TextEncoder().encode(corpus).length / 3);
    const bytes = tokenizer.tokenBytes(tokenizer.vocabSize - 1);
    expect(bytes.length).toBeGreaterThan(1);
  });

  it('splits text into chunks that concatenate back to it', () => {
    expect(splitChunks("Hello world's  end\n\n42!")).toEqual(['Hello', ' world', "'s", ' ', ' end', '\n', '\n', '42', '!']);
  });

  it('rejects bad specs and saved states with InfoloopError', () => {
    expect(() => createTokenizer({ kind: 'bpe', vocab_size: 100 })).toThrow(InfoloopError);
    expect(() => createTokenizer({ kind: 'words' } as never)).toThrow(InfoloopError);
    expect(() => tokenizerFromJSON({ kind: 'bpe', vocab_size: 300, merges: [1, 400] })).toThrow(InfoloopError);
    expect(() => tokenizerFromJSON(null)).toThrow(InfoloopError);
  });
});

describe('countChars', () => {
  it('counts code points, a surrogate pair as one', () => {
    expect(countChars('aé😀')).toBe(3);
    expect(countChars('')).toBe(0);
  });
});
