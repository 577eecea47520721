/** Byte-level tokenizer: a token per UTF-8 byte, plus end-of-answer and separator. */
import type { Tokenizer, TokenizerJson } from './tokenizer.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });
const EMPTY = new Uint8Array(0);
const SINGLE_BYTES = Array.from({ length: 256 }, (_, byte) => Uint8Array.of(byte));

export class ByteTokenizer implements Tokenizer {
  readonly name = 'char';
  readonly vocabSize = 258;
  readonly specials = { eos: 256, sep: 257 };

  encode(text: string): number[] {
    const ids = new Array<number>(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) return Array.from(encoder.encode(text)); // non-ASCII: let TextEncoder handle UTF-8
      ids[i] = code;
    }
    return ids;
  }

  decode(ids: number[]): string {
    const bytes = new Uint8Array(ids.length);
    let length = 0;
    for (const id of ids) if (id >= 0 && id < 256) bytes[length++] = id;
    return decoder.decode(bytes.subarray(0, length));
  }

  tokenBytes(id: number): Uint8Array {
    return id >= 0 && id < 256 ? SINGLE_BYTES[id] : EMPTY;
  }

  toJSON(): TokenizerJson {
    return { kind: 'char' };
  }
}
