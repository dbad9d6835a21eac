/** How long a process that died waits before it is started again, like systemd's `Restart=` with a growing `RestartSec`. */
export interface RestartBackoffOptions {
  /** Delay before the first restart; each further one doubles it. @default 500 */
  readonly initialDelayMs?: number;
  /** The longest delay, however often the process died. @default 30_000 */
  readonly maxDelayMs?: number;
  /** A process that stayed up this long before dying counts as healthy: its next delay starts over. @default 60_000 */
  readonly stableAfterMs?: number;
  /**
   * Quick restarts allowed in a row (each after less than `stableAfterMs` up). Past them the process
   * is crash-looping: it is retried at `maxDelayMs` from then on, never given up on, since a
   * platform missing a process for good is worse than one retrying every `maxDelayMs`. @default 5
   */
  readonly burst?: number;
}

/** What to do about one death. */
export interface RestartDecision {
  /** 1 for the first restart since the process was last healthy. */
  readonly attempt: number;
  readonly delayMs: number;
  /** More than `burst` deaths in a row: retried at the cap, and worth saying loudly. */
  readonly crashLooping: boolean;
}

/** The back-off schedule of one supervised process. Pure: the caller measures uptime and keeps time. */
export class RestartBackoff {
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly stableAfterMs: number;
  private readonly burst: number;
  /** Deaths since the process last stayed up `stableAfterMs`. */
  private failures = 0;

  constructor(options: RestartBackoffOptions = {}) {
    this.initialDelayMs = options.initialDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.stableAfterMs = options.stableAfterMs ?? 60_000;
    this.burst = options.burst ?? 5;
  }

  /** The process died after `uptimeMs` up: when to start it again. */
  next(uptimeMs: number): RestartDecision {
    if (uptimeMs >= this.stableAfterMs) this.failures = 0;
    this.failures++;
    const crashLooping = this.failures > this.burst;
    // 2 ** n overflows to Infinity long before failures could matter; min() keeps it at the cap.
    const grown = this.initialDelayMs * 2 ** (this.failures - 1);
    return { attempt: this.failures, delayMs: crashLooping ? this.maxDelayMs : Math.min(grown, this.maxDelayMs), crashLooping };
  }
}
