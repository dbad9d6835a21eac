import type { Redis } from 'ioredis';
import { ExecutionEventType, TERMINAL_EVENT_TYPES } from '@omnitron/schema';
import { APPEND_EVENT_SCRIPT } from './append-event';
import type { ExecutionEventRecord, NewExecutionEvent } from './execution-event';

type RedisWithAppend = Redis & {
  appendExecutionEvent(counter: string, stream: string, ...args: string[]): Promise<number>;
};

type StreamEntry = [id: string, fields: string[]];

const BLOCK_MS = 5_000;
const PAGE = 500;

/**
 * The per-execution event streams in Redis. Keys share a hash tag so the append script is
 * cluster-safe: `<prefix>:exec:{<id>}:seq` and `<prefix>:exec:{<id>}:events`.
 */
export class ExecutionEventStream {
  private readonly redis: RedisWithAppend;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    /** Seconds a stream is kept after its terminal event. */
    private readonly ttlSeconds: number,
  ) {
    this.redis = redis as RedisWithAppend;
    if (!('appendExecutionEvent' in redis)) {
      redis.defineCommand('appendExecutionEvent', { numberOfKeys: 2, lua: APPEND_EVENT_SCRIPT });
    }
  }

  private keys(executionId: string): { counter: string; stream: string } {
    const tag = `${this.prefix}:exec:{${executionId}}`;
    return { counter: `${tag}:seq`, stream: `${tag}:events` };
  }

  async append(executionId: string, event: NewExecutionEvent): Promise<ExecutionEventRecord> {
    const { counter, stream } = this.keys(executionId);
    const at = event.at ?? new Date().toISOString();
    const ttl = TERMINAL_EVENT_TYPES.has(event.type) ? this.ttlSeconds : 0;
    const data = JSON.stringify(event.data ?? null);
    const seq = await this.redis.appendExecutionEvent(counter, stream, event.type, event.nodeId ?? '', at, data, String(ttl));
    return { executionId, seq: Number(seq), type: event.type, nodeId: event.nodeId, at, data: event.data ?? null };
  }

  /** Events with seq > afterSeq, oldest first, at most `count`. */
  async read(executionId: string, afterSeq: number, count = PAGE): Promise<ExecutionEventRecord[]> {
    const { stream } = this.keys(executionId);
    const entries = (await this.redis.xrange(stream, `(${afterSeq}-0`, '+', 'COUNT', count)) as StreamEntry[];
    return entries.map((entry) => decode(executionId, entry));
  }

  /** The most recent event, if the stream exists. */
  async lastEvent(executionId: string): Promise<ExecutionEventRecord | undefined> {
    const { stream } = this.keys(executionId);
    const [entry] = (await this.redis.xrevrange(stream, '+', '-', 'COUNT', 1)) as StreamEntry[];
    return entry ? decode(executionId, entry) : undefined;
  }

  /** The highest seq appended so far (0 when none, or once the stream expired). */
  async lastSeq(executionId: string): Promise<number> {
    return Number((await this.redis.get(this.keys(executionId).counter)) ?? 0);
  }

  /**
   * Every event after `afterSeq`: the stored ones first, then live ones as they are appended,
   * ending after the terminal event or when `signal` aborts. Uses its own blocking connection.
   */
  async *follow(executionId: string, afterSeq: number, signal: AbortSignal): AsyncGenerator<ExecutionEventRecord> {
    let last = afterSeq;
    let blocking: Redis | undefined;
    const onAbort = (): void => blocking?.disconnect();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      while (!signal.aborted) {
        const stored = await this.read(executionId, last);
        for (const event of stored) {
          last = event.seq;
          yield event;
          if (TERMINAL_EVENT_TYPES.has(event.type)) return;
        }
        if (stored.length === PAGE) continue;
        blocking ??= this.redis.duplicate();
        const { stream } = this.keys(executionId);
        // Only wakes us; the next read() returns the entries so paging stays in one place.
        await blocking.xread('COUNT', 1, 'BLOCK', BLOCK_MS, 'STREAMS', stream, `${last}-0`).catch((error: unknown) => {
          if (!signal.aborted) throw error;
        });
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      blocking?.disconnect();
    }
  }

  /** Drops an execution's stream (pruning). */
  async remove(executionId: string): Promise<void> {
    const { counter, stream } = this.keys(executionId);
    await this.redis.del(counter, stream);
  }
}

const eventTypes = new Set<string>(ExecutionEventType);

function decode(executionId: string, [id, fields]: StreamEntry): ExecutionEventRecord {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
  const type = map.get('type') ?? '';
  if (!eventTypes.has(type)) throw new Error(`Stream entry ${id} of execution ${executionId} has unknown type "${type}"`);
  return {
    executionId,
    seq: Number(id.split('-')[0]),
    type: type as ExecutionEventRecord['type'],
    nodeId: map.get('nodeId') || null,
    at: map.get('at') ?? '',
    data: JSON.parse(map.get('data') ?? 'null') as unknown,
  };
}
