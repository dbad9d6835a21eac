import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { Redis } from 'ioredis';
import { encodeFlowChange, FLOW_CHANGES_MAXLEN, flowChangesKey, type FlowChange, type Logger } from '@omnitron/server-kit';
import { PendingFlowChange } from '../entities/pending-flow-change.entity';

/** A change as recorded in the outbox: the event, and which recording of the flow it is. */
export interface RecordedFlowChange {
  readonly changeId: string;
  readonly change: FlowChange;
}

/**
 * Records `change` in the flow-change outbox. Call it inside the transaction that makes the change,
 * so the change and its announcement commit (or roll back) together. Replaces an older change of
 * the same flow still waiting: readers load the flow's current state, so the latest is enough.
 */
export async function recordFlowChange(em: EntityManager, change: Omit<FlowChange, 'at'>): Promise<RecordedFlowChange> {
  const recorded = { changeId: randomUUID(), change: { ...change, at: new Date().toISOString() } };
  await em.upsert(PendingFlowChange, { ...change, changeId: recorded.changeId, at: new Date(recorded.change.at) }, { onConflictFields: ['flowId'], onConflictAction: 'merge' });
  return recorded;
}

/** Where committed flow changes are announced; `FlowStore` calls it after each commit. */
export interface FlowChangeSink {
  announce(recorded: RecordedFlowChange): Promise<void>;
}

/** For stores that announce nothing (the trash purge, tests of the store alone). */
export const silentFlowChanges: FlowChangeSink = { announce: async () => undefined };

export interface FlowChangeFeedOptions {
  /** How long a save waits for Redis to take its event before leaving it to the outbox (the save stands). @default 2_000 */
  readonly appendTimeoutMs?: number;
  /** How often the outbox is offered to Redis again. @default 5_000 */
  readonly retryEveryMs?: number;
}

const DRAIN_BATCH = 500;

/**
 * Appends `FlowChange` events to the Redis stream the executions and intelligence subgraphs read
 * (see `flow-change-contract` in server-kit). Each change is in the outbox table since its commit:
 * announcing it right after the commit deletes it from there; when Redis refuses it (or the
 * process dies first), it stays and is announced by the next drain, on start and every
 * `retryEveryMs`. A Redis failure never fails the user's save. An event may be appended twice
 * (a drain racing a slow save, two replicas draining at once); readers are idempotent.
 */
export class FlowChangeFeed implements FlowChangeSink {
  private readonly redis: Redis;
  private readonly key: string;
  private readonly appendTimeoutMs: number;
  private readonly retryTimer: NodeJS.Timeout;
  private draining: Promise<number> | undefined;
  private failing = false;

  constructor(
    redisUrl: string,
    redisPrefix: string,
    private readonly orm: { readonly em: EntityManager },
    private readonly log: Logger,
    options: FlowChangeFeedOptions = {},
  ) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
    this.redis.on('error', () => undefined); // reconnects by itself; failed appends are logged below
    this.key = flowChangesKey(redisPrefix);
    this.appendTimeoutMs = options.appendTimeoutMs ?? 2_000;
    this.retryTimer = setInterval(() => void this.drain(), options.retryEveryMs ?? 5_000);
    this.retryTimer.unref();
    void this.drain(); // whatever an earlier process committed but never announced
  }

  async announce(recorded: RecordedFlowChange): Promise<void> {
    try {
      await this.append(recorded.change);
      await this.forget(this.orm.em.fork(), recorded.change.flowId, recorded.changeId);
      if (this.failing) void this.drain(); // Redis is back: no need to wait for the timer
    } catch (error) {
      if (!this.failing) this.log.error({ err: error, flowId: recorded.change.flowId }, 'announcing flow changes failed; they wait in the outbox until Redis takes them');
      this.failing = true;
    }
  }

  /** Changes committed but not on the stream yet. */
  pending(): Promise<number> {
    return this.orm.em.fork().count(PendingFlowChange);
  }

  /**
   * Appends every change recorded longer ago than the append timeout (younger ones are still being
   * announced by their own save), oldest first; returns how many went out. Stops at the first
   * refusal: the rest wait for the next round.
   */
  drain(): Promise<number> {
    this.draining ??= this.drainOnce().finally(() => (this.draining = undefined));
    return this.draining;
  }

  async close(): Promise<void> {
    clearInterval(this.retryTimer);
    await this.draining;
    const left = await this.pending().catch(() => 0);
    if (left > 0) this.log.warn({ count: left }, 'flow changes still wait for Redis; the next start announces them');
    this.redis.disconnect();
  }

  private async drainOnce(): Promise<number> {
    const em = this.orm.em.fork();
    let sent = 0;
    try {
      for (;;) {
        const due = new Date(Date.now() - this.appendTimeoutMs);
        const rows = await em.find(PendingFlowChange, { at: { $lte: due } }, { orderBy: { at: 'asc' }, limit: DRAIN_BATCH });
        for (const row of rows) {
          const { flowId, workspaceId, version, actorId } = row;
          await this.append({ flowId, workspaceId, version, actorId, change: row.change as FlowChange['change'], at: row.at.toISOString() });
          await this.forget(em, flowId, row.changeId);
          sent++;
        }
        if (rows.length < DRAIN_BATCH) break;
        em.clear();
      }
      if (this.failing && sent > 0) this.log.info({ sent }, 'flow changes that waited for Redis are announced');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.log.error({ err: error }, 'announcing waiting flow changes failed; retrying');
      this.failing = true;
    }
    return sent;
  }

  /** Removes this recording from the outbox, unless a newer change of the flow replaced it. */
  private async forget(em: EntityManager, flowId: string, changeId: string): Promise<void> {
    await em.nativeDelete(PendingFlowChange, { flowId, changeId });
  }

  private async append(change: FlowChange): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${this.appendTimeoutMs} ms`)), this.appendTimeoutMs);
    });
    try {
      await Promise.race([this.redis.xadd(this.key, 'MAXLEN', '~', FLOW_CHANGES_MAXLEN, '*', ...encodeFlowChange(change)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
