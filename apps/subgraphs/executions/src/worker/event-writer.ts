import type { EngineEvent, NodeRunRecord } from '@omnitron/nodes';
import { ExecutionLog } from '../entities/execution-log.entity';
import type { NewExecutionEvent } from '../events/execution-event';
import type { ExecutionsRuntime } from '../runtime';
import { fitForStorage } from '../services/truncate';

/**
 * Turns the engine's synchronous events into stream appends, in order: appends are chained so
 * seq follows the engine's order. `flush()` waits for every append (before the terminal event).
 */
export class EventWriter {
  private chain: Promise<void> = Promise.resolve();
  /** Each node's failed attempts, for its NodeRun. */
  readonly attemptErrors = new Map<string, Array<{ attempt: number; code: string; message: string }>>();

  constructor(
    private readonly runtime: ExecutionsRuntime,
    private readonly executionId: string,
  ) {}

  append(event: NewExecutionEvent): void {
    this.chain = this.chain.then(async () => {
      try {
        const stored = await this.runtime.events.append(this.executionId, event);
        if (stored.type === 'LOG') await this.keepLog(stored.seq, stored.nodeId, stored.data);
      } catch (error) {
        this.runtime.log.error({ err: error, executionId: this.executionId }, 'appending an execution event failed');
      }
    });
  }

  onEngineEvent = (event: EngineEvent): void => {
    if (event.type === 'NODE_RETRYING') {
      const list = this.attemptErrors.get(event.nodeId) ?? [];
      list.push({ attempt: event.attempt, ...event.error });
      this.attemptErrors.set(event.nodeId, list);
    }
    this.append({ type: event.type, nodeId: event.nodeId, data: this.dataOf(event) });
  };

  flush(): Promise<void> {
    return this.chain;
  }

  private dataOf(event: EngineEvent): unknown {
    const max = this.runtime.settings.NODE_OUTPUT_MAX_BYTES;
    switch (event.type) {
      case 'NODE_STARTED':
        return { attempt: event.attempt, input: fitForStorage(event.input, max).value };
      case 'NODE_RETRYING':
        return { attempt: event.attempt, delayMs: event.delayMs, error: event.error };
      case 'LOG':
        return { level: event.level, message: event.message, data: event.data ?? null };
      default:
        return { record: this.recordData(event.record, max) };
    }
  }

  private recordData(record: NodeRunRecord, max: number): unknown {
    return { ...record, input: fitForStorage(record.input, max).value, output: fitForStorage(record.output, max).value };
  }

  private async keepLog(seq: number, nodeId: string | null, data: unknown): Promise<void> {
    const log = data as { level: string; message: string; data: unknown };
    await this.runtime.orm.em.fork().insert(ExecutionLog, {
      executionId: this.executionId,
      seq,
      nodeId,
      level: log.level,
      message: log.message,
      data: log.data,
      at: new Date(),
    });
  }
}
