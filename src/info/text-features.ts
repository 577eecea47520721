/**
 * Candidate features a user can extract from any text sample without knowing what the signal
 * rewards: length, final character, format (character-class shape) and repetition. Each maps a
 * sample to a short categorical value, so the detector can test them all the same way.
 */

export const CANDIDATE_FEATURES = ['length', 'final_char', 'format', 'repetition'] as const;
export type CandidateFeature = (typeof CANDIDATE_FEATURES)[number];

/** Length on a doubling scale: "0", "1", "2-3", "4-7", … (exact lengths would split samples too finely). */
export function lengthBucket(text: string): string {
  const n = text.length;
  if (n < 2) return String(n);
  const low = 2 ** Math.floor(Math.log2(n));
  return `${low}-${2 * low - 1}`;
}

/** Digits → 9, letters → a, whitespace → space, runs of one class collapsed: "57 57" → "9 9", "57!" → "9!". */
export function formatShape(text: string): string {
  let shape = '';
  for (const ch of text) {
    const cls = /\d/.test(ch) ? '9' : /\p{L}/u.test(ch) ? 'a' : /\s/.test(ch) ? ' ' : ch;
    if (!shape.endsWith(cls) || (cls !== '9' && cls !== 'a' && cls !== ' ')) shape += cls;
  }
  return shape.length > 12 ? `${shape.slice(0, 12)}…` : shape;
}

/** Whether some whitespace-separated token (punctuation stripped) occurs twice. */
export function hasRepetition(text: string): boolean {
  const tokens = text.split(/\s+/).map((t) => t.replace(/[^\p{L}\p{N}]/gu, '')).filter((t) => t.length > 0);
  return new Set(tokens).size < tokens.length;
}

export function extractFeatures(text: string): Record<CandidateFeature, string> {
  return {
    length: lengthBucket(text),
    final_char: text.length > 0 ? text[text.length - 1] : '(empty)',
    format: formatShape(text),
    repetition: hasRepetition(text) ? 'repeated' : 'none',
  };
}
