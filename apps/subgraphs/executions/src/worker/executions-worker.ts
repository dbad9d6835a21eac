import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import type { ExecutionsRuntime } from '../runtime';
import { redisConnection } from '../runtime';
import { bullPrefix, EXECUTIONS_QUEUE, JobName, PRUNE_SCHEDULER_ID, RECOVER_SCHEDULER_ID, type ExecutionsJobData, type RunJobData, type ScheduleTickJobData } from '../queue/run-queue';
import { ensureTerminalEvent, settleExecution } from '../services/settle-execution';
import { fireSchedule, reconcileSchedules } from '../triggers/schedules';
import { abandonedRunError, isStalledFailure, settleAbandonedRuns } from './abandoned-runs';
import { pruneExecutions } from './prune';
import { recoverOrphanedRuns } from './recover-orphans';
import { CancelRegistry } from './cancel-registry';
import { callerOf, EngineServiceProvider } from './engine-services';
import type { NodeRunRecord } from '@omnitron/nodes';
import { Execution } from '../entities/execution.entity';
import { ExecutionRunner } from './execution-runner';
import { TimingReporter } from './timing-reporter';

/**
 * One worker process's share of the executions queue: runs, schedule ticks, recovery and pruning.
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
    await this.runtime.queue.upsertJobScheduler(RECOVER_SCHEDULER_ID, { every: settings.RECOVER_EVERY_MS }, { name: JobName.recover, data: {} });
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
        return { requeued: await recoverOrphanedRuns(this.runtime), failed: await settleAbandonedRuns(this.runtime) };
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
      // Should this fail too (the database still away), the job fails with it and the recover
      // sweep fails the run once it can (abandoned-runs.ts).
      return this.failOnLastAttempt(executionId);
    }
  }

  /**
   * The last attempt of a run's job crashed: nothing will run it again, so it fails here. A run
   * found final already was settled by an attempt that then failed before storing the terminal
   * event (Redis away for a moment): it is stored now, while this job still holds the run.
   */
  private async failOnLastAttempt(executionId: string): Promise<string | undefined> {
    if (await settleExecution(this.runtime, executionId, { status: 'FAILED', error: abandonedRunError.crashed })) return 'FAILED';
    const execution = await this.runtime.orm.em.fork().findOne(Execution, { id: executionId });
    if (execution) await ensureTerminalEvent(this.runtime, execution);
    return execution?.status;
  }

  /**
   * A run job that stalled more often than WORKER_MAX_STALLED (its workers keep dying) is failed by
   * BullMQ without calling us: settle the execution now rather than at the next recover sweep,
   * which settles it should this fail.
   */
  private async onRunJobFailed(job: Job<ExecutionsJobData> | undefined, error: Error): Promise<void> {
    if (job?.name !== JobName.run || !isStalledFailure(error.message)) return;
    const { executionId } = job.data as RunJobData;
    await settleExecution(this.runtime, executionId, { status: 'FAILED', error: abandonedRunError.stalled }).catch((settleError: unknown) =>
      this.runtime.log.error({ err: settleError, executionId }, 'settling a stalled run failed; the recover sweep will retry'),
    );
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
