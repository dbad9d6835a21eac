import type { Redis } from 'ioredis';
import type { WebhookAnswer } from '@omnitron/nodes';
import { Execution, type ExecutionErrorValue } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { runtimeKeys } from '../redis-keys';
import { isTerminal, type TerminalStatus } from '../services/settle-execution';

/**
 * A run's final state as its settled notice carries it (what its final row holds), so that a
 * webhook waiting for it answers without reading the row back.
 */
export interface SettledRun {
  readonly status: TerminalStatus;
  /** As stored: bounded by NODE_OUTPUT_MAX_BYTES (a preview when cut). */
  readonly output: unknown;
  readonly error: ExecutionErrorValue | null;
  /**
   * A webhook run's answer, as its last respond node to succeed stored it: null when no respond
   * node ran; absent when the settler did not know (the waiter reads it).
   */
  readonly answer?: WebhookAnswer | null;
}

/** Most bytes of final state a settled notice carries; a larger one carries the id only, and waiters read the row. */
export const SETTLED_NOTICE_MAX_BYTES = 32_768;

/**
 * The message published on the settled channel: the execution id, then (after one space) its
 * final state as JSON when given and small enough.
 */
export function settledMessage(executionId: string, run?: SettledRun): string {
  if (!run) return executionId;
  const json = JSON.stringify(run);
  return json.length <= SETTLED_NOTICE_MAX_BYTES ? `${executionId} ${json}` : executionId;
}

/** The id and, when the message carries it, the final state of a settled notice (an id alone is a notice too). */
export function parseSettledMessage(message: string): { executionId: string; run?: SettledRun } {
  const space = message.indexOf(' ');
  if (space < 0) return { executionId: message };
  const executionId = message.slice(0, space);
  try {
    return { executionId, run: JSON.parse(message.slice(space + 1)) as SettledRun };
  } catch {
    return { executionId };
  }
}

/** How a watched run's wait ended: settled (with its final state when the notice carried it), or not within the time. */
export type SettledWait = { readonly settled: true; readonly run?: SettledRun } | { readonly settled: false };

/** A wait for one run, registered before the run could settle (see `SettledNotifier.watch`). */
export interface SettledWatch {
  /** Resolves when the run's notice comes, or with `settled: false` after `timeoutMs`. */
  wait(timeoutMs: number): Promise<SettledWait>;
  /** Stops listening (always call it, also when the wait was never started). */
  stop(): void;
}

/**
 * Lets a request wait for runs to finish over one shared pub/sub connection (webhooks answering
 * with the output, cancelExecution answering once settled) instead of one blocking read each.
 * `afterSettled` publishes the notice after writing the final row.
 */
export class SettledNotifier {
  private readonly waiters = new Map<string, Set<(run: SettledRun | undefined) => void>>();
  private subscriber: Redis | undefined;
  private starting: Promise<void> | undefined;

  constructor(private readonly runtime: ExecutionsRuntime) {}

  private start(): Promise<void> {
    this.starting ??= (async () => {
      this.subscriber = this.runtime.redis.duplicate();
      this.subscriber.on('message', (_channel: string, message: string) => {
        const space = message.indexOf(' ');
        const waiting = this.waiters.get(space < 0 ? message : message.slice(0, space));
        if (!waiting) return;
        const { run } = parseSettledMessage(message);
        for (const wake of waiting) wake(run);
      });
      await this.subscriber.subscribe(runtimeKeys.settledChannel(this.runtime.config.REDIS_PREFIX));
    })();
    return this.starting;
  }

  /**
   * Listens for `executionId` settling, from the moment this resolves: a caller that starts the
   * run afterwards (a webhook) sees its notice without reading the row first.
   */
  async watch(executionId: string): Promise<SettledWatch> {
    await this.start();
    let notice: { run: SettledRun | undefined } | undefined;
    let wake: (() => void) | undefined;
    const listener = (run: SettledRun | undefined): void => {
      notice ??= { run };
      wake?.();
    };
    const set = this.waiters.get(executionId) ?? new Set();
    set.add(listener);
    this.waiters.set(executionId, set);
    return {
      wait: async (timeoutMs) => {
        if (!notice) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeoutMs).unref();
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
        if (!notice) return { settled: false };
        return notice.run ? { settled: true, run: notice.run } : { settled: true };
      },
      stop: () => {
        set.delete(listener);
        if (set.size === 0 && this.waiters.get(executionId) === set) this.waiters.delete(executionId);
      },
    };
  }

  /** The execution once terminal, or its latest state when `timeoutMs` passes first. */
  async waitForSettled(executionId: string, timeoutMs: number): Promise<Execution | null> {
    const watch = await this.watch(executionId);
    try {
      // Registered first, then read: a run that settled in between is seen by the read.
      const current = await this.load(executionId);
      if (!current || isTerminal(current.status)) return current;
      await watch.wait(timeoutMs);
      return await this.load(executionId);
    } finally {
      watch.stop();
    }
  }

  private load(executionId: string): Promise<Execution | null> {
    return this.runtime.orm.em.fork().findOne(Execution, { id: executionId });
  }

  close(): void {
    this.subscriber?.disconnect();
  }
}
