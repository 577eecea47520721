/**
 * Jobs finishing (completed or failed), read from the event stream BullMQ keeps for the queue.
 * BullMQ's own QueueEvents reads every event the moment it is written, so a sweep of short jobs
 * wakes the producer and Redis several times per job; this reader pauses briefly after each read
 * so that one read hands over the events of many jobs. Events are notices only: the producer also
 * checks every outstanding job now and then, so a notice missed (Redis restarting, the stream
 * trimmed) delays a result, never loses it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { maskUrl, redisOptions, type QueueConnection } from './connection.js';

export interface FinishedNotice {
  jobId: string;
  /** A completed job's return value as BullMQ stored it (JSON text); absent for a failure. */
  returnvalue?: string;
}

/** The pause after a read that found events: the producer's wake-ups per job fall with the job's length. */
const BATCH_MS = 25;
/** How long one read waits for an event (it returns at once when there are some). */
const BLOCK_MS = 1000;

type StreamReply = [key: string, entries: [id: string, fields: string[]][]][] | null;

/** The event's fields as an object (BullMQ writes them as a flat name, value, … list). */
function fieldsOf(flat: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]] = flat[i + 1];
  return fields;
}

export class FinishedEvents {
  private closed = false;
  private listener: ((notice: FinishedNotice) => void) | null = null;
  private loop: Promise<void> | null = null;

  /** `streamKey`: the queue's event stream (BullMQ's `queue.keys.events`). */
  constructor(
    private readonly client: Redis,
    private readonly streamKey: string,
    private readonly onError: (error: Error) => void,
  ) {}

  static connect(connection: QueueConnection, streamKey: string, stopped: () => boolean, onError: (error: Error) => void): FinishedEvents {
    const client = new Redis(redisOptions(connection, stopped));
    client.on('error', onError);
    return new FinishedEvents(client, streamKey, onError);
  }

  /** Resolves once connected; rejects when the connection gives up (its `stopped` said so). */
  waitUntilReady(): Promise<void> {
    if (this.client.status === 'ready') return Promise.resolve();
    if (this.client.status === 'end') return Promise.reject(new Error('the connection to the queue was closed'));
    return new Promise((resolve, reject) => {
      this.client.once('ready', () => resolve());
      this.client.once('end', () => reject(new Error('the connection to the queue was closed')));
    });
  }

  /** Start reading at the stream's end: only jobs that finish from now on are told. */
  async start(): Promise<void> {
    const last = (await this.client.xrevrange(this.streamKey, '+', '-', 'COUNT', 1)) as [string, string[]][];
    this.loop = this.read(last[0]?.[0] ?? '0-0');
  }

  /** Who is told of each finished job (one listener; null stops telling). */
  listen(listener: ((notice: FinishedNotice) => void) | null): void {
    this.listener = listener;
  }

  private async read(from: string): Promise<void> {
    let id = from;
    while (!this.closed) {
      let reply: StreamReply;
      try {
        reply = (await this.client.xread('BLOCK', BLOCK_MS, 'STREAMS', this.streamKey, id)) as StreamReply;
      } catch (error) {
        if (this.closed) return;
        this.onError(new Error(maskUrl((error as Error).message)));
        await sleep(BLOCK_MS); // Redis restarting: its connection reconnects meanwhile
        continue;
      }
      const entries = reply?.[0]?.[1] ?? [];
      for (const [entryId, flat] of entries) {
        id = entryId;
        const fields = fieldsOf(flat);
        if ((fields.event === 'completed' || fields.event === 'failed') && fields.jobId) {
          this.listener?.({ jobId: fields.jobId, returnvalue: fields.event === 'completed' ? fields.returnvalue : undefined });
        }
      }
      if (entries.length > 0 && !this.closed) await sleep(BATCH_MS);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.client.disconnect(); // ends a read that is waiting
    await this.loop?.catch(() => {});
  }
}
