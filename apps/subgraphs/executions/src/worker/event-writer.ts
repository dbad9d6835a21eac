import type { EngineEvent, NodeRunRecord } from '@omnitron/nodes';
import { ExecutionLog } from '../entities/execution-log.entity';
import type { NewExecutionEvent } from '../events/execution-event';
import type { ExecutionsRuntime } from '../runtime';
import { fitForStorage } from '../services/truncate';

/**
 * Turns the engine's synchronous events into stream appends, in order. An event waits at most one
 * turn of the event loop (`setImmediate`), so everything the engine emits in that turn leaves in
 * one append: a fast node's NODE_STARTED and NODE_SUCCEEDED share a round trip. One append is in
 * flight at a time; events emitted meanwhile go out together in the next one, so seq follows the
 * engine's order. `flush()` sends what waits at once and resolves when every event emitted so far
 * is stored (before a node commits, and before the terminal event).
 */
export class EventWriter {
  private waiting: NewExecutionEvent[] = [];
  private writing: Promise<void> | undefined;
  private scheduled: NodeJS.Immediate | undefined;
  /** Each node's failed attempts, for its NodeRun. */
  readonly attemptErrors = new Map<string, Array<{ attempt: number; code: string; message: string }>>();

  constructor(
    private readonly runtime: ExecutionsRuntime,
    private readonly executionId: string,
  ) {}

  append(event: NewExecutionEvent): void {
    this.waiting.push(event);
    if (!this.writing && !this.scheduled) this.scheduled = setImmediate(() => this.startWriting());
  }

  private startWriting(): Promise<void> {
    clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.writing ??= this.writeWaiting();
    return this.writing;
  }

  private async writeWaiting(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        const stored = await this.runtime.events.appendAll(this.executionId, batch);
        for (const event of stored) if (event.type === 'LOG') await this.keepLog(event.seq, event.nodeId, event.data);
      } catch (error) {
        this.runtime.log.error({ err: error, executionId: this.executionId }, 'appending execution events failed');
      }
    }
    this.writing = undefined;
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
    if (this.scheduled) return this.startWriting();
    return this.writing ?? Promise.resolve();
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
