import { createHash } from 'node:crypto';
import { DelayedError, Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { Execution } from '../entities/execution.entity';
import type { RunAdmission, RunJobData } from '../queue/run-queue';
import type { ExecutionsRuntime } from '../runtime';
import { admissionOf } from '../services/run-control';
import { ADMIT_LUA, AdmitResult, RELEASE_LUA, RENEW_LUA } from './admission-scripts';
import { RUN_HEARTBEAT_EVERY_MS, RUN_HEARTBEAT_STALE_MS } from './run-heartbeat';

type RedisWithAdmission = Redis & {
  omtAdmit(numberOfKeys: number, ...args: Array<string | number>): Promise<number>;
  omtRenewAdmission(numberOfKeys: number, ...args: Array<string | number>): Promise<number>;
  omtReleaseAdmission(numberOfKeys: number, ...args: Array<string | number>): Promise<string[]>;
};

export interface FlowAdmissionOptions {
  /** How long a slot stays taken without renewal: a dead worker's slots free after this. @default RUN_HEARTBEAT_STALE_MS */
  readonly leaseMs?: number;
  /** How often this process renews the leases of the runs it holds. @default RUN_HEARTBEAT_EVERY_MS */
  readonly renewEveryMs?: number;
  /** A parked run checks again after about this long even if no release woke it. @default 2_000 */
  readonly recheckMs?: number;
}

/** One limit a run must fit in: its flow's, or its key's. */
interface Scope {
  readonly holders: string;
  readonly waiters: string;
  readonly limit: number;
  /** Why a run waits when this scope is full (Execution.queuedReason). */
  readonly reason: string;
}

/** The waiters of a scope wake by BullMQ priority (1 first), then by the time the job was queued. */
const waiterScore = (job: Job): number => (job.opts.priority ?? 0) * 1e13 + job.timestamp;

/** Runs woken per slot freed: a woken run whose job is gone (cancelled) would otherwise waste the wake. */
const WAKE_PER_RELEASE = 2;

/**
 * Per-flow and per-key concurrency across every worker (BullMQ open source has priorities, not
 * groups). A run job carries its run's admission (RunJobData.admission, pinned at start); before
 * the run starts, the worker takes a slot in each of its scopes at once (admission-scripts.ts).
 * When one is full the job is parked in BullMQ's delayed set (moveToDelayed with its token), the
 * run shows why it waits (Execution.queuedReason), and the run is woken by the next release of
 * that scope or, should that wake be lost, rechecks after about `recheckMs`.
 *
 * Slots are leases renewed by the process running the run, on the run heartbeat's beat: a worker
 * that dies stops renewing, and its slots free within `leaseMs` while BullMQ hands the job to
 * another worker, which keeps the slot the run already holds. A slot is released when the job's
 * processing ends, however it ends, so a run that waits on a durable timer (its job done or
 * parked until due) holds none meanwhile and takes one again when it resumes.
 */
export class FlowAdmission {
  private readonly redis: RedisWithAdmission;
  private readonly leaseMs: number;
  private readonly renewEveryMs: number;
  private readonly recheckMs: number;
  /** Runs this process holds slots for, with their scopes' holders keys. */
  private readonly held = new Map<string, readonly string[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly runtime: ExecutionsRuntime,
    options: FlowAdmissionOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? RUN_HEARTBEAT_STALE_MS;
    this.renewEveryMs = options.renewEveryMs ?? RUN_HEARTBEAT_EVERY_MS;
    this.recheckMs = options.recheckMs ?? 2_000;
    const redis = runtime.redis;
    if (!('omtAdmit' in redis)) {
      redis.defineCommand('omtAdmit', { lua: ADMIT_LUA });
      redis.defineCommand('omtRenewAdmission', { lua: RENEW_LUA });
      redis.defineCommand('omtReleaseAdmission', { lua: RELEASE_LUA });
    }
    this.redis = redis as RedisWithAdmission;
  }

  start(): void {
    this.timer = setInterval(() => void this.renew(), this.renewEveryMs);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
  }

  /**
   * Runs `run` once the job's run holds its slots, and releases them when it returns or throws.
   * Without a free slot the job is parked and DelayedError thrown, which tells BullMQ the job
   * was moved (no attempt is spent).
   */
  async runAdmitted<T>(job: Job<RunJobData>, token: string | undefined, run: () => Promise<T>): Promise<T> {
    const admission = await this.admissionOfJob(job);
    if (!admission) return run();
    const { executionId } = job.data;
    const blocked = await this.admit(executionId, admission, job);
    if (blocked) {
      await this.park(job, token, blocked);
      throw new DelayedError();
    }
    try {
      return await run();
    } finally {
      await this.release(executionId, admission);
    }
  }

  /** Takes a slot in every scope of the run; returns the scope that is full, or null once admitted. */
  async admit(executionId: string, admission: RunAdmission, job: Job): Promise<Scope | null> {
    const scopes = this.scopesOf(admission);
    const keys = scopes.flatMap((scope) => [scope.holders, scope.waiters]);
    const result = await this.redis.omtAdmit(keys.length, ...keys, executionId, this.leaseMs, job.id ?? executionId, waiterScore(job), ...scopes.map((s) => s.limit));
    if (result !== AdmitResult.admitted) return scopes[result - 1]!;
    this.held.set(executionId, scopes.map((scope) => scope.holders));
    return null;
  }

  /** Frees the run's slots and wakes the runs that waited for them. */
  async release(executionId: string, admission: RunAdmission): Promise<void> {
    this.held.delete(executionId);
    const scopes = this.scopesOf(admission);
    const keys = scopes.flatMap((scope) => [scope.holders, scope.waiters]);
    try {
      const woken = await this.redis.omtReleaseAdmission(keys.length, ...keys, executionId, WAKE_PER_RELEASE);
      await Promise.all(woken.map((jobId) => this.wake(jobId)));
    } catch (error) {
      // The lease ends by itself within leaseMs; the waiters recheck on their own.
      this.runtime.log.warn({ err: error, executionId }, 'releasing a run slot failed; it frees when its lease ends');
    }
  }

  /** Moves a parked job back to the queue at once (it may have been woken or removed meanwhile). */
  private async wake(jobId: string): Promise<void> {
    const job = await Job.fromId(this.runtime.queue, jobId);
    await job?.promote().catch(() => undefined);
  }

  /**
   * Parks the job until a slot frees (or `recheckMs`, with jitter so parked runs do not recheck in
   * step). The run says why: a QUEUED one's start, or a WAITING one's resume (a wake job) waits.
   */
  private async park(job: Job<RunJobData>, token: string | undefined, scope: Scope): Promise<void> {
    const { executionId } = job.data;
    await this.runtime.orm.em
      .fork()
      .nativeUpdate(Execution, { id: executionId, status: { $in: ['QUEUED', 'WAITING'] }, $or: [{ queuedReason: null }, { queuedReason: { $ne: scope.reason } }] }, { queuedReason: scope.reason });
    const jitter = this.recheckMs * (0.75 + Math.random() / 2);
    await job.moveToDelayed(Date.now() + jitter, token);
  }

  /** Extends the leases of every run this process holds (one script call per run, pipelined). */
  private async renew(): Promise<void> {
    if (this.held.size === 0) return;
    try {
      await Promise.all([...this.held].map(([executionId, holders]) => this.redis.omtRenewAdmission(holders.length, ...holders, executionId, this.leaseMs)));
    } catch (error) {
      this.runtime.log.warn({ err: error, runs: this.held.size }, 'renewing run slots failed; retrying on the next beat');
    }
  }

  /** The job's admission; a job queued without one (a recovered run) reads it from the run. */
  private async admissionOfJob(job: Job<RunJobData>): Promise<RunAdmission | null> {
    if (job.data.admission !== undefined) return job.data.admission;
    const run = await this.runtime.orm.em
      .fork()
      .findOne(Execution, { id: job.data.executionId }, { fields: ['flowId', 'concurrencyLimit', 'concurrencyKey', 'concurrencyKeyLimit'] });
    return run ? admissionOf(run) : null;
  }

  private scopesOf(admission: RunAdmission): Scope[] {
    const base = `${this.runtime.config.REDIS_PREFIX}:admission:{${admission.flowId}}`;
    const scopes: Scope[] = [];
    if (admission.concurrencyLimit != null) {
      scopes.push({ holders: `${base}:flow`, waiters: `${base}:flow:waiters`, limit: admission.concurrencyLimit, reason: `waiting for a slot: the flow runs ${admission.concurrencyLimit} at a time` });
    }
    if (admission.concurrencyKey != null) {
      // Hashed: a key is user data of any characters; the reason keeps it readable.
      const hash = createHash('sha256').update(admission.concurrencyKey).digest('base64url');
      const shown = admission.concurrencyKey === '' ? '(empty)' : admission.concurrencyKey;
      scopes.push({ holders: `${base}:key:${hash}`, waiters: `${base}:key:${hash}:waiters`, limit: admission.concurrencyKeyLimit ?? 1, reason: `waiting for a slot: key ${shown}`.slice(0, 300) });
    }
    return scopes;
  }
}
