import { outsideAnyTrace, type Caller, type Logger } from '@omnitron/server-kit';
import type { IntelligenceClient } from '../clients/intelligence-client';

export interface NodeTiming {
  readonly nodeId: string;
  readonly durationMs: number;
}

export interface TimingReporterOptions {
  /**
   * How long timings wait to be sent with others of the same flow. One POST per run cost the
   * worker and the intelligence subgraph more CPU than the run itself. @default 1_000
   */
  readonly flushEveryMs?: number;
  /** A batch this large is sent at once (the route takes at most 5,000 node runs). @default 2_000 */
  readonly maxBatch?: number;
}

interface Batch {
  readonly caller: Caller;
  readonly flowId: string;
  readonly nodeRuns: NodeTiming[];
}

/**
 * Node durations for the intelligence subgraph's flow analysis, sent in batches: every run's
 * timings join the batch of its flow (and starter), and a batch goes out as one
 * `POST /internal/stats/node-runs` every `flushEveryMs`, when it is full, and on close. The route
 * counts each entry as one run of its node, so a batch records exactly what one post per run did.
 * Best effort, as before: a failed post is logged and never touches a run.
 */
export class TimingReporter {
  private readonly batches = new Map<string, Batch>();
  private readonly flushEveryMs: number;
  private readonly maxBatch: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly client: IntelligenceClient,
    private readonly log: Logger,
    options: TimingReporterOptions = {},
  ) {
    this.flushEveryMs = options.flushEveryMs ?? 1_000;
    this.maxBatch = options.maxBatch ?? 2_000;
  }

  report(caller: Caller, flowId: string, nodeRuns: readonly NodeTiming[]): void {
    if (nodeRuns.length === 0) return;
    const key = `${caller.workspaceId}\n${caller.userId}\n${flowId}`;
    let batch = this.batches.get(key);
    if (!batch) {
      batch = { caller, flowId, nodeRuns: [] };
      this.batches.set(key, batch);
    }
    batch.nodeRuns.push(...nodeRuns);
    if (batch.nodeRuns.length >= this.maxBatch) this.send(key);
    else this.timer ??= setTimeout(() => this.flush(), this.flushEveryMs).unref();
  }

  /** Sends every batch now (the timer's tick, and close). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const key of [...this.batches.keys()]) this.send(key);
  }

  /** Sends what is waiting and waits for every post (worker shutdown). */
  async close(): Promise<void> {
    this.flush();
    await Promise.all(this.inFlight);
  }

  private send(key: string): void {
    const batch = this.batches.get(key)!;
    this.batches.delete(key);
    // A batch holds many runs' timings: its post is no part of the run that happened to schedule it.
    const post = outsideAnyTrace(() => this.client.reportNodeTimings(batch.caller, batch.flowId, batch.nodeRuns))
      .catch((error: unknown) => this.log.warn({ err: error, flowId: batch.flowId, nodeRuns: batch.nodeRuns.length }, 'reporting node timings failed'))
      .finally(() => this.inFlight.delete(post));
    this.inFlight.add(post);
  }
}
