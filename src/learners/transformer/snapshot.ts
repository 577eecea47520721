/**
 * Weights and optimizer moments as one binary blob: float32 tensors concatenated in layout order
 * (little-endian, the byte order of every platform Node runs on), with an FNV-1a checksum kept in
 * the snapshot's JSON so a truncated or mismatched file is caught on restore.
 */
import { InfoloopError } from '../../core/errors.js';
import { fnv1aHex } from '../../core/hash.js';

export function packTensors(tensors: Float32Array[]): Uint8Array {
  const total = tensors.reduce((n, t) => n + t.length, 0);
  const all = new Float32Array(total);
  let offset = 0;
  for (const t of tensors) {
    all.set(t, offset);
    offset += t.length;
  }
  return new Uint8Array(all.buffer);
}

/** Split bytes back into tensors of the given lengths; the byte count must match exactly. */
export function unpackTensors(bytes: Uint8Array, lengths: number[]): Float32Array[] {
  const total = lengths.reduce((a, b) => a + b, 0);
  if (bytes.byteLength !== total * 4) {
    throw new InfoloopError('E_RESUME', `transformer snapshot has ${bytes.byteLength} bytes, expected ${total * 4}`, 'restore a snapshot saved by a transformer of the same size and preset');
  }
  const all = new Float32Array(bytes.slice().buffer);
  const out: Float32Array[] = [];
  let offset = 0;
  for (const length of lengths) {
    out.push(all.slice(offset, offset + length));
    offset += length;
  }
  return out;
}

/** FNV-1a over bytes, as 8 hex digits. */
export function checksum(bytes: Uint8Array): string {
  return fnv1aHex(bytes);
}
