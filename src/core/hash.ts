/** FNV-1a, 32-bit: a fast stable hash for labels, ids and checksums (not cryptographic). */
export function fnv1a(data: string | ArrayLike<number>): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) {
    h ^= typeof data === 'string' ? data.charCodeAt(i) : data[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The hash as 8 hex digits. */
export function fnv1aHex(data: string | ArrayLike<number>): string {
  return fnv1a(data).toString(16).padStart(8, '0');
}
