import type { ExecutionEventType } from '@omnitron/schema';

/** One state change of an execution, as stored in its stream and sent to subscribers. */
export interface ExecutionEventRecord {
  readonly executionId: string;
  /** Gapless per execution, starting at 1. */
  readonly seq: number;
  readonly type: ExecutionEventType;
  readonly nodeId: string | null;
  /** ISO timestamp. */
  readonly at: string;
  readonly data: unknown;
}

/** What a producer appends; `seq` is assigned by the stream. */
export type NewExecutionEvent = Omit<ExecutionEventRecord, 'seq' | 'at' | 'executionId'> & { readonly at?: string };
