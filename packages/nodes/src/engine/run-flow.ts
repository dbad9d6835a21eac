import type { SecretMask } from '../credentials/secret-mask';
import { ErrorCode, NodeError } from '../errors';
import { DEFAULT_EXPRESSION_LIMITS } from '../expression/limits';
import type { FlowGraph, NodeRunRecord, RunOptions, RunResult } from '../types';
import { compileFlow, DEFAULT_MAX_NODES } from '../validation/validate-flow';
import type { RunEnvironment } from './attempt';
import { buildExecutionGraph, type ExecutionGraph } from './execution-graph';
import { upstreamOf } from './node-input';
import { commitRecord, releaseDownstream } from './propagate';
import { restoreSettled } from './resume';
import { runNode } from './run-node';
import { Phase, RunState } from './run-state';
import type { Suspension } from './suspension';

const DEFAULT_CONCURRENCY = 16;
const DEFAULT_LIMITS = {
  maxOutputBytes: 1_048_576,
  expressionTimeoutMs: DEFAULT_EXPRESSION_LIMITS.timeoutMs,
  expressionMaxStringLength: DEFAULT_EXPRESSION_LIMITS.maxStringLength,
  expressionMaxArrayLength: DEFAULT_EXPRESSION_LIMITS.maxArrayLength,
  expressionMaxValueSize: DEFAULT_EXPRESSION_LIMITS.maxValueSize,
  expressionHeapCeilingBytes: DEFAULT_EXPRESSION_LIMITS.heapCeilingBytes,
  codeTimeoutMs: 1_000,
  codeMemoryBytes: 32 * 1024 * 1024,
  logLineMaxBytes: 16_384,
  nodeLogsMaxBytes: 262_144,
};

export interface RunFlowOptions extends RunOptions {
  /** Flows larger than this fail validation with PAYLOAD_TOO_LARGE. @default 5_000 */
  maxNodes?: number;
}

type RunError = NonNullable<RunResult['error']>;

/** One execution of a validated flow: starts ready nodes, settles them, stops on failure or cancel. */
class FlowRun {
  private readonly controller = new AbortController();
  private readonly env: RunEnvironment;
  private readonly concurrency: number;
  private failure: RunError | undefined;
  /** Nodes parked until their wait ends: nothing downstream of them runs in this pass. */
  private readonly suspensions: Suspension[] = [];
  private cancelled = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly state: RunState,
    input: unknown,
    private readonly options: RunFlowOptions,
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    this.env = {
      input,
      bindings: {
        input,
        nodes: state.outputs,
        ...(options.item === undefined ? {} : { item: options.item }),
        ...(options.resumeUrls === undefined ? {} : { resume: options.resumeUrls }),
      },
      services: options.services ?? {},
      http: options.http ?? {},
      limits: { ...DEFAULT_LIMITS, ...options.limits },
      signal: this.controller.signal,
      emit: options.onEvent,
      waits: options.waits,
    };
  }

  async execute(): Promise<RunResult> {
    const external = this.options.signal;
    const onCancel = (): void => this.stop(true);
    if (external?.aborted) this.stop(true);
    external?.addEventListener('abort', onCancel, { once: true });
    try {
      await this.guard(this.seed());
      await this.drain();
    } finally {
      external?.removeEventListener('abort', onCancel);
    }
    return this.result();
  }

  /** Restored nodes release their edges; triggers start; other roots are dead (unreachable). */
  private async seed(): Promise<void> {
    const { state } = this;
    for (const index of restoreSettled(state, this.options.settled)) releaseDownstream(state, index);
    const triggerId = this.options.triggerId;
    state.graph.incoming.forEach((inbound, index) => {
      if (inbound.length > 0 || state.phase[index] !== Phase.Pending) return;
      const isChosenTrigger =
        state.graph.triggers.includes(index) && (triggerId === undefined || triggerId === state.graph.ids[index]);
      if (isChosenTrigger) state.enqueue(index);
      else {
        state.phase[index] = Phase.Queued;
        state.dead.push(index);
      }
    });
    await this.settleDead();
  }

  private async drain(): Promise<void> {
    const { state } = this;
    for (;;) {
      while (!this.stopping && state.inFlight < this.concurrency && state.hasReady()) this.start(state.takeReady());
      if (state.inFlight === 0) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  private get stopping(): boolean {
    return this.controller.signal.aborted;
  }

  private start(index: number): void {
    const { state } = this;
    const compiled = state.graph.nodes[index];
    if (compiled === undefined) return;
    // Parked by an earlier pass and still waiting: it stays parked without running again.
    const parked = this.options.waits?.parked[compiled.node.id];
    if (parked !== undefined) {
      this.suspensions.push(parked);
      return;
    }
    state.inFlight++;
    const work = runNode(compiled, upstreamOf(state, index, this.env.input), this.env).then((outcome) =>
      'parked' in outcome ? void this.suspensions.push(outcome.parked) : this.settle(index, outcome.record),
    );
    void this.guard(work).then(() => {
      state.inFlight--;
      const wake = this.wake;
      this.wake = undefined;
      wake?.();
    });
  }

  /** Commits a node (onSettle awaited first), then releases its downstream edges unless the run is stopping. */
  private async settle(index: number, record: NodeRunRecord): Promise<void> {
    commitRecord(this.state, index, record);
    this.emitSettled(record);
    await this.options.onSettle?.(record);
    if (record.status === 'FAILED' && this.state.taken[index] === undefined) this.fail(index, record);
    if (this.stopping) return;
    releaseDownstream(this.state, index);
    await this.settleDead();
  }

  /** SKIPs every dead node, cascading: a node whose inbound edges are all dead is dead too. */
  private async settleDead(): Promise<void> {
    const { state } = this;
    while (state.dead.length > 0 && !this.stopping) {
      const index = state.dead.pop() as number;
      const nodeId = state.graph.ids[index] as string;
      const record: NodeRunRecord = { nodeId, status: 'SKIPPED', attempts: 0 };
      commitRecord(state, index, record);
      this.emitSettled(record);
      await this.options.onSettle?.(record);
      releaseDownstream(state, index);
    }
  }

  private emitSettled(record: NodeRunRecord): void {
    const emit = this.env.emit;
    if (emit === undefined) return;
    const { nodeId } = record;
    if (record.status === 'SUCCEEDED') emit({ type: 'NODE_SUCCEEDED', nodeId, record });
    else if (record.status === 'FAILED') emit({ type: 'NODE_FAILED', nodeId, record });
    else if (record.status === 'SKIPPED') emit({ type: 'NODE_SKIPPED', nodeId, record });
  }

  /** A failure in the engine's own steps (onSettle throwing) fails the run; it is never dropped. */
  private async guard(work: Promise<void>): Promise<void> {
    try {
      await work;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.failure ??= { code: ErrorCode.SETTLE_FAILED, message: `committing a node result failed: ${message}` };
      this.stop(false);
    }
  }

  private fail(index: number, record: NodeRunRecord): void {
    const type = this.state.graph.nodes[index]?.node.type ?? 'unknown';
    const error = record.error ?? { code: ErrorCode.NODE_FAILED, message: 'failed' };
    const message = `Node "${record.nodeId}" (${type}) failed: ${error.message}`;
    this.failure ??= { code: error.code, message, nodeId: record.nodeId };
    this.stop(false);
  }

  private stop(cancelled: boolean): void {
    if (this.stopping) return;
    this.cancelled = cancelled;
    this.controller.abort(new NodeError(ErrorCode.CANCELLED, cancelled ? 'execution cancelled' : 'execution failed', {
      retryable: false,
    }));
  }

  private result(): RunResult {
    const { state } = this;
    if (this.failure === undefined && !this.cancelled && this.suspensions.length > 0) {
      return { status: 'SUSPENDED', output: null, nodeRuns: state.records, suspensions: this.suspensions };
    }
    state.graph.ids.forEach((nodeId, index) => {
      if (state.phase[index] !== Phase.Settled) state.records[nodeId] = { nodeId, status: 'CANCELLED', attempts: 0 };
    });
    const nodeRuns = state.records;
    if (this.failure !== undefined) return { status: 'FAILED', output: null, error: this.failure, nodeRuns };
    if (this.cancelled) {
      const error = { code: ErrorCode.CANCELLED, message: 'execution cancelled' };
      return { status: 'CANCELLED', output: null, error, nodeRuns };
    }
    return { status: 'SUCCEEDED', output: this.output(), nodeRuns };
  }

  /** The `output` node's value, else the output of the node that settled last with one. */
  private output(): unknown {
    const { state } = this;
    const index = state.graph.hasOutputNode ? state.lastOutputNode : state.lastWithOutput;
    const id = state.graph.ids[index];
    return id === undefined ? null : (state.outputs[id] ?? null);
  }
}

/**
 * A flow checked and indexed once, to run many times (a webhook's ephemeral runs keep one per
 * flow version): `runFlow` accepts it in place of the graph and skips compiling. Immutable; a
 * run keeps its own state.
 */
export interface PreparedFlow {
  readonly prepared: ExecutionGraph;
}

/** The flow prepared for `runFlow`, or the VALIDATION_FAILED error a run of it would fail with. */
export function prepareFlow(flow: FlowGraph, options: { maxNodes?: number } = {}): PreparedFlow | { readonly error: RunError } {
  const { validation, compiled } = compileFlow(flow, { maxNodes: options.maxNodes ?? DEFAULT_MAX_NODES });
  if (compiled !== undefined) return { prepared: buildExecutionGraph(compiled) };
  const errors = validation.problems.filter((problem) => problem.severity === 'error');
  return { error: { code: ErrorCode.VALIDATION_FAILED, message: `flow is invalid: ${errors.map((problem) => problem.message).join('; ')}` } };
}

/**
 * Runs a flow (or one prepared by `prepareFlow`) to completion. Invalid flows fail with
 * VALIDATION_FAILED before any node runs. Node failures are values in the result; this only
 * rejects on a bug in the engine itself.
 */
export async function runFlow(flow: FlowGraph | PreparedFlow, input: unknown, options: RunFlowOptions = {}): Promise<RunResult> {
  const ready = 'prepared' in flow ? flow : prepareFlow(flow, options);
  if ('error' in ready) return { status: 'FAILED', output: null, error: ready.error, nodeRuns: {} };
  const mask = options.mask;
  if (mask === undefined) return new FlowRun(new RunState(ready.prepared), input, options).execute();
  const result = await new FlowRun(new RunState(ready.prepared), input, masked(options, mask)).execute();
  return mask.apply(result);
}

/** Options whose event and settle callbacks see masked copies: what leaves the engine carries no secret. */
function masked(options: RunFlowOptions, mask: SecretMask): RunFlowOptions {
  const { onEvent, onSettle } = options;
  return {
    ...options,
    ...(onEvent ? { onEvent: (event) => onEvent(mask.apply(event)) } : {}),
    ...(onSettle ? { onSettle: (record) => onSettle(mask.apply(record)) } : {}),
  };
}
