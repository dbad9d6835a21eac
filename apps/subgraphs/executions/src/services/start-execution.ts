import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { validateFlow, type FlowGraph } from '@omnitron/nodes';
import type { PinnedFlow } from '../clients/flows-client';
import { Execution } from '../entities/execution.entity';
import { JobName, RUN_JOB_ATTEMPTS, runJobId } from '../queue/run-queue';
import type { ExecutionsRuntime } from '../runtime';
import { flowInvalid } from './execution-errors';

export interface ExecutionRequest {
  readonly workspaceId: string;
  readonly userId: string;
  readonly flow: PinnedFlow;
  readonly input: unknown;
  readonly idempotencyKey?: string | null;
  readonly triggerNodeId?: string;
  readonly parentExecutionId?: string;
  readonly parentNodeId?: string;
  /** Queue a run job (default). Child runs are run inline by their parent's worker instead. */
  readonly enqueue?: boolean;
}

/** Problems that stop a run: the flows subgraph's verdict when it gives one, else the catalog's. */
function blockingProblems(flow: PinnedFlow) {
  if (flow.valid === true) return [];
  if (flow.valid === false && flow.problems && flow.problems.length > 0) return [...flow.problems];
  return validateFlow(flow.graph).problems.filter((p) => p.severity === 'error');
}

/**
 * Creates a QUEUED execution pinned to the flow version and queues its run. The same
 * idempotency key within the window returns the execution it first created.
 */
export async function startExecution(runtime: ExecutionsRuntime, request: ExecutionRequest): Promise<Execution> {
  const em = runtime.orm.em.fork();
  const key = request.idempotencyKey ?? null;
  if (key !== null) {
    const existing = await findByIdempotencyKey(runtime, em, request.workspaceId, key);
    if (existing) return existing;
  }
  const problems = blockingProblems(request.flow);
  if (problems.length > 0) throw flowInvalid(problems);
  // One INSERT, not a flush: a flush wraps its one statement in BEGIN/COMMIT, three round trips.
  const execution = em.create(Execution, newExecution(request, key), { persist: false });
  try {
    await em.insert(execution);
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException) || key === null) throw error;
    // A concurrent start with the same key won: answer with its execution.
    const winner = await em.fork().findOne(Execution, { workspaceId: request.workspaceId, idempotencyKey: key });
    if (winner) return winner;
    throw error;
  }
  if (request.enqueue !== false) await enqueueRun(runtime, execution.id);
  return execution;
}

export async function enqueueRun(runtime: ExecutionsRuntime, executionId: string): Promise<void> {
  await runtime.queue.add(JobName.run, { executionId }, { jobId: runJobId(executionId), attempts: RUN_JOB_ATTEMPTS, backoff: { type: 'fixed', delay: 500 } });
}

function newExecution(request: ExecutionRequest, key: string | null) {
  const graph: FlowGraph = request.flow.graph;
  return {
    id: randomUUID(),
    workspaceId: request.workspaceId,
    flowId: request.flow.id,
    flowVersion: request.flow.version,
    graph,
    triggerNodeId: request.triggerNodeId ?? null,
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
    createdAt: new Date(),
    startedAt: null,
    finishedAt: null,
    durationMs: null,
  };
}

/**
 * The execution a key created within the window. An older holder of the key gives it up, so
 * the key can start a new run (the unique index stays on (workspace, key)).
 */
async function findByIdempotencyKey(
  runtime: ExecutionsRuntime,
  em: EntityManager,
  workspaceId: string,
  key: string,
): Promise<Execution | null> {
  const existing = await em.findOne(Execution, { workspaceId, idempotencyKey: key });
  if (!existing) return null;
  if (Date.now() - existing.createdAt.getTime() <= runtime.settings.IDEMPOTENCY_WINDOW_MS) return existing;
  await em.nativeUpdate(Execution, { id: existing.id }, { idempotencyKey: null });
  return null;
}
