import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { bullPrefix, EXECUTIONS_QUEUE } from '@omnitron/schema';

export interface WorkerPresenceOptions {
  readonly redisUrl: string;
  readonly redisPrefix: string;
  /** Workers that must be connected for the platform to be ready; 0 = not checked. */
  readonly expected: number;
  /** Longest wait for Redis's answer before the workers count as missing. @default 2_000 */
  readonly timeoutMs?: number;
  readonly log: Logger;
}

/**
 * Whether the executions workers are there, wherever they run. Workers are not HTTP servers, so
 * readiness asks Redis, which every worker on every machine holds a connection to: BullMQ names each
 * worker's blocking connection after its queue and `Queue.getWorkersCount()` counts them (CLIENT LIST).
 * A worker that dies, even by SIGKILL, loses its connection with its process, so it stops counting at
 * once, with no heartbeat to expire. (Redis services that refuse CLIENT LIST make BullMQ report one
 * placeholder worker: there, leave READY_WORKERS at 0.)
 */
export class WorkerPresence {
  private readonly queue: Queue | undefined;
  private readonly connection: Redis | undefined;

  constructor(private readonly options: WorkerPresenceOptions) {
    if (options.expected <= 0) return;
    // Its own connection: a readiness probe must not wait behind requests' budget commands.
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
    this.connection.on('error', (error) => options.log.debug({ err: error }, 'worker presence: Redis error'));
    this.queue = new Queue(EXECUTIONS_QUEUE, { connection: this.connection, prefix: bullPrefix(options.redisPrefix) });
    this.queue.on('error', (error) => options.log.debug({ err: error }, 'worker presence: queue error'));
  }

  /** `{ workers: true }` when at least `expected` workers are connected; `{}` when not checked. */
  async check(): Promise<Record<string, boolean>> {
    if (!this.queue) return {};
    const count = await withTimeout(this.queue.getWorkersCount(), this.options.timeoutMs ?? 2_000).catch((error: unknown) => {
      this.options.log.warn({ err: error }, 'worker presence: could not count the workers');
      return 0;
    });
    return { workers: count >= this.options.expected };
  }

  async close(): Promise<void> {
    await this.queue?.close();
    this.connection?.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
