import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import type { ExecutionsRuntime } from '../runtime';
import { redisConnection } from '../runtime';
import { bullPrefix, EXECUTIONS_QUEUE, JobName, PRUNE_SCHEDULER_ID, RECOVER_EVERY_MS, RECOVER_SCHEDULER_ID, type ExecutionsJobData, type RunJobData, type ScheduleTickJobData } from '../queue/run-queue';
import { settleExecution } from '../services/settle-execution';
import { fireSchedule, reconcileSchedules } from '../triggers/schedules';
import { pruneExecutions } from './prune';
import { recoverOrphanedRuns } from './recover-orphans';
import { CancelRegistry } from './cancel-registry';
import { callerOf, EngineServiceProvider } from './engine-services';
import type { NodeRunRecord } from '@omnitron/nodes';
import type { Execution } from '../entities/execution.entity';
import { ExecutionRunner } from './execution-runner';
import { TimingReporter } from './timing-reporter';

/**
 * One worker process's share of the executions queue: runs, schedule ticks and pruning.
 * Any number of these, on any machine sharing Redis and the database, split the work.
 */
export class ExecutionsWorker {
  private readonly cancellations: CancelRegistry;
  private readonly services: EngineServiceProvider;
  private readonly runner: ExecutionRunner;
  private readonly timings: TimingReporter | undefined;
  private worker: Worker<ExecutionsJobData> | undefined;
  /** BullMQ leaves a connection it was given open; ours is closed with the worker. */
  private connection: ReturnType<typeof redisConnection> | undefined;

  constructor(private readonly runtime: ExecutionsRuntime) {
    this.cancellations = new CancelRegistry(runtime.redis, runtime.config.REDIS_PREFIX);
    this.services = new EngineServiceProvider(runtime);
    this.timings = this.services.intelligence ? new TimingReporter(this.services.intelligence, runtime.log) : undefined;
    this.runner = new ExecutionRunner(runtime, this.cancellations, this.services.forExecution, (execution, nodeRuns) =>
      this.reportTimings(execution, nodeRuns),
    );
    this.services.runner = this.runner;
  }

  async start(): Promise<void> {
    const { settings, config } = this.runtime;
    await this.cancellations.start();
    await reconcileSchedules(this.runtime);
    await this.runtime.queue.upsertJobScheduler(PRUNE_SCHEDULER_ID, { every: settings.PRUNE_EVERY_MS }, { name: JobName.prune, data: {} });
    await this.runtime.queue.upsertJobScheduler(RECOVER_SCHEDULER_ID, { every: RECOVER_EVERY_MS }, { name: JobName.recover, data: {} });
    this.connection = redisConnection(config.REDIS_URL);
    this.worker = new Worker<ExecutionsJobData>(EXECUTIONS_QUEUE, (job) => this.process(job), {
      // Shows in job.processedBy and queue.getWorkers(): which machine and process holds a run.
      name: `${hostname()}:${process.pid}`,
      connection: this.connection,
      prefix: bullPrefix(config.REDIS_PREFIX),
      concurrency: settings.WORKER_CONCURRENCY,
      lockDuration: settings.WORKER_LOCK_MS,
      stalledInterval: settings.WORKER_STALLED_INTERVAL_MS,
      maxStalledCount: settings.WORKER_MAX_STALLED,
    });
    this.worker.on('error', (error) => this.runtime.log.error({ err: error }, 'worker error'));
    this.worker.on('failed', (job, error) => void this.onRunJobFailed(job, error));
    await this.worker.waitUntilReady();
  }

  private async process(job: Job<ExecutionsJobData>): Promise<unknown> {
    switch (job.name) {
      case JobName.run:
        return this.processRun(job as Job<RunJobData>);
      case JobName.scheduleTick:
        return fireSchedule(this.runtime, job.data as ScheduleTickJobData, job.id ?? String(job.timestamp), scheduledAt(job));
      case JobName.prune:
        return pruneExecutions(this.runtime);
      case JobName.recover:
        return recoverOrphanedRuns(this.runtime);
      default:
        throw new Error(`Unknown job ${job.name}`);
    }
  }

  private async processRun(job: Job<RunJobData>): Promise<string | undefined> {
    const { executionId } = job.data;
    try {
      return (await this.runner.run(executionId))?.status;
    } catch (error) {
      this.runtime.log.error({ err: error, executionId, attempt: job.attemptsMade + 1 }, 'run crashed');
      if (job.attemptsMade + 1 < (job.opts.attempts ?? 1)) throw error;
      await settleExecution(this.runtime, executionId, {
        status: 'FAILED',
        error: { code: 'INTERNAL', message: 'The run could not be completed' },
      });
      return 'FAILED';
    }
  }

  /**
   * A run job that stalled more often than WORKER_MAX_STALLED (its workers keep dying) is failed by
   * BullMQ without calling us: settle the execution so it does not stay RUNNING.
   */
  private async onRunJobFailed(job: Job<ExecutionsJobData> | undefined, error: Error): Promise<void> {
    if (job?.name !== JobName.run || !/stalled more than allowable limit/i.test(error.message)) return;
    const { executionId } = job.data as RunJobData;
    await settleExecution(this.runtime, executionId, {
      status: 'FAILED',
      error: { code: 'INTERNAL', message: 'The run was interrupted too many times' },
    }).catch((settleError: unknown) => this.runtime.log.error({ err: settleError, executionId }, 'settling a stalled run failed'));
  }

  /** Node durations feed the intelligence subgraph's flow analysis (batched, never awaited by the run). */
  private reportTimings(execution: Execution, nodeRuns: readonly NodeRunRecord[]): void {
    const timings = nodeRuns.flatMap((r) => (r.status === 'SUCCEEDED' && r.durationMs !== undefined ? [{ nodeId: r.nodeId, durationMs: r.durationMs }] : []));
    this.timings?.report(callerOf(execution), execution.flowId, timings);
  }

  /** Stops taking jobs and waits for the runs in progress (SIGTERM). */
  async close(): Promise<void> {
    await this.worker?.close();
    this.connection?.disconnect();
    await this.cancellations.close();
    await this.timings?.close();
    await this.services.close();
  }
}

/** When a scheduler meant the tick to fire (BullMQ keeps it as `prevMillis`); the job's own time otherwise. */
function scheduledAt(job: Job): Date {
  const prevMillis = (job.opts as { prevMillis?: number }).prevMillis;
  return new Date(prevMillis ?? job.timestamp);
}
