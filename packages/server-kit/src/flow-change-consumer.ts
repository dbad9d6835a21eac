import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { decodeFlowChange, flowChangesKey, type FlowChange } from './flow-change-contract';
import type { Logger } from './logger';

export interface FlowChangeConsumerOptions {
  readonly redisUrl: string;
  readonly redisPrefix: string;
  /** Consumer group (one per reading subgraph, see `FlowChangeGroup`). */
  readonly group: string;
  /**
   * Handles one change. Resolving acknowledges it (XACK). Throwing leaves it pending: it is
   * claimed again after `claimIdleMs`, by this or another replica. Must be idempotent.
   */
  readonly handle: (change: FlowChange) => Promise<void>;
  readonly log: Logger;
  /** A change pending this long (its consumer died or its handler failed) is claimed again. @default 60_000 */
  readonly claimIdleMs?: number;
  /** Longest single XREADGROUP block (bounds how late a pending claim runs). @default 5_000 */
  readonly blockMs?: number;
  /** Entries read per call. @default 50 */
  readonly batch?: number;
  /**
   * A change delivered this often without being handled is given up on: acknowledged and logged
   * as an error, so one change that can never be handled is not retried forever. @default 20
   */
  readonly maxDeliveries?: number;
}

type StreamEntry = [id: string, fields: string[]];

/** How long `start` waits for Redis before letting the process go on starting. */
const START_WAIT_MS = 2_000;

/** Waits for `work`, or `ms` at most (the work goes on). */
async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, ms))))]);
  clearTimeout(timer);
}

/**
 * Reads the flow-change stream as one consumer of a Redis consumer group: new entries with
 * `XREADGROUP ... BLOCK`, entries left pending by a dead consumer (or a failed handler) with
 * `XAUTOCLAIM`, and `XACK` after each handled change. At-least-once: handlers are idempotent.
 */
export class FlowChangeConsumer {
  /** Unique per process start, so a restarted replica never inherits a dead one's name by chance. */
  readonly consumer = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly redis: Redis;
  private readonly key: string;
  private readonly claimIdleMs: number;
  private readonly blockMs: number;
  private readonly batch: number;
  private stopping = false;
  /** A handler (and its XACK) is running: close lets it finish instead of cutting the connection. */
  private handling = false;
  private hasGroup = false;
  private failing = false;
  private groupReady!: () => void;
  private readonly grouped = new Promise<void>((resolve) => (this.groupReady = resolve));
  private loop: Promise<void> | undefined;
  private lastClaim = 0;
  /** Ends the pause after a failed read early (close). */
  private wake: (() => void) | undefined;

  constructor(private readonly options: FlowChangeConsumerOptions) {
    // A connection of its own: XREADGROUP BLOCK holds it.
    // Commands fail at once while Redis is away (no offline queue, no resend), so the loop, not
    // ioredis, decides when to try again, and close never waits on a queued command. The read in
    // flight when the connection drops must fail too: with maxRetriesPerRequest null and no resend,
    // ioredis drops it unanswered, and the loop would wait on it for ever (Redis restarted, and no
    // change read again until the process restarts); 0 rejects it at the first reconnect attempt.
    this.redis = new Redis(options.redisUrl, { lazyConnect: true, enableOfflineQueue: false, autoResendUnfulfilledCommands: false, maxRetriesPerRequest: 0 });
    this.redis.on('error', () => undefined); // reconnects by itself; the loop logs failed reads
    this.key = flowChangesKey(options.redisPrefix);
    this.claimIdleMs = options.claimIdleMs ?? 60_000;
    this.blockMs = Math.min(options.blockMs ?? 5_000, this.claimIdleMs);
    this.batch = options.batch ?? 50;
  }

  /**
   * Starts reading. Resolves once the group exists (created reading the stream from its start), or
   * after `START_WAIT_MS` when Redis does not answer yet: the loop keeps trying, so a Redis outage
   * never stops the process from starting, and nothing is missed once it answers.
   */
  async start(): Promise<void> {
    const deadline = Date.now() + START_WAIT_MS;
    await within(this.redis.connect().catch(() => undefined), START_WAIT_MS);
    this.loop = this.run();
    await within(this.grouped, deadline - Date.now());
  }

  /** Stops reading; a change being handled finishes first (an unacknowledged one is claimed later). */
  async close(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    // Cuts a blocked read; a running handler finishes first (its XACK needs the connection).
    if (!this.handling) this.redis.disconnect();
    await this.loop;
    this.redis.disconnect();
  }

  private async ensureGroup(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.key, this.options.group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String(error).includes('BUSYGROUP')) throw error;
    }
    this.hasGroup = true;
    this.groupReady();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        if (!this.hasGroup) await this.ensureGroup();
        if (Date.now() - this.lastClaim >= this.claimIdleMs / 2) await this.claimAbandoned();
        await this.handleAll(await this.readNew());
        if (this.failing) this.options.log.info({ group: this.options.group }, 'reading flow changes again');
        this.failing = false;
      } catch (error) {
        if (this.stopping) return;
        if (String(error).includes('NOGROUP')) this.hasGroup = false;
        // Once per outage, not once per second.
        else if (!this.failing) this.options.log.warn({ err: error, group: this.options.group }, 'reading flow changes failed; retrying every second');
        this.failing = true;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1_000);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }

  private async readNew(): Promise<StreamEntry[]> {
    const answer = (await this.redis.xreadgroup(
      'GROUP', this.options.group, this.consumer, 'COUNT', this.batch, 'BLOCK', this.blockMs, 'STREAMS', this.key, '>',
    )) as Array<[string, StreamEntry[]]> | null;
    return answer?.[0]?.[1] ?? [];
  }

  /** Takes over entries idle for `claimIdleMs`: their consumer died or their handler failed. */
  private async claimAbandoned(): Promise<void> {
    this.lastClaim = Date.now();
    let cursor = '0-0';
    do {
      const [next, entries] = (await this.redis.xautoclaim(this.key, this.options.group, this.consumer, this.claimIdleMs, cursor, 'COUNT', this.batch)) as [string, Array<StreamEntry | null>];
      // Entries trimmed away since they were read come back as null (Redis 6.2) or not at all (7+).
      const claimed = entries.filter((e): e is StreamEntry => Array.isArray(e) && Array.isArray(e[1]));
      await this.handleAll(await this.withoutExhausted(claimed));
      cursor = next;
    } while (cursor !== '0-0' && !this.stopping);
  }

  /** Acknowledges (and logs) claimed entries delivered `maxDeliveries` times; returns the rest. */
  private async withoutExhausted(claimed: StreamEntry[]): Promise<StreamEntry[]> {
    if (claimed.length === 0) return claimed;
    const max = this.options.maxDeliveries ?? 20;
    // [id, consumer, idle ms, deliveries] of the claimed range, now owned by this consumer.
    const pending = (await this.redis.xpending(this.key, this.options.group, claimed[0]![0], claimed.at(-1)![0], claimed.length, this.consumer)) as Array<[string, string, number, number]>;
    const exhausted = new Set(pending.filter(([, , , deliveries]) => deliveries > max).map(([id]) => id));
    for (const [id, fields] of claimed) {
      if (!exhausted.has(id)) continue;
      this.options.log.error({ entryId: id, fields, group: this.options.group, attempts: max }, 'giving up on a flow change that failed every time');
      await this.redis.xack(this.key, this.options.group, id);
    }
    return claimed.filter(([id]) => !exhausted.has(id));
  }

  private async handleAll(entries: readonly StreamEntry[]): Promise<void> {
    for (const [id, fields] of entries) {
      if (this.stopping) return;
      this.handling = true;
      try {
        await this.handleOne(id, fields);
      } finally {
        this.handling = false;
      }
    }
  }

  private async handleOne(id: string, fields: string[]): Promise<void> {
    let change: FlowChange;
    try {
      change = decodeFlowChange(fields);
    } catch (error) {
      // Never valid, never will be: acknowledge so it is not claimed forever.
      this.options.log.error({ err: error, entryId: id }, 'dropping a malformed flow change');
      await this.redis.xack(this.key, this.options.group, id);
      return;
    }
    try {
      await this.options.handle(change);
    } catch (error) {
      this.options.log.warn({ err: error, entryId: id, flowId: change.flowId, group: this.options.group }, 'handling a flow change failed; it is retried');
      return;
    }
    await this.redis.xack(this.key, this.options.group, id);
  }
}
