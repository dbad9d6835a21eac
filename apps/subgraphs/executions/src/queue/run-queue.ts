import { Queue, type ConnectionOptions } from 'bullmq';
import { bullPrefix, EXECUTIONS_QUEUE } from '@omnitron/schema';

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
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

export interface RunJobData {
  readonly executionId: string;
}

export interface ScheduleTickJobData {
  readonly flowId: string;
  readonly nodeId: string;
}

export type ExecutionsJobData = RunJobData | ScheduleTickJobData | Record<string, never>;

/** Attempts of a run job: a crash of our own code (not of a node) is retried, then the run fails. */
export const RUN_JOB_ATTEMPTS = 3;

/** The run job's id derives from the execution id, so enqueuing twice adds one job. */
export const runJobId = (executionId: string): string => `run-${executionId}`;

/** Scheduler ids: one per (flow, schedule node); `schedule-` marks ours when reconciling. */
export const SCHEDULER_PREFIX = 'schedule-';
export const schedulerId = (flowId: string, nodeId: string): string => `${SCHEDULER_PREFIX}${flowId}-${nodeId}`;
export const PRUNE_SCHEDULER_ID = 'prune-executions';
/** Runs the `recover` job every RECOVER_EVERY_MS (the id predates failing abandoned runs; kept so installs keep one scheduler). */
export const RECOVER_SCHEDULER_ID = 'recover-orphaned-runs';

export function createExecutionsQueue(connection: ConnectionOptions, redisPrefix: string): Queue<ExecutionsJobData> {
  return new Queue<ExecutionsJobData>(EXECUTIONS_QUEUE, {
    connection,
    prefix: bullPrefix(redisPrefix),
    defaultJobOptions: { removeOnComplete: { age: 3_600, count: 10_000 }, removeOnFail: { age: 86_400 } },
  });
}
