import { TERMINAL_EVENT_TYPES } from '@omnitron/schema';
import type { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { isTerminal } from '../services/settle-execution';
import type { ExecutionEventRecord } from './execution-event';

const terminalEventOf = { SUCCEEDED: 'EXECUTION_SUCCEEDED', FAILED: 'EXECUTION_FAILED', CANCELLED: 'EXECUTION_CANCELLED' } as const;

/**
 * A subscriber's view of one execution: the stored events after `afterSeq`, then live ones,
 * ending after the terminal event. When the stream has expired (the run finished long ago) the
 * final state comes from the database as one terminal event.
 */
/** What the feed needs of the execution row. */
export type FeedExecution = Pick<Execution, 'id' | 'status' | 'error' | 'finishedAt'>;

export async function* executionEventFeed(
  runtime: ExecutionsRuntime,
  execution: FeedExecution,
  afterSeq: number,
  signal: AbortSignal,
): AsyncGenerator<ExecutionEventRecord> {
  if (isTerminal(execution.status) && (await runtime.events.lastSeq(execution.id)) === 0) {
    yield {
      executionId: execution.id,
      seq: Math.max(1, afterSeq + 1),
      type: terminalEventOf[execution.status],
      nodeId: execution.error?.nodeId ?? null,
      at: (execution.finishedAt ?? new Date()).toISOString(),
      data: { status: execution.status, error: execution.error ?? null },
    };
    return;
  }
  // A client resuming after the terminal event has seen everything: complete instead of waiting.
  // (From seq 0 the follow reads the terminal event itself, so a fresh subscriber skips this read.)
  if (afterSeq > 0) {
    const last = await runtime.events.lastEvent(execution.id);
    if (last && last.seq <= afterSeq && TERMINAL_EVENT_TYPES.has(last.type)) return;
  }
  yield* runtime.events.follow(execution.id, afterSeq, signal);
}

/**
 * Wraps a generator so that `return()` (the client unsubscribed) aborts it even while it waits
 * in a blocking read, instead of queuing behind that read.
 */
export function abortable<T>(start: (signal: AbortSignal) => AsyncGenerator<T>): AsyncIterableIterator<T> {
  const controller = new AbortController();
  const inner = start(controller.signal);
  return {
    next: () => inner.next(),
    return: async (value?: unknown) => {
      controller.abort();
      await inner.return(value as never);
      return { done: true, value: undefined as never };
    },
    throw: (error?: unknown) => {
      controller.abort();
      return inner.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
