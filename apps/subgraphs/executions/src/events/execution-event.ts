import type { ExecutionEventRecord } from '@omnitron/schema';

export type { ExecutionEventRecord };

/** What a producer appends; `seq` is assigned by the stream. */
export type NewExecutionEvent = Omit<ExecutionEventRecord, 'seq' | 'at' | 'executionId'> & { readonly at?: string };
