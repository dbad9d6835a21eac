import type { Redis } from 'ioredis';
import { runtimeKeys } from '../redis-keys';

/**
 * The runs this worker process holds, by execution id, each with the AbortController that
 * cancels it. Listens on the cancel channel so `cancelExecution` reaches whichever worker runs it.
 */
export class CancelRegistry {
  private readonly running = new Map<string, AbortController>();
  private subscriber: Redis | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async start(): Promise<void> {
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (_channel: string, executionId: string) => this.abort(executionId));
    await this.subscriber.subscribe(runtimeKeys.cancelChannel(this.prefix));
  }

  /** Registers a run; `parent` aborts it too (a child run follows its parent). */
  register(executionId: string, parent?: AbortSignal): AbortController {
    const controller = new AbortController();
    if (parent) {
      if (parent.aborted) controller.abort();
      else parent.addEventListener('abort', () => controller.abort(), { once: true });
    }
    this.running.set(executionId, controller);
    return controller;
  }

  release(executionId: string): void {
    this.running.delete(executionId);
  }

  /** The runs this process holds now (child runs included). */
  held(): string[] {
    return [...this.running.keys()];
  }

  /** True when a cancel was requested before this worker took the run. */
  async wasCancelled(executionId: string): Promise<boolean> {
    return (await this.redis.exists(runtimeKeys.cancelFlag(this.prefix, executionId))) === 1;
  }

  private abort(executionId: string): void {
    this.running.get(executionId)?.abort();
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
  }
}
