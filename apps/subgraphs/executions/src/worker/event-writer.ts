import type { EngineEvent, NodeRunRecord } from '@omnitron/nodes';
import { ExecutionLog } from '../entities/execution-log.entity';
import type { NewExecutionEvent } from '../events/execution-event';
import type { ExecutionsRuntime } from '../runtime';
import { fitError, fitForStorage } from '../services/truncate';
import { RunLogBudget, type LogLine } from './run-log-budget';

const SETTLE_EVENTS = new Set(['NODE_SUCCEEDED', 'NODE_FAILED', 'NODE_SKIPPED']);

/**
 * Turns the engine's synchronous events into stream appends, in order. An event waits at most one
 * turn of the event loop (`setImmediate`), so everything the engine emits in that turn leaves in
 * one append: a fast node's NODE_STARTED and NODE_SUCCEEDED share a round trip. One append is in
 * flight at a time; events emitted meanwhile go out together in the next one, so seq follows the
 * engine's order. `flush()` sends what waits at once and resolves when every event emitted so far
 * is stored (before a node commits, and before the terminal event).
 *
 * Everything stored is bounded here, whatever node produced it: inputs and outputs to
 * NODE_OUTPUT_MAX_BYTES, error messages to ERROR_MESSAGE_MAX_BYTES, and LOG lines by the run's
 * RunLogBudget (per line, per node run, per run) before they reach the stream or `execution_logs`.
 */
export class EventWriter {
  private waiting: NewExecutionEvent[] = [];
  private writing: Promise<void> | undefined;
  private scheduled: NodeJS.Immediate | undefined;
  private readonly logs: RunLogBudget;
  /** A resumed run first charges the lines its earlier attempts stored. */
  private restoring: boolean;
  /** Each node's failed attempts, for its NodeRun. */
  readonly attemptErrors = new Map<string, Array<{ attempt: number; code: string; message: string }>>();

  constructor(
    private readonly runtime: ExecutionsRuntime,
    private readonly executionId: string,
    resuming = false,
  ) {
    const { settings } = runtime;
    this.logs = new RunLogBudget({
      lineMaxBytes: settings.LOG_LINE_MAX_BYTES,
      nodeMaxBytes: settings.NODE_LOGS_MAX_BYTES,
      runMaxBytes: settings.RUN_LOGS_MAX_BYTES,
    });
    this.restoring = resuming;
  }

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
        if (this.restoring) await this.restoreLogBudget();
        const stored = await this.runtime.events.appendAll(this.executionId, this.bounded(batch));
        await this.keepLogs(stored.filter((event) => event.type === 'LOG'));
      } catch (error) {
        this.runtime.log.error({ err: error, executionId: this.executionId }, 'appending execution events failed');
      }
    }
    this.writing = undefined;
  }

  /** The batch with each LOG line admitted, cut or dropped, and a node's drop marker before its settle event. */
  private bounded(batch: readonly NewExecutionEvent[]): NewExecutionEvent[] {
    const out: NewExecutionEvent[] = [];
    for (const event of batch) {
      if (event.type === 'LOG') {
        const { level, message, data } = event.data as LogLine;
        const line = this.logs.admit(event.nodeId ?? '', level, message, data);
        if (line) out.push({ ...event, data: line });
        continue;
      }
      if (SETTLE_EVENTS.has(event.type) && event.nodeId !== null) {
        const marker = this.logs.settle(event.nodeId);
        if (marker) out.push({ type: 'LOG', nodeId: event.nodeId, data: marker });
      }
      out.push(event);
    }
    return out;
  }

  onEngineEvent = (event: EngineEvent): void => {
    if (event.type === 'NODE_RETRYING') {
      const list = this.attemptErrors.get(event.nodeId) ?? [];
      list.push({ attempt: event.attempt, ...fitError(event.error) });
      this.attemptErrors.set(event.nodeId, list);
    }
    this.append({ type: event.type, nodeId: event.nodeId, data: this.dataOf(event) });
  };

  flush(): Promise<void> {
    if (this.scheduled) return this.startWriting();
    return this.writing ?? Promise.resolve();
  }

  /**
   * Flushes, with the drop markers still owed (nodes cut off by a cancel or a failure, the run's
   * own): call once, when the engine is done and before the run settles.
   */
  async close(): Promise<void> {
    for (const { nodeId, line } of this.logs.finish()) this.append({ type: 'LOG', nodeId, data: line });
    await this.flush();
  }

  private dataOf(event: EngineEvent): unknown {
    const max = this.runtime.settings.NODE_OUTPUT_MAX_BYTES;
    switch (event.type) {
      case 'NODE_STARTED':
        return { attempt: event.attempt, input: fitForStorage(event.input, max).value };
      case 'NODE_RETRYING':
        return { attempt: event.attempt, delayMs: event.delayMs, error: fitError(event.error) };
      case 'LOG':
        // Bounded (with the rest of its batch) when written: a resumed run's budget is read first.
        return { level: event.level, message: event.message, data: event.data ?? null };
      default:
        return { record: this.recordData(event.record, max) };
    }
  }

  private recordData(record: NodeRunRecord, max: number): unknown {
    return {
      ...record,
      input: fitForStorage(record.input, max).value,
      output: fitForStorage(record.output, max).value,
      ...(record.error ? { error: fitError(record.error) } : {}),
    };
  }

  /** Charges what earlier attempts of a resumed run stored. Unreadable, the budget starts afresh rather than losing events. */
  private async restoreLogBudget(): Promise<void> {
    this.restoring = false;
    try {
      const em = this.runtime.orm.em.fork();
      this.logs.restore(await em.find(ExecutionLog, { executionId: this.executionId }, { fields: ['nodeId', 'level', 'message', 'data'] }));
    } catch (error) {
      this.runtime.log.warn({ err: error, executionId: this.executionId }, 'reading the stored logs of a resumed run failed');
    }
  }

  /** Keeps the stored LOG lines past the stream's expiry; each was bounded before its append. */
  private async keepLogs(logs: ReadonlyArray<{ seq: number; nodeId: string | null; data: unknown }>): Promise<void> {
    if (logs.length === 0) return;
    const at = new Date();
    await this.runtime.orm.em.fork().insertMany(
      ExecutionLog,
      logs.map(({ seq, nodeId, data }) => {
        const line = data as LogLine;
        return { executionId: this.executionId, seq, nodeId, level: line.level, message: line.message, data: line.data, at };
      }),
    );
  }
}
