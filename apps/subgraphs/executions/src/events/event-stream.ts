import type { Redis } from 'ioredis';
import { ExecutionEventType, TERMINAL_EVENT_TYPES } from '@omnitron/schema';
import { APPEND_EVENTS_SCRIPT } from './append-event';
import type { ExecutionEventRecord, NewExecutionEvent } from './execution-event';
import { LiveEvents } from './live-events';
import { RecentOwners } from './recent-owners';

type RedisWithAppend = Redis & {
  appendExecutionEvents(counter: string, stream: string, ttl: string, channel: string, ...events: string[]): Promise<number>;
};

type StreamEntry = [id: string, fields: string[]];

/** A follower with no live event for this long reads its stream anyway (a lost message's cure). */
const IDLE_REREAD_MS = 5_000;

/** A pub/sub message to publish with an append (`ExecutionEventStream.appendAll`). */
export interface ChannelMessage {
  readonly channel: string;
  readonly message: string;
}
const PAGE = 500;

/**
 * The per-execution event streams in Redis. Keys share a hash tag so the append script is
 * cluster-safe: `<prefix>:exec:{<id>}:seq` and `<prefix>:exec:{<id>}:events`; each append is also
 * published on `<prefix>:exec:{<id>}:live` for the followers of that execution.
 */
export class ExecutionEventStream {
  private readonly redis: RedisWithAppend;
  /** Live delivery to this process's followers, over one pub/sub connection. */
  readonly live: LiveEvents;
  /** Workspaces of the runs this process started lately (see RecentOwners). */
  readonly owners = new RecentOwners();

  constructor(
    redis: Redis,
    private readonly prefix: string,
    /** Seconds a stream is kept after its terminal event. */
    private readonly ttlSeconds: number,
  ) {
    this.redis = redis as RedisWithAppend;
    if (!('appendExecutionEvents' in redis)) {
      redis.defineCommand('appendExecutionEvents', { numberOfKeys: 2, lua: APPEND_EVENTS_SCRIPT });
    }
    // No ready check on the pub/sub connection: ioredis sends SUBSCRIBE as soon as the socket
    // connects (before ready), and a follower joining then (the handshake takes round trips when
    // Redis is across a network) put it in subscriber mode before the check's INFO, which it then
    // refused, failing every stream on the connection.
    this.live = new LiveEvents(() => redis.duplicate({ enableAutoPipelining: false, enableReadyCheck: false }), decodeLiveMessage);
  }

  private keys(executionId: string): { counter: string; stream: string; channel: string } {
    const tag = `${this.prefix}:exec:{${executionId}}`;
    return { counter: `${tag}:seq`, stream: `${tag}:events`, channel: `${tag}:live` };
  }

  async append(executionId: string, event: NewExecutionEvent, notice?: ChannelMessage): Promise<ExecutionEventRecord> {
    const [stored] = await this.appendAll(executionId, [event], notice);
    return stored!;
  }

  /**
   * Appends several events in one round trip, in order, with consecutive seqs; `notice`, when
   * given, is published in the same script right after them (see APPEND_EVENTS_SCRIPT).
   */
  async appendAll(executionId: string, events: readonly NewExecutionEvent[], notice?: ChannelMessage): Promise<ExecutionEventRecord[]> {
    if (events.length === 0) return [];
    const { counter, stream, channel } = this.keys(executionId);
    const now = new Date().toISOString();
    const args: string[] = [];
    let terminal = false;
    for (const event of events) {
      terminal ||= TERMINAL_EVENT_TYPES.has(event.type);
      args.push(event.type, event.nodeId ?? '', event.at ?? now, JSON.stringify(event.data ?? null));
    }
    if (notice) args.push(notice.channel, notice.message);
    const first = Number(await this.redis.appendExecutionEvents(counter, stream, String(terminal ? this.ttlSeconds : 0), channel, ...args));
    return events.map((event, i) => ({ executionId, seq: first + i, type: event.type, nodeId: event.nodeId, at: event.at ?? now, data: event.data ?? null }));
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
   * ending after the terminal event or when `signal` aborts. Live events come over the process's
   * one pub/sub connection; the stream is read whenever they may have missed something, and
   * anything at or below the last seq delivered is dropped, so there are no gaps or duplicates.
   */
  async *follow(executionId: string, afterSeq: number, signal: AbortSignal): AsyncGenerator<ExecutionEventRecord> {
    const { follower, ready, leave } = this.live.join(this.keys(executionId).channel, executionId);
    try {
      // Subscribed first, then read: an event appended in between comes both ways, once delivered.
      await ready;
      let last = afterSeq;
      let read = true;
      while (!signal.aborted) {
        if (read) {
          const stored = await this.read(executionId, last);
          for (const event of stored) {
            last = event.seq;
            yield event;
            if (TERMINAL_EVENT_TYPES.has(event.type)) return;
          }
          read = stored.length === PAGE;
          continue;
        }
        const step = await follower.next(IDLE_REREAD_MS, signal);
        if ('reread' in step) {
          read = true;
          continue;
        }
        const { event } = step;
        if (event.seq <= last) continue;
        if (event.seq > last + 1) {
          read = true; // a message went missing: the stream has it
          continue;
        }
        last = event.seq;
        yield event;
        if (TERMINAL_EVENT_TYPES.has(event.type)) return;
      }
    } finally {
      leave();
    }
  }

  /** Closes the live connection (shutdown). */
  close(): void {
    this.live.close();
  }

  /** Drops an execution's stream (pruning). */
  async remove(executionId: string): Promise<void> {
    this.owners.forget(executionId);
    const { counter, stream } = this.keys(executionId);
    await this.redis.del(counter, stream);
  }
}

const eventTypes = new Set<string>(ExecutionEventType);

/** A live message (the append script's `[[seq, type, nodeId, at, data], ...]`); undefined when unreadable. */
function decodeLiveMessage(executionId: string, message: string): ExecutionEventRecord[] | undefined {
  try {
    const events = (JSON.parse(message) as Array<[number, string, string, string, string]>).map(([seq, type, nodeId, at, data]) => {
      if (!eventTypes.has(type) || !Number.isInteger(seq)) throw new Error(`unreadable live event ${seq} ${type}`);
      return { executionId, seq, type: type as ExecutionEventRecord['type'], nodeId: nodeId || null, at, data: JSON.parse(data) as unknown };
    });
    return events.length > 0 ? events : undefined;
  } catch {
    return undefined;
  }
}

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
