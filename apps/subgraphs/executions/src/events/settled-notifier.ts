import type { Redis } from 'ioredis';
import { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { runtimeKeys } from '../redis-keys';
import { isTerminal } from '../services/settle-execution';

/**
 * Lets a request wait for runs to finish over one shared pub/sub connection (webhooks answering
 * with the output, cancelExecution answering once settled) instead of one blocking read each.
 * `settleExecution` publishes the id after writing the final row.
 */
export class SettledNotifier {
  private readonly waiters = new Map<string, Set<() => void>>();
  private subscriber: Redis | undefined;
  private starting: Promise<void> | undefined;

  constructor(private readonly runtime: ExecutionsRuntime) {}

  private start(): Promise<void> {
    this.starting ??= (async () => {
      this.subscriber = this.runtime.redis.duplicate();
      this.subscriber.on('message', (_channel: string, executionId: string) => {
        for (const wake of this.waiters.get(executionId) ?? []) wake();
      });
      await this.subscriber.subscribe(runtimeKeys.settledChannel(this.runtime.config.REDIS_PREFIX));
    })();
    return this.starting;
  }

  /** The execution once terminal, or its latest state when `timeoutMs` passes first. */
  async waitForSettled(executionId: string, timeoutMs: number): Promise<Execution | null> {
    await this.start();
    let wake!: () => void;
    const settled = new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, timeoutMs).unref();
    });
    const set = this.waiters.get(executionId) ?? new Set();
    set.add(wake);
    this.waiters.set(executionId, set);
    try {
      // Registered first, then read: a run that settled in between is seen by the read.
      const current = await this.load(executionId);
      if (!current || isTerminal(current.status)) return current;
      await settled;
      return await this.load(executionId);
    } finally {
      set.delete(wake);
      if (set.size === 0) this.waiters.delete(executionId);
    }
  }

  private load(executionId: string): Promise<Execution | null> {
    return this.runtime.orm.em.fork().findOne(Execution, { id: executionId });
  }

  close(): void {
    this.subscriber?.disconnect();
  }
}
