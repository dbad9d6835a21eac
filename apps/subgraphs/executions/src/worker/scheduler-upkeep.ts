import type { Redis } from 'ioredis';
import { JobName, PRUNE_SCHEDULER_ID, RECOVER_SCHEDULER_ID } from '../queue/run-queue';
import type { ExecutionsRuntime } from '../runtime';
import { reconcileSchedules } from '../triggers/schedules';
import { wakeDueRuns } from './wake-due-runs';

/**
 * Keeps the queue's job schedulers in place whatever happens to Redis. They live in Redis only:
 * once Redis restarted empty (or was emptied), nothing would queue again the runs left QUEUED,
 * prune, or fire a schedule trigger until some worker restarted. So every worker makes them what
 * they should be at start, every SCHEDULER_CHECK_EVERY_MS and each time its connection to Redis
 * comes back: the recover and prune schedulers (a recreated `every` scheduler runs at once, so the
 * recover sweep queues the QUEUED runs again right away) and one scheduler per schedule
 * registration in the database. Keyed and idempotent, so any number of workers may do it at once;
 * when nothing is missing a check only reads. The same checks queue again the wake-ups of
 * WAITING runs due before the next check whose job Redis lost (`wake-due-runs.ts`).
 */
export class SchedulerUpkeep {
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private connection: Redis | undefined;
  private failing = false;
  private started = false;

  constructor(private readonly runtime: ExecutionsRuntime) {}

  /** Ensures the schedulers now (failing start when that fails), then keeps them. */
  async start(connection: Redis): Promise<void> {
    await this.ensure();
    this.started = true;
    this.connection = connection;
    connection.on('ready', this.checkSoon);
    this.timer = setInterval(this.checkSoon, this.runtime.settings.SCHEDULER_CHECK_EVERY_MS);
    this.timer.unref();
  }

  private readonly checkSoon = (): void => void this.check();

  /** One check at a time: asked for while one runs (a reconnect during a timed check), it is that one. */
  readonly check = (): Promise<void> => {
    this.checking ??= this.ensure()
      .then(
        () => {
          if (this.failing) this.runtime.log.info('job schedulers checked again');
          this.failing = false;
        },
        (error: unknown) => {
          // Once per outage: Redis or the database away fails every check until it is back.
          if (!this.failing) this.runtime.log.warn({ err: error }, 'checking job schedulers failed; retrying on the next check');
          this.failing = true;
        },
      )
      .finally(() => (this.checking = undefined));
    return this.checking;
  };

  private async ensure(): Promise<void> {
    const { settings } = this.runtime;
    const upserted = [
      ...(await this.ensureEvery(RECOVER_SCHEDULER_ID, settings.RECOVER_EVERY_MS, JobName.recover)),
      ...(await this.ensureEvery(PRUNE_SCHEDULER_ID, settings.PRUNE_EVERY_MS, JobName.prune)),
      ...(await reconcileSchedules(this.runtime)),
    ];
    // Waiting runs due before the next check whose wake job Redis lost (or never got).
    const woken = await wakeDueRuns(this.runtime, settings.SCHEDULER_CHECK_EVERY_MS);
    if (woken > 0) this.runtime.log.info({ runs: woken }, 'queued the wake-ups of waiting runs that were due without one');
    if (upserted.length === 0) return;
    // At start this is an install's first worker (or changed settings); later, Redis lost them.
    if (this.started) this.runtime.log.warn({ schedulers: upserted }, 'job schedulers were missing from Redis; recreated');
    else this.runtime.log.info({ schedulers: upserted }, 'job schedulers created');
  }

  /** Upserts an `every` scheduler that is missing or has another interval; returns its id if it did. */
  private async ensureEvery(id: string, every: number, name: JobName): Promise<string[]> {
    const existing = await this.runtime.queue.getJobScheduler(id);
    if (existing && Number(existing.every) === every) return [];
    await this.runtime.queue.upsertJobScheduler(id, { every }, { name, data: {} });
    return [id];
  }

  /** Stops checking; waits for a check under way. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.connection?.off('ready', this.checkSoon);
    await this.checking;
  }
}
