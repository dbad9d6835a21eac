/** Wire names shared by the executions subgraph, the gateway and the studio. */
/** WAITING: parked until a time, a call to a resume URL or an event (a `delay`, `wait` or retry back-off); it holds no worker. */
export const ExecutionStatus = ['QUEUED', 'RUNNING', 'WAITING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type ExecutionStatus = (typeof ExecutionStatus)[number];

export const NodeRunStatus = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED'] as const;
export type NodeRunStatus = (typeof NodeRunStatus)[number];

export const ExecutionEventType = [
  'EXECUTION_STARTED',
  /** The run parked (WAITING): `data.waits` lists what its nodes wait for. */
  'EXECUTION_WAITING',
  'NODE_STARTED',
  'NODE_SUCCEEDED',
  'NODE_FAILED',
  'NODE_RETRYING',
  /** The node parked (its run turns WAITING): `data` says what for (`kind`, `until`, `event`); its next event (NODE_STARTED when it resumes) ends it. */
  'NODE_WAITING',
  'NODE_SKIPPED',
  'LOG',
  'EXECUTION_SUCCEEDED',
  'EXECUTION_FAILED',
  'EXECUTION_CANCELLED',
] as const;
export type ExecutionEventType = (typeof ExecutionEventType)[number];

export const TERMINAL_EVENT_TYPES: ReadonlySet<ExecutionEventType> = new Set([
  'EXECUTION_SUCCEEDED',
  'EXECUTION_FAILED',
  'EXECUTION_CANCELLED',
]);

/** One state change of an execution, as the executions subgraph stores and streams it. */
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

/**
 * The one BullMQ queue of the executions subgraph: its API fills it, its workers drain it, and the
 * gateway's readiness counts the workers connected to it.
 */
export const EXECUTIONS_QUEUE = 'executions';

/** BullMQ keys live under the install's prefix, so installs and test runs never collide. */
export const bullPrefix = (redisPrefix: string): string => `${redisPrefix}:bull`;
