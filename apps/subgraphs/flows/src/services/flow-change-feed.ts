import { Redis } from 'ioredis';
import { encodeFlowChange, FLOW_CHANGES_MAXLEN, flowChangesKey, type FlowChange, type Logger } from '@omnitron/server-kit';

/** Where committed flow changes are announced; `FlowStore` calls it after each commit. */
export interface FlowChangeSink {
  announce(change: Omit<FlowChange, 'at'>): Promise<void>;
}

/** For stores that announce nothing (the trash purge, tests of the store alone). */
export const silentFlowChanges: FlowChangeSink = { announce: async () => undefined };

export interface FlowChangeFeedOptions {
  /** How long a save waits for Redis to take its event before giving up on it (the save stands). @default 2_000 */
  readonly appendTimeoutMs?: number;
  /** How often changes Redis refused are offered again. @default 5_000 */
  readonly retryEveryMs?: number;
  /** Most flows whose change waits for Redis; beyond it the oldest is dropped (and logged). @default 10_000 */
  readonly maxUnsent?: number;
}

/**
 * Appends `FlowChange` events to the Redis stream the executions and intelligence subgraphs read
 * (see `flow-change-contract` in server-kit). The change is already committed when it is
 * announced, so a Redis failure never fails the user's save: the change is kept (the latest per
 * flow; readers load the flow's current state anyway) and offered again until Redis takes it.
 * Changes still waiting when the process stops are logged as lost; the flow's next save heals them.
 */
export class FlowChangeFeed implements FlowChangeSink {
  private readonly redis: Redis;
  private readonly key: string;
  private readonly unsent = new Map<string, FlowChange>();
  private readonly appendTimeoutMs: number;
  private readonly maxUnsent: number;
  private readonly retryTimer: NodeJS.Timeout;
  private retrying: Promise<void> | undefined;

  constructor(
    redisUrl: string,
    redisPrefix: string,
    private readonly log: Logger,
    options: FlowChangeFeedOptions = {},
  ) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
    this.redis.on('error', () => undefined); // reconnects by itself; failed appends are logged below
    this.key = flowChangesKey(redisPrefix);
    this.appendTimeoutMs = options.appendTimeoutMs ?? 2_000;
    this.maxUnsent = options.maxUnsent ?? 10_000;
    this.retryTimer = setInterval(() => void this.retryUnsent(), options.retryEveryMs ?? 5_000);
    this.retryTimer.unref();
  }

  async announce(change: Omit<FlowChange, 'at'>): Promise<void> {
    const full: FlowChange = { ...change, at: new Date().toISOString() };
    try {
      await this.append(full);
      this.unsent.delete(full.flowId); // this newer change supersedes a waiting one
      if (this.unsent.size > 0) void this.retryUnsent(); // Redis is back: no need to wait for the timer
    } catch (error) {
      if (this.unsent.size === 0) this.log.error({ err: error, flowId: full.flowId }, 'announcing flow changes failed; retrying until Redis takes them');
      this.keep(full);
    }
  }

  /** Number of changes waiting for Redis. */
  get waiting(): number {
    return this.unsent.size;
  }

  async close(): Promise<void> {
    clearInterval(this.retryTimer);
    await this.retrying;
    if (this.unsent.size > 0) {
      this.log.error({ flowIds: [...this.unsent.keys()].slice(0, 100), count: this.unsent.size }, 'flow changes never reached Redis; those flows catch up on their next save');
    }
    this.redis.disconnect();
  }

  private keep(change: FlowChange): void {
    this.unsent.delete(change.flowId); // re-insert: the Map keeps the newest last
    this.unsent.set(change.flowId, change);
    if (this.unsent.size > this.maxUnsent) {
      const [oldest] = this.unsent.keys();
      this.unsent.delete(oldest!);
      this.log.error({ flowId: oldest }, 'dropping a flow change that waited too long for Redis');
    }
  }

  private retryUnsent(): Promise<void> {
    if (this.unsent.size === 0 || this.retrying) return this.retrying ?? Promise.resolve();
    this.retrying = (async () => {
      for (const change of [...this.unsent.values()]) {
        try {
          await this.append(change);
        } catch {
          return; // still away: next round
        }
        // A newer change for the flow may have been kept meanwhile; only drop the one sent.
        if (this.unsent.get(change.flowId) === change) this.unsent.delete(change.flowId);
      }
      this.log.info('flow changes that waited for Redis are announced');
    })().finally(() => (this.retrying = undefined));
    return this.retrying;
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
