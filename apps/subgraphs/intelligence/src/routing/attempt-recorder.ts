import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { AiCallAttempt } from '../entities/ai-call-attempt.entity';
import type { AttemptOutcome } from '../providers';

export interface AttemptRecord {
  readonly workspaceId: string;
  readonly provider: string;
  readonly model: string;
  readonly taskType: string;
  readonly latencyMs: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly outcome: AttemptOutcome;
  readonly errorCode: string | null;
  readonly at: Date;
}

/**
 * Writes `AiCallAttempt` rows in batches off the request path, so recording costs a call
 * nothing. Flushes every `intervalMs`, when `batchSize` rows wait, and on close.
 */
export class AttemptRecorder {
  private pending: AttemptRecord[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly orm: MikroORM, private readonly log: Logger, private readonly batchSize = 500, intervalMs = 1_000) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  add(record: AttemptRecord): void {
    this.pending.push(record);
    if (this.pending.length >= this.batchSize) void this.flush();
  }

  /** Resolves when every record added so far is stored. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writePending());
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async writePending(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      await this.orm.em.fork().insertMany(AiCallAttempt, batch.map((record) => ({ id: randomUUID(), ...record })));
    } catch (error) {
      this.log.error({ err: error, count: batch.length }, 'could not record AI call attempts');
    }
  }
}
