import { outboundPolicyOf, runFlow, SecretMask, type EngineEvent, type EngineServices, type HttpPolicy, type NodeRunRecord, type RunLimits, type RunResult, type WebhookAnswer } from '@omnitron/nodes';
import { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { afterSettled, ensureTerminalEvent, isTerminal, settledRunOf, settleExecution, type Settlement } from '../services/settle-execution';
import { fitForStorage } from '../services/truncate';
import { runLimitsOf } from '../settings';
import type { CancelRegistry } from './cancel-registry';
import { claimQueuedRun } from './claim-run';
import { EventWriter } from './event-writer';
import { NodeSpans } from './node-spans';
import { loadSettledNodes, type SettledNodes } from './node-run-store';
import { parkRun, type ParkedPass } from './park-run';
import { PreparedFlows } from './prepared-flows';
import { RunCheckpoints } from './run-checkpoints';
import { RunCommitter } from './run-committer';
import { loadWaits, type LoadedWaits } from './wait-store';
import { resumeUrlsOf } from '../services/resume-token';

export interface RunContext {
  /** A parent run's signal: aborting it cancels this (child) run. */
  readonly parentSignal?: AbortSignal;
  /** `$item` for a `map` child run. */
  readonly item?: unknown;
  /**
   * Told each engine event of this run as the engine emits it, synchronously (before the node's
   * code runs, for NODE_STARTED): a run isolated in a process of its own reports the nodes in
   * flight to its parent this way, so its death can be put down to them. Must not throw.
   */
  readonly onEngineEvent?: (event: EngineEvent) => void;
}

/** The outside world for one run (subflows, databases, AI, credentials), bound to that run and its secret mask. */
export type ServicesFactory = (execution: Execution, signal: AbortSignal, mask: SecretMask) => EngineServices;

/** Told about each finished engine pass (timings for flow analysis); must not throw. */
export type RunObserver = (execution: Execution, nodeRuns: readonly NodeRunRecord[]) => void;

const cancelledError = { code: 'CANCELLED', message: 'Cancelled on request' };

/** How a pass ended, with a webhook run's answer when this pass knows it (see `answerOf`). */
type PassEnd = (Settlement & { readonly answer?: WebhookAnswer | null }) | ParkedPass;

/** How `run` left a run: settled, or parked (WAITING) until a wait of it ends. */
export type RunEnd = Settlement | { readonly status: 'WAITING'; readonly output?: undefined; readonly error?: undefined };

/** Why a resumed run stops: downstream nodes would otherwise compute on a truncated preview. */
const unresumable = (lost: { nodeId: string; bytes: number }, limit: number) => ({
  code: 'PAYLOAD_TOO_LARGE',
  message: `The run was resumed on another worker, but node ${lost.nodeId}'s output (${lost.bytes} bytes) was over NODE_OUTPUT_RESUME_MAX_BYTES (${limit}) and was not kept whole`,
  nodeId: lost.nodeId,
});

/** The engine's event callback, also telling `observer` (first) when there is one. */
function observed(write: (event: EngineEvent) => void, observer: RunContext['onEngineEvent']): (event: EngineEvent) => void {
  if (!observer) return write;
  return (event) => {
    observer(event);
    write(event);
  };
}

/**
 * Runs or resumes one execution to its end: committed nodes are passed to the engine as
 * `settled`; a newly settled node with effects is committed (with the pure nodes settled before
 * it) before anything downstream starts, pure ones wait for the next commit or the final write
 * (run-checkpoints.ts); the execution settles once, the node runs not yet committed written with
 * (before) its final row, then its terminal event. Commits of the runs this process holds share
 * transactions (run-committer.ts).
 */
export class ExecutionRunner {
  private readonly http: HttpPolicy;
  private readonly limits: RunLimits;
  private readonly committer: RunCommitter;
  private readonly prepared = new PreparedFlows();

  constructor(
    private readonly runtime: ExecutionsRuntime,
    private readonly cancellations: CancelRegistry,
    private readonly services: ServicesFactory,
    private readonly observe: RunObserver = () => undefined,
  ) {
    this.http = outboundPolicyOf(runtime.settings);
    this.limits = runLimitsOf(runtime.settings);
    this.committer = new RunCommitter(runtime);
  }

  /** Returns how the run ended (null when there is no such execution). */
  async run(executionId: string, context: RunContext = {}): Promise<RunEnd | null> {
    const controller = this.cancellations.register(executionId, context.parentSignal);
    try {
      // A queued run is claimed (QUEUED -> RUNNING) and read in one statement; any other is read.
      // The claim and the look for a cancel asked before this worker took the run go together: a
      // claimed run found cancelled settles CANCELLED before any node runs.
      const [cancelled, claimed] = await Promise.all([
        this.cancellations.wasCancelled(executionId),
        controller.signal.aborted ? null : claimQueuedRun(this.runtime, executionId),
      ]);
      if (cancelled) controller.abort();
      const execution = claimed ?? (await this.runtime.orm.em.fork().findOne(Execution, { id: executionId }));
      if (!execution) return null;
      if (isTerminal(execution.status)) {
        await ensureTerminalEvent(this.runtime, execution);
        return { status: execution.status, output: execution.output, error: execution.error };
      }
      // Parked: only a `wake` job that claimed it (WAITING -> RUNNING) resumes it.
      if (execution.status === 'WAITING') return { status: 'WAITING' };
      return await this.runClaimed(execution, controller, context, claimed !== null);
    } finally {
      this.cancellations.release(executionId);
    }
  }

  /** Runs passes of a run this process holds until it settles or parks; `claimed`: it was QUEUED and claimed just now. */
  private async runClaimed(execution: Execution, controller: AbortController, context: RunContext, claimed: boolean): Promise<RunEnd> {
    const executionId = execution.id;
    const checkpoints = new RunCheckpoints(this.runtime, this.committer, executionId, execution.graph);
    let fresh = claimed;
    for (;;) {
      const end = controller.signal.aborted ? { status: 'CANCELLED' as const, error: cancelledError } : await this.execute(execution, controller.signal, context, checkpoints, fresh);
      fresh = false;
      if (end.status !== 'WAITING') {
        const final = await checkpoints.settle(end);
        // The notice carries the final row (and a webhook run's answer): the webhook waiting for it reads neither back.
        if (final) await afterSettled(this.runtime, executionId, { ...end, error: final.error }, settledRunOf(final, 'answer' in end ? end.answer : undefined));
        return end;
      }
      // Its next pass may run in another process: what this one settled is committed first.
      await checkpoints.commitPending();
      checkpoints.tidy = true;
      if ((await parkRun(this.runtime, execution, end)) === 'parked') {
        // A cancel that came as it parked found it RUNNING and left it to this worker: settle it now.
        if (!controller.signal.aborted && !(await this.cancellations.wasCancelled(executionId))) return { status: 'WAITING' };
        await settleExecution(this.runtime, executionId, { status: 'CANCELLED', error: cancelledError });
        return { status: 'CANCELLED', error: cancelledError };
      }
      // A wait ended as it parked: the next pass resumes here from what this one committed (keeping the run's start).
      execution.startedAt ??= end.startedAt;
      execution.status = 'RUNNING';
    }
  }

  /**
   * QUEUED -> RUNNING with EXECUTION_STARTED (sent with the run's first node events, before them);
   * a resumed run keeps its start. Returns the start time. A run `claimed` by `claimQueuedRun` is RUNNING already.
   */
  private async markRunning(execution: Execution, events: EventWriter, claimed: boolean): Promise<Date> {
    if (claimed) {
      events.append({ type: 'EXECUTION_STARTED', nodeId: null, data: { flowVersion: execution.flowVersion } });
      return execution.startedAt ?? new Date();
    }
    if (execution.status !== 'QUEUED') return execution.startedAt ?? new Date();
    const startedAt = new Date();
    const updated = await this.runtime.orm.em
      .fork()
      .nativeUpdate(Execution, { id: execution.id, status: 'QUEUED' }, { status: 'RUNNING', startedAt, heartbeatAt: startedAt });
    if (updated > 0) events.append({ type: 'EXECUTION_STARTED', nodeId: null, data: { flowVersion: execution.flowVersion } });
    return startedAt;
  }

  /** Runs the engine from the committed nodes; returns how the run ended. */
  private async execute(execution: Execution, signal: AbortSignal, context: RunContext, checkpoints: RunCheckpoints, claimed: boolean): Promise<PassEnd> {
    const resuming = execution.status === 'RUNNING' && !claimed;
    const events = new EventWriter(this.runtime, execution.id, resuming);
    const startedAt = await this.markRunning(execution, events, claimed);
    // A fresh run has nothing committed yet: only a resumed one reads its node runs, and a test or
    // retry run, which starts from node results committed before it was queued (services/seed-node-runs.ts).
    const seeded = execution.test || Boolean(execution.retryOfId);
    checkpoints.upsert = resuming;
    if (resuming || seeded) checkpoints.tidy = true;
    const resumed: SettledNodes = resuming || seeded ? await loadSettledNodes(this.runtime, execution.id) : { settled: {}, lost: [] };
    if (resumed.lost.length > 0) {
      await events.close();
      return { status: 'FAILED', error: unresumable(resumed.lost[0]!, this.runtime.settings.NODE_OUTPUT_RESUME_MAX_BYTES), startedAt };
    }
    const durable = await this.durableWaits(execution, resuming, resumed.settled);
    for (const [nodeId, errors] of durable?.attemptErrors ?? []) events.attemptErrors.set(nodeId, [...errors]);
    // The run's credential values: the engine masks every event, record and result with it.
    const mask = new SecretMask();
    let result: RunResult;
    try {
      result = await runFlow(this.prepared.of(execution.graph), execution.input, {
        signal,
        settled: resumed.settled,
        onEvent: observed(events.onEngineEvent, NodeSpans.observing(execution.graph, context.onEngineEvent)),
        // The node's event is in the stream before its commit: a crash in between re-runs the node
        // (at-least-once) rather than leaving a committed node whose event never appears. A pure
        // node is committed later, with the next node with effects or the final write.
        onSettle: (record) => checkpoints.settled(record, events.attemptErrors.get(record.nodeId), () => events.flush()),
        services: this.services(execution, signal, mask),
        mask,
        http: this.http,
        ...(durable ? { waits: durable.waits, resumeUrls: resumeUrlsOf(this.runtime.signingKey, execution.id, execution.graph, this.runtime.settings.PUBLIC_URL?.replace(/\/$/, '')) } : {}),
        limits: this.limits,
        ...(execution.triggerNodeId ? { triggerId: execution.triggerNodeId } : {}),
        ...(context.item === undefined ? {} : { item: context.item }),
      });
    } finally {
      await events.close();
    }
    this.observe(execution, Object.values(result.nodeRuns));
    if (result.status === 'SUSPENDED') return { status: 'WAITING', suspensions: result.suspensions ?? [], waits: durable!.waits, attemptErrors: events.attemptErrors, startedAt };
    if (result.status === 'CANCELLED') return { status: 'CANCELLED', error: result.error ?? cancelledError, startedAt };
    // Only a pass that ran every node knows which respond node finished last.
    const answer = execution.triggerType === 'trigger.webhook' && !resuming && !seeded ? answerOf(execution, result, this.runtime.settings.NODE_OUTPUT_MAX_BYTES) : undefined;
    return { status: result.status, output: result.output, error: result.error ?? null, startedAt, ...(answer === undefined ? {} : { answer }) };
  }

  /**
   * The waits a pass of a top-level run starts from (a resumed one's from the database), or
   * undefined for a child run: its parent waits for it in process, so it cannot park.
   */
  private async durableWaits(execution: Execution, resuming: boolean, settled: Record<string, unknown>): Promise<LoadedWaits | undefined> {
    if (execution.parentExecutionId !== null) return undefined;
    const minMs = this.runtime.settings.WAIT_PARK_MIN_MS;
    if (!resuming) return { waits: { minMs, parked: {}, ended: {} }, attemptErrors: new Map() };
    return loadWaits(this.runtime, execution.id, new Set(Object.keys(settled)), minMs);
  }
}

/**
 * A webhook run's answer as its node runs store it: the output of the respond node that succeeded
 * last (null when none did), or undefined when it is stored cut (the webhook then reads the row and refuses it).
 */
function answerOf(execution: Execution, result: RunResult, maxBytes: number): WebhookAnswer | null | undefined {
  let last: NodeRunRecord | undefined;
  for (const node of execution.graph.nodes) {
    if (node.type !== 'respond') continue;
    const record = result.nodeRuns[node.id];
    if (record?.status === 'SUCCEEDED' && (!last || (record.finishedAt ?? '') > (last.finishedAt ?? ''))) last = record;
  }
  if (!last) return null;
  const stored = fitForStorage(last.output, maxBytes);
  return stored.truncated ? undefined : (stored.value as WebhookAnswer | null);
}
