import { randomUUID } from 'node:crypto';
import type { FlowGraph } from '@omnitron/nodes';
import { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { NO_RUN_CONTROL, type RunControl } from './run-control';
import { seedNodeRuns, type SeededNode } from './seed-node-runs';
import { enqueueRun } from './start-execution';

/** A run that starts from node results it already has: a test run of a draft, or a retry. */
export interface SeededRun {
  readonly workspaceId: string;
  readonly userId: string;
  readonly flowId: string;
  readonly flowVersion: number;
  readonly flowName: string | null;
  readonly graph: FlowGraph;
  readonly input: unknown;
  readonly triggerNodeId?: string | null;
  readonly test?: boolean;
  readonly retryOfId?: string;
  readonly retryFromNodeId?: string | null;
  /**
   * What the run pins of its flow's settings (limits, priority, error flow): a retry's, like any
   * run's. None for a test run: it runs outside the flow's limits and starts no error flow.
   */
  readonly control?: RunControl;
  /** A retry of an error flow's run handles the same failed run (and so starts no error flow either). */
  readonly errorOfExecutionId?: string | null;
  /** Committed before the job is queued; the worker does not run these nodes. */
  readonly seeds: readonly SeededNode[];
}

/** Stores the run QUEUED, commits its seeded nodes, then queues it (in that order: the worker reads the seeds at start). */
export async function insertSeededRun(runtime: ExecutionsRuntime, run: SeededRun): Promise<Execution> {
  const em = runtime.orm.em.fork();
  const execution = em.create(
    Execution,
    {
      id: randomUUID(),
      workspaceId: run.workspaceId,
      flowId: run.flowId,
      flowVersion: run.flowVersion,
      flowName: run.flowName?.slice(0, 200) ?? null,
      graph: run.graph,
      triggerNodeId: run.triggerNodeId ?? null,
      startedBy: run.userId,
      status: 'QUEUED',
      input: run.input ?? null,
      output: null,
      outputTruncated: false,
      error: null,
      idempotencyKey: null,
      parentExecutionId: null,
      parentNodeId: null,
      test: run.test ?? false,
      retryOfId: run.retryOfId ?? null,
      retryFromNodeId: run.retryFromNodeId ?? null,
      ...(run.test ? NO_RUN_CONTROL : (run.control ?? NO_RUN_CONTROL)),
      queuedReason: null,
      errorOfExecutionId: run.errorOfExecutionId ?? null,
      createdAt: new Date(),
      startedAt: null,
      finishedAt: null,
      durationMs: null,
    },
    { persist: false },
  );
  await em.insert(execution);
  await seedNodeRuns(runtime, execution.id, run.seeds);
  await enqueueRun(runtime, execution.id, execution);
  return execution;
}
