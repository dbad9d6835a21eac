import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { validateFlow, type FlowGraph } from '@omnitron/nodes';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { insertRowsDirect } from '@omnitron/server-kit';
import type { PinnedFlow } from '../clients/flows-client';
import { Execution } from '../entities/execution.entity';
import { bullPriorityOf, JobName, RUN_JOB_ATTEMPTS, runJobId } from '../queue/run-queue';
import type { ExecutionsRuntime } from '../runtime';
import { flowInvalid } from './execution-errors';
import { triggerTypeOf } from './run-trigger';
import { admissionOf, NO_RUN_CONTROL, runControlOf, type RunControl } from './run-control';

export interface ExecutionRequest {
  /** The new execution's id (a caller that listens for it before it is queued picks it). @default a random UUID */
  readonly id?: string;
  readonly workspaceId: string;
  readonly userId: string;
  readonly flow: PinnedFlow;
  readonly input: unknown;
  /** Names one run of this flow: the same key (within IDEMPOTENCY_WINDOW_MS) answers with that run. */
  readonly idempotencyKey?: string | null;
  /**
   * Refuse (CONFLICT) a key whose run of this flow was started with another input, instead of
   * answering with that run, as Stripe refuses a key reused with other parameters: a caller that
   * reuses a key for a different request has a bug, and answering with the old run would hide it.
   * The API sets it. Internal keys (a child run, a schedule tick) name one run whatever its input,
   * which may differ on a retry (a tick's `firedAt`, a resumed parent's expressions). @default false
   */
  readonly requireSameInput?: boolean;
  readonly triggerNodeId?: string;
  readonly parentExecutionId?: string;
  readonly parentNodeId?: string;
  /** Queue a run job (default). Child runs are run inline by their parent's worker instead. */
  readonly enqueue?: boolean;
  /** Set when this is an error flow's run: the failed run it handles (settle-execution.ts). */
  readonly errorOfExecutionId?: string;
  /**
   * The caller tells no one of the run before it settles (a `respond: end` webhook answers with its
   * end): its row (without an idempotency key) commits without waiting for the WAL flush
   * (`ASYNC_COMMIT_COLUMN`), since the run's final commit waits for a flush that carries it too.
   * The 202 a webhook answers when WEBHOOK_WAIT_MS runs out comes long after PostgreSQL's WAL
   * writer flushed it. @default false
   */
  readonly toldWhenSettled?: boolean;
}

/**
 * The catalog's verdict on graphs validated here, by graph object: a webhook's registration, kept
 * by the process, hands the same graph to every call (graphs are never changed in place).
 */
const verdicts = new WeakMap<FlowGraph, ReturnType<typeof validateFlow>['problems']>();

/** Problems that stop a run: the flows subgraph's verdict when it gives one, else the catalog's. */
function blockingProblems(flow: PinnedFlow) {
  if (flow.valid === true) return [];
  if (flow.valid === false && flow.problems && flow.problems.length > 0) return [...flow.problems];
  let problems = verdicts.get(flow.graph);
  if (!problems) {
    problems = validateFlow(flow.graph).problems.filter((p) => p.severity === 'error');
    verdicts.set(flow.graph, problems);
  }
  return [...problems];
}

/**
 * Creates a QUEUED execution pinned to the flow version and queues its run. The same
 * idempotency key for the same flow within the window returns the execution it first created
 * (also when the flow changed since: that run stays pinned to its version); the key used for
 * another flow of the workspace starts that flow.
 */
export async function startExecution(runtime: ExecutionsRuntime, request: ExecutionRequest): Promise<Execution> {
  const em = runtime.orm.em.fork();
  const key = request.idempotencyKey ?? null;
  if (key !== null) {
    const existing = await findByIdempotencyKey(runtime, em, request, key);
    if (existing) return sameRequest(existing, request, key);
  }
  const problems = blockingProblems(request.flow);
  if (problems.length > 0) throw flowInvalid(problems);
  // A child run is run inline by its parent, which already holds its slot: flow control is for queued runs.
  const control = request.enqueue === false ? NO_RUN_CONTROL : await runControlOf(request.flow.settings, request.input);
  const row = newExecution(request, key, control);
  // One INSERT, not a flush (a flush wraps its one statement in BEGIN/COMMIT, three round trips).
  // Without a key no unique index can refuse it: its values go as parameters, written without a
  // query builder (see insertRowsDirect), the graph's JSON made once per graph object, and the
  // execution returned is the row as an Execution the ORM does not manage (nothing flushes it).
  // With a key, em.insert tells a duplicate.
  if (key === null) {
    await insertRowsDirect(em, Execution, [row], { shared: ['graph'], asyncCommit: request.toldWhenSettled === true });
    const execution = Object.assign(new Execution(), row);
    if (request.enqueue !== false) await enqueueRun(runtime, execution.id, execution);
    return execution;
  }
  const execution = em.create(Execution, row, { persist: false });
  try {
    await em.insert(execution);
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException) || key === null) throw error;
    // A concurrent start with the same key won: answer with its execution.
    const winner = await em.fork().findOne(Execution, { workspaceId: request.workspaceId, flowId: request.flow.id, idempotencyKey: key });
    if (winner) return sameRequest(winner, request, key);
    throw error;
  }
  if (request.enqueue !== false) await enqueueRun(runtime, execution.id, execution);
  return execution;
}

/** The columns a run's job is queued with. */
type QueuedRun = Pick<Execution, 'flowId' | 'priority' | 'concurrencyLimit' | 'concurrencyKey' | 'concurrencyKeyLimit'>;

/**
 * Queues the run's job with the run's priority and admission (see worker/flow-admission.ts). A
 * caller without the run at hand (a recover sweep) leaves `run` out, and the run is read.
 */
export async function enqueueRun(runtime: ExecutionsRuntime, executionId: string, run?: QueuedRun): Promise<void> {
  const queued = run ?? (await runtime.orm.em.fork().findOne(Execution, { id: executionId }, { fields: ['flowId', 'priority', 'concurrencyLimit', 'concurrencyKey', 'concurrencyKeyLimit'] }));
  await runtime.queue.add(
    JobName.run,
    { executionId, admission: queued ? admissionOf(queued) : null },
    { jobId: runJobId(executionId), attempts: RUN_JOB_ATTEMPTS, backoff: { type: 'fixed', delay: 500 }, priority: bullPriorityOf(queued?.priority ?? 0) },
  );
}

function newExecution(request: ExecutionRequest, key: string | null, control: RunControl) {
  const graph: FlowGraph = request.flow.graph;
  return {
    id: request.id ?? randomUUID(),
    workspaceId: request.workspaceId,
    flowId: request.flow.id,
    flowVersion: request.flow.version,
    flowName: request.flow.name?.slice(0, 200) ?? null,
    graph,
    triggerNodeId: request.triggerNodeId ?? null,
    triggerType: triggerTypeOf(graph, request.triggerNodeId),
    startedBy: request.userId,
    status: 'QUEUED' as const,
    // Kept whole: the run needs it (request bodies are already bounded by MAX_BODY_BYTES).
    input: request.input ?? null,
    output: null,
    outputTruncated: false,
    error: null,
    idempotencyKey: key,
    parentExecutionId: request.parentExecutionId ?? null,
    parentNodeId: request.parentNodeId ?? null,
    ...control,
    queuedReason: null,
    errorOfExecutionId: request.errorOfExecutionId ?? null,
    createdAt: new Date(),
    startedAt: null,
    finishedAt: null,
    durationMs: null,
  };
}

/**
 * The execution a key created for this flow within the window. An older holder of the key gives
 * it up, so the key can start a new run (the unique index stays on (workspace, flow, key)).
 */
async function findByIdempotencyKey(
  runtime: ExecutionsRuntime,
  em: EntityManager,
  request: ExecutionRequest,
  key: string,
): Promise<Execution | null> {
  const existing = await em.findOne(Execution, { workspaceId: request.workspaceId, flowId: request.flow.id, idempotencyKey: key });
  if (!existing) return null;
  if (Date.now() - existing.createdAt.getTime() <= runtime.settings.IDEMPOTENCY_WINDOW_MS) return existing;
  await em.nativeUpdate(Execution, { id: existing.id }, { idempotencyKey: null });
  return null;
}

/** The run a key already names, unless the caller asked for the same input and sent another. */
function sameRequest(existing: Execution, request: ExecutionRequest, key: string): Execution {
  if (!request.requireSameInput || canonicalJson(existing.input) === canonicalJson(request.input ?? null)) return existing;
  throw new OmnitronError(ErrorCode.CONFLICT, `Idempotency key "${key}" was already used to run this flow with a different input`, {
    executionId: existing.id,
  });
}

/** JSON with object keys sorted: the stored input comes back from jsonb with its keys reordered. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
