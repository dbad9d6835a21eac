import { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';

/** How often a process marks the runs it holds as still running. */
export const RUN_HEARTBEAT_EVERY_MS = 10_000;

/**
 * A RUNNING run whose heartbeat is older than this has no process running it: six beats missed,
 * so a slow database or a long pause is not taken for a death.
 */
export const RUN_HEARTBEAT_STALE_MS = 60_000;

/** True when some process said it runs the run within RUN_HEARTBEAT_STALE_MS of `now`. */
export const isHeldAt = (heartbeatAt: Date | null | undefined, now: number): boolean => now - (heartbeatAt?.getTime() ?? -Infinity) < RUN_HEARTBEAT_STALE_MS;

/**
 * Writes `heartbeatAt` of the runs this process holds (one update for all of them) every
 * RUN_HEARTBEAT_EVERY_MS. The database, not Redis, keeps it, so it survives Redis losing the
 * runs' jobs: the recover sweep then leaves a run that is still going to its worker.
 */
export class RunHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  private failing = false;

  constructor(
    private readonly runtime: ExecutionsRuntime,
    private readonly held: () => readonly string[],
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.beat(), RUN_HEARTBEAT_EVERY_MS);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    const ids = this.held();
    if (ids.length === 0) return;
    try {
      await this.runtime.orm.em.fork().nativeUpdate(Execution, { id: { $in: [...ids] }, status: 'RUNNING' }, { heartbeatAt: new Date() });
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.runtime.log.warn({ err: error, runs: ids.length }, 'writing run heartbeats failed; retrying on the next beat');
      this.failing = true;
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
