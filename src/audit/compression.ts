/**
 * Compression ratio of the responses: raw UTF-8 bytes over DEFLATE (zlib level 6, raw) bytes,
 * compressed in blocks of about 1 MB. DEFLATE only finds repeats within its 32 KB window, so the
 * ratio measures local redundancy (repeated phrasing within and between nearby rows); blocks lose
 * nothing of that, and far-apart copies are counted by the duplicate statistics instead.
 * With `every` = k > 1 only every k-th block is compressed (a systematic sample of blocks, for
 * large files); the ratio is then that of the compressed blocks.
 */
import { deflateRawSync } from 'node:zlib';

const BLOCK_BYTES = 1 << 20;

export class CompressionMeter {
  rawBytes = 0;
  compressedBytes = 0;
  private pending: string[] = [];
  private pendingLength = 0;
  blocks = 0;
  blocksCompressed = 0;

  constructor(readonly every = 1) {}

  add(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length + 1;
    if (this.pendingLength >= BLOCK_BYTES) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    if (this.blocks++ % this.every !== 0) {
      this.pending = [];
      this.pendingLength = 0;
      return;
    }
    this.blocksCompressed++;
    const block = Buffer.from(this.pending.join('\n') + '\n', 'utf8');
    this.rawBytes += block.length;
    this.compressedBytes += deflateRawSync(block, { level: 6 }).length;
    this.pending = [];
    this.pendingLength = 0;
  }

  /** raw / compressed (higher: more redundant), or null when there is nothing to compress. */
  ratio(): number | null {
    this.flush();
    return this.compressedBytes > 0 ? this.rawBytes / this.compressedBytes : null;
  }
}
