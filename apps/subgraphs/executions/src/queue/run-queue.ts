import { Queue, type ConnectionOptions } from 'bullmq';
import { bullPrefix, EXECUTIONS_QUEUE } from '@omnitron/schema';
import { tracingEnabled } from '@omnitron/server-kit';
import { TracedQueue } from './traced-queue';

/** The one BullMQ queue of the executions subgraph, named in @omnitron/schema (the gateway counts its workers); job names say what a job does. */
export { bullPrefix, EXECUTIONS_QUEUE };

export const JobName = {
  /** Run (or resume) one execution. */
  run: 'run',
  /** A schedule trigger fired: start an execution of the registered flow. */
  scheduleTick: 'schedule-tick',
  /** Delete executions older than the retention. */
  prune: 'prune',
  /** Re-queue runs left QUEUED without a job; fail runs nothing will finish (their job ended, or their parent). */
  recover: 'recover',
  /** Resume a WAITING run whose wait ended (or is due): claims it, then runs it like `run`. */
  wake: 'wake',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

export interface RunJobData {
  readonly executionId: string;
  /**
   * What the run waits for before it starts (worker/flow-admission.ts): null when nothing. Absent
   * on a job queued by code that did not know (a recovered run): the worker reads the run then.
   */
  readonly admission?: RunAdmission | null;
}

/** A run's share of its flow's concurrency, pinned at start (Execution.concurrency*). */
export interface RunAdmission {
  readonly flowId: string;
  /** Most runs of the flow at once; null: no flow-wide limit. */
  readonly concurrencyLimit: number | null;
  /** The run's concurrency key; null: none. */
  readonly concurrencyKey: string | null;
  /** Most runs at once sharing the key. */
  readonly concurrencyKeyLimit: number | null;
}

/** Flow priorities run from -100 to 100 (higher first); BullMQ's from 1 (first) up. */
export const MIN_RUN_PRIORITY = -100;
export const MAX_RUN_PRIORITY = 100;

/**
 * The BullMQ priority of a run job of a flow with `priority`. Every run job has one, so runs start
 * by flow priority and, within one priority, in the order queued (BullMQ keeps FIFO per priority).
 * Jobs without a priority (schedule ticks, upkeep) are taken before any prioritized job.
 */
export const bullPriorityOf = (priority: number): number => MAX_RUN_PRIORITY + 1 - Math.min(MAX_RUN_PRIORITY, Math.max(MIN_RUN_PRIORITY, Math.trunc(priority)));

export interface ScheduleTickJobData {
  readonly flowId: string;
  readonly nodeId: string;
}

export type ExecutionsJobData = RunJobData | ScheduleTickJobData | Record<string, never>;

/** Attempts of a run job: a crash of our own code (not of a node) is retried, then the run fails. */
export const RUN_JOB_ATTEMPTS = 3;

/** The run job's id derives from the execution id, so enqueuing twice adds one job. */
export const runJobId = (executionId: string): string => `run-${executionId}`;

/** A wake-up of a WAITING run; `when` tells wake-ups apart (a due time, or `now-<ms>`). */
export const wakeJobId = (executionId: string, when: string): string => `wake-${executionId}-${when}`;

/** Scheduler ids: one per (flow, schedule node); `schedule-` marks ours when reconciling. */
export const SCHEDULER_PREFIX = 'schedule-';
export const schedulerId = (flowId: string, nodeId: string): string => `${SCHEDULER_PREFIX}${flowId}-${nodeId}`;
export const PRUNE_SCHEDULER_ID = 'prune-executions';
/** Runs the `recover` job every RECOVER_EVERY_MS (the id predates failing abandoned runs; kept so installs keep one scheduler). */
export const RECOVER_SCHEDULER_ID = 'recover-orphaned-runs';

export function createExecutionsQueue(connection: ConnectionOptions, redisPrefix: string): Queue<ExecutionsJobData> {
  const options = {
    connection,
    prefix: bullPrefix(redisPrefix),
    defaultJobOptions: { removeOnComplete: { age: 3_600, count: 10_000 }, removeOnFail: { age: 86_400 } },
  };
  // Tracing on: every job carries the trace that queued it (traced-queue.ts).
  return tracingEnabled() ? new TracedQueue(EXECUTIONS_QUEUE, options) : new Queue<ExecutionsJobData>(EXECUTIONS_QUEUE, options);
}
