import { defineEntity, p } from '@mikro-orm/core';
import type { ExecutionStatus } from '@omnitron/schema';
import type { FlowGraph } from '@omnitron/nodes';

export interface ExecutionErrorValue {
  code: string;
  message: string;
  nodeId?: string;
}

export const ExecutionSchema = defineEntity({
  name: 'Execution',
  tableName: 'executions',
  properties: {
    id: p.uuid().primary(),
    workspaceId: p.uuid().index(),
    flowId: p.uuid().index(),
    flowVersion: p.integer(),
    /** The flow's name at the pinned version, so the run names its flow after the flow is deleted. */
    flowName: p.string().length(200).nullable(),
    /** The pinned graph: the worker runs exactly this, never asking flows again. */
    graph: p.json<FlowGraph>(),
    /** The trigger node this run starts from (webhook/schedule); unset = every trigger fires. */
    triggerNodeId: p.string().length(200).nullable(),
    /** That trigger node's type (`trigger.webhook`, `trigger.schedule`), pinned at start so lists filter by trigger. */
    triggerType: p.string().length(100).nullable(),
    startedBy: p.uuid(),
    status: p.string().length(16).$type<ExecutionStatus>(),
    input: p.json<unknown>().nullable(),
    output: p.json<unknown>().nullable(),
    outputTruncated: p.boolean().default(false),
    error: p.json<ExecutionErrorValue>().nullable(),
    idempotencyKey: p.string().length(200).nullable(),
    /** Set on a `subflow`/`map` child run; cancelling the parent cancels it. */
    parentExecutionId: p.uuid().nullable().index(),
    parentNodeId: p.string().length(200).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    durationMs: p.integer().nullable(),
    /**
     * Refreshed while a process runs the run (`RUN_HEARTBEAT_EVERY_MS`), so the recover sweep can
     * tell a run still going whose job Redis lost from one nothing runs any more.
     */
    heartbeatAt: p.datetime().nullable(),
    /** Flow control pinned at start from the flow's settings (worker/flow-admission.ts): higher starts first. */
    priority: p.integer().default(0),
    /** Most runs of the flow at once; null = no limit. */
    concurrencyLimit: p.integer().nullable(),
    /** The run's concurrency key, its flow's key template rendered over the input; null = no key. */
    concurrencyKey: p.string().length(200).nullable(),
    /** Most runs at once sharing `concurrencyKey`. */
    concurrencyKeyLimit: p.integer().nullable(),
    /** Why a QUEUED run has not started: it waits for a slot of its flow or of its key. */
    queuedReason: p.string().length(300).nullable(),
    /** The flow started when this run fails (pinned at start). */
    errorFlowId: p.uuid().nullable(),
    /** Set on an error flow's run: the failed run it was started for. Its own failure starts no error flow. */
    errorOfExecutionId: p.uuid().nullable(),
    /** A run of an unsaved draft from the editor (`testNode`): up to one node, pinned data used, nothing saved. */
    test: p.boolean().default(false),
    /** The run a `retryExecution` run retries. */
    retryOfId: p.uuid().nullable(),
    /** The node a retry ran again from: every node upstream of it reused the retried run's results. */
    retryFromNodeId: p.string().length(200).nullable(),
    /** Ran in the process that received its webhook call and was recorded once at the end (ephemeral/): no events, no logs. */
    ephemeral: p.boolean().default(false),
  },
});

export class Execution extends ExecutionSchema.class {}
ExecutionSchema.setClass(Execution);
