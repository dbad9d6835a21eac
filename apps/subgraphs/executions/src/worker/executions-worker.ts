import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { inSpan, tracingEnabled } from '@omnitron/server-kit';
import type { ExecutionsRuntime } from '../runtime';
import { redisConnection } from '../runtime';
import { bullPrefix, EXECUTIONS_QUEUE, JobName, type ExecutionsJobData, type RunJobData, type ScheduleTickJobData } from '../queue/run-queue';
import { jobSpanOptions } from '../queue/traced-queue';
import { ensureTerminalEvent, isTerminal, settleExecution } from '../services/settle-execution';
import { fireSchedule } from '../triggers/schedules';
import { abandonedRunError, isStalledFailure, settleAbandonedRuns } from './abandoned-runs';
import { failCrashedRun } from './crashed-run';
import { FlowAdmission } from './flow-admission';
import { describeExit, IsolatedRunner } from './isolated-run';
import { pruneExecutions } from './prune';
import { recoverOrphanedRuns } from './recover-orphans';
import { Execution } from '../entities/execution.entity';
import { RunHost } from './run-host';
import { claimWaitingRun } from '../services/wake-run';
import { SchedulerUpkeep } from './scheduler-upkeep';

/**
 * One worker process's share of the executions queue: runs, schedule ticks, recovery and pruning.
 * Any number of these, on any machine sharing Redis and the database, split the work.
 */
export class ExecutionsWorker {
  private readonly host: RunHost;
  private readonly isolated = new IsolatedRunner();
  private readonly upkeep: SchedulerUpkeep;
  /** Per-flow and per-key concurrency of run jobs (flow-admission.ts). */
  private readonly admission: FlowAdmission;
  private worker: Worker<ExecutionsJobData> | undefined;
  /** BullMQ leaves a connection it was given open; ours is closed with the worker. */
  private connection: ReturnType<typeof redisConnection> | undefined;

  constructor(private readonly runtime: ExecutionsRuntime) {
    this.host = new RunHost(runtime);
    this.upkeep = new SchedulerUpkeep(runtime);
    this.admission = new FlowAdmission(runtime);
  }

  async start(): Promise<void> {
    const { settings, config } = this.runtime;
    await this.host.start();
    this.admission.start();
    this.connection = redisConnection(config.REDIS_URL);
    // Before taking jobs: the recover and prune schedulers and one per schedule trigger, checked
    // again every SCHEDULER_CHECK_EVERY_MS and whenever this connection comes back.
    await this.upkeep.start(this.connection);
    this.worker = new Worker<ExecutionsJobData>(EXECUTIONS_QUEUE, (job, token) => this.process(job, token), {
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

  private async process(job: Job<ExecutionsJobData>, token?: string): Promise<unknown> {
    switch (job.name) {
      case JobName.run:
        return this.admission.runAdmitted(job as Job<RunJobData>, token, () => this.processRun(job as Job<RunJobData>));
      case JobName.wake:
        // A resumed run takes a slot again (it gave its slot back when it parked WAITING).
        return this.admission.runAdmitted(job as Job<RunJobData>, token, () => this.processWake(job as Job<RunJobData>));
      case JobName.scheduleTick:
        return fireSchedule(this.runtime, job.data as ScheduleTickJobData, job.id ?? String(job.timestamp), scheduledAt(job));
      case JobName.prune:
        return pruneExecutions(this.runtime);
      case JobName.recover:
        return { requeued: await recoverOrphanedRuns(this.runtime), ...(await settleAbandonedRuns(this.runtime)) };
      default:
        throw new Error(`Unknown job ${job.name}`);
    }
  }

  /** A run job, in a span continuing the trace that queued it (tracing on). */
  private processRun(job: Job<RunJobData>): Promise<string | undefined> {
    if (!tracingEnabled()) return this.runJob(job);
    return inSpan('worker', 'execution.run', jobSpanOptions(job), async (span) => {
      const status = await this.runJob(job);
      span.setAttribute('omnitron.execution.status', status ?? 'NONE');
      return status;
    });
  }

  private async runJob(job: Job<RunJobData>): Promise<string | undefined> {
    const { executionId } = job.data;
    try {
      // A stalled job was in flight on a worker that died (or lost its lock): the run may be what killed it.
      if (job.stalledCounter > 0) return await this.runSuspect(executionId);
      return (await this.host.runner.run(executionId))?.status;
    } catch (error) {
      this.runtime.log.error({ err: error, executionId, attempt: job.attemptsMade + 1 }, 'run crashed');
      if (job.attemptsMade + 1 < (job.opts.attempts ?? 1)) throw error;
      // Should this fail too (the database still away), the job fails with it and the recover
      // sweep fails the run once it can (abandoned-runs.ts).
      return this.failOnLastAttempt(executionId);
    }
  }

  /**
   * Resumes a WAITING run whose wait ended: the one wake job that claims it (WAITING -> RUNNING)
   * runs it as a run job would. One whose claim fails was beaten to it, or the run ended; unless
   * it is this job's own claim being retried (a crash or a stall after claiming), it has nothing to do.
   */
  private async processWake(job: Job<RunJobData>): Promise<string | undefined> {
    const claimed = await claimWaitingRun(this.runtime, job.data.executionId);
    if (!claimed && job.stalledCounter === 0 && job.attemptsMade === 0) return 'not waiting';
    return this.processRun(job);
  }

  /**
   * Resumes a run that was in flight when a worker died, in a process of its own. When one worker
   * running several runs dies, nothing tells which of them killed it, so each is resumed on its
   * own: an innocent one just finishes, while one that kills its process again kills only that
   * process, and the death is then surely its doing. It is failed with WORKER_CRASHED naming the
   * node it was in, and never resumed again. So a poison run takes down one worker once, however
   * many runs that worker had; the runs that shared it go on.
   */
  private async runSuspect(executionId: string): Promise<string | undefined> {
    const execution = await this.runtime.orm.em.fork().findOne(Execution, { id: executionId }, { fields: ['status'] });
    if (!execution || isTerminal(execution.status)) return (await this.host.runner.run(executionId))?.status;
    const outcome = await this.isolated.run(executionId);
    if (outcome.kind === 'finished') return outcome.status;
    this.runtime.log.error({ executionId, exit: describeExit(outcome.exit), inFlight: outcome.inFlight }, 'a run killed the process running it a second time; failing it');
    await failCrashedRun(this.runtime, executionId, outcome.inFlight, outcome.exit);
    return 'FAILED';
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
    if ((job?.name !== JobName.run && job?.name !== JobName.wake) || !isStalledFailure(error.message)) return;
    const { executionId } = job.data as RunJobData;
    await settleExecution(this.runtime, executionId, { status: 'FAILED', error: abandonedRunError.stalled }).catch((settleError: unknown) =>
      this.runtime.log.error({ err: settleError, executionId }, 'settling a stalled run failed; the recover sweep will retry'),
    );
  }

  /** Stops taking jobs and waits for the runs in progress (SIGTERM). */
  async close(): Promise<void> {
    await this.upkeep.close();
    await this.worker?.close();
    this.admission.close();
    this.connection?.disconnect();
    await this.host.close();
  }
}

/** When a scheduler meant the tick to fire (BullMQ keeps it as `prevMillis`); the job's own time otherwise. */
function scheduledAt(job: Job): Date {
  const prevMillis = (job.opts as { prevMillis?: number }).prevMillis;
  return new Date(prevMillis ?? job.timestamp);
}
