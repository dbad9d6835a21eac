import { Redis } from 'ioredis';
import { encodeFlowChange, FLOW_CHANGES_MAXLEN, flowChangesKey, type FlowChange, type Logger } from '@omnitron/server-kit';

/** How long a save waits for Redis to take its event before giving up on it (the save stands). */
const APPEND_TIMEOUT_MS = 2_000;

/** Where committed flow changes are announced; `FlowStore` calls it after each commit. */
export interface FlowChangeSink {
  announce(change: Omit<FlowChange, 'at'>): Promise<void>;
}

/** For stores that announce nothing (the trash purge, tests of the store alone). */
export const silentFlowChanges: FlowChangeSink = { announce: async () => undefined };

/**
 * Appends `FlowChange` events to the Redis stream the executions and intelligence subgraphs read
 * (see `flow-change-contract` in server-kit). The change is already committed when it is
 * announced, so a Redis failure is logged and never fails the user's save.
 */
export class FlowChangeFeed implements FlowChangeSink {
  private readonly redis: Redis;
  private readonly key: string;

  constructor(
    redisUrl: string,
    redisPrefix: string,
    private readonly log: Logger,
  ) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
    this.redis.on('error', () => undefined); // reconnects by itself; failed appends are logged below
    this.key = flowChangesKey(redisPrefix);
  }

  async announce(change: Omit<FlowChange, 'at'>): Promise<void> {
    const fields = encodeFlowChange({ ...change, at: new Date().toISOString() });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${APPEND_TIMEOUT_MS} ms`)), APPEND_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.redis.xadd(this.key, 'MAXLEN', '~', FLOW_CHANGES_MAXLEN, '*', ...fields), timeout]);
    } catch (error) {
      this.log.error({ err: error, flowId: change.flowId, change: change.change }, 'announcing a flow change failed; triggers and search catch up on its next save');
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.redis.disconnect();
  }
}
