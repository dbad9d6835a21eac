import { validateFlow, type FlowGraph, type NodeRunRecord } from '@omnitron/nodes';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import type { Caller } from '@omnitron/server-kit';
import type { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { loadSettledNodes } from '../worker/node-run-store';
import { flowInvalid, flowNotFound } from './execution-errors';
import { insertSeededRun } from './insert-seeded-run';
import { NO_RUN_CONTROL, runControlOf, type RunControl } from './run-control';
import { isTerminal } from './settle-execution';
import { upstreamNodeIds } from './upstream-nodes';

/** Which graph a retry runs: the version the retried run pinned, or the flow's current version. */
export type RetryVersion = 'PINNED' | 'CURRENT';

export interface RetryRequest {
  readonly caller: Caller;
  /** The run to retry, already checked to be the caller's. */
  readonly original: Execution;
  /** Run again from here; every node upstream of it keeps its result. Default: the node the run failed at, else the start. */
  readonly fromNodeId?: string | null;
  readonly version: RetryVersion;
}

/** Why a retry from a node cannot reuse what ran before; `nodeIds` names the nodes. */
const refused = (reason: string, message: string, nodeIds: readonly string[]): OmnitronError =>
  new OmnitronError(ErrorCode.CONFLICT, message, { reason, nodeIds: [...nodeIds] });

interface RetryTarget {
  readonly graph: FlowGraph;
  readonly flowVersion: number;
  readonly flowName: string | null;
  /** The flow's settings as they are now (they belong to the flow, not a version), pinned like a started run's. */
  readonly control: RunControl;
}

async function targetOf(runtime: ExecutionsRuntime, request: RetryRequest): Promise<RetryTarget> {
  const { original } = request;
  const flow = await runtime.flows.currentFlow(request.caller, original.flowId);
  if (request.version === 'PINNED') {
    // A flow deleted since has no settings to follow: the retry of the version that ran runs without.
    const control = flow ? await runControlOf(flow.settings, original.input) : NO_RUN_CONTROL;
    return { graph: original.graph, flowVersion: original.flowVersion, flowName: original.flowName ?? null, control };
  }
  if (!flow) throw flowNotFound();
  const problems = validateFlow(flow.graph).problems.filter((problem) => problem.severity === 'error');
  if (problems.length > 0) throw flowInvalid(problems);
  return { graph: flow.graph, flowVersion: flow.version, flowName: flow.name ?? original.flowName ?? null, control: await runControlOf(flow.settings, original.input) };
}

/** A recorded result the engine can start from: a success or a skip, or a failure the node's onError routes on. */
function reusable(record: NodeRunRecord | undefined, graph: FlowGraph): record is NodeRunRecord {
  if (!record) return false;
  if (record.status === 'SUCCEEDED' || record.status === 'SKIPPED') return true;
  const onError = graph.nodes.find((node) => node.id === record.nodeId)?.data.onError;
  return record.status === 'FAILED' && (onError === 'continue' || onError === 'errorBranch');
}

/**
 * The retried run's results for every node upstream of `fromNodeId` in `graph`, or CONFLICT with
 * the reason: a node upstream that did not settle (or is new in the current version), a node the
 * retried run had upstream that the current version no longer has, or an output too large to have
 * been kept whole.
 */
async function upstreamResults(runtime: ExecutionsRuntime, original: Execution, graph: FlowGraph, fromNodeId: string): Promise<NodeRunRecord[]> {
  const upstream = [...upstreamNodeIds(graph.edges, fromNodeId)];
  const inGraph = new Set(graph.nodes.map((node) => node.id));
  const removed = [...upstreamNodeIds(original.graph.edges, fromNodeId)].filter((id) => !inGraph.has(id));
  if (removed.length > 0) {
    throw refused('UPSTREAM_REMOVED', `The current version no longer has ${removed.join(', ')}, upstream of "${fromNodeId}" in the run: retry on the version that ran`, removed);
  }
  const { settled, lost } = await loadSettledNodes(runtime, original.id);
  const missing = upstream.filter((id) => !reusable(settled[id], graph));
  if (missing.length > 0) {
    throw refused('UPSTREAM_NOT_RUN', `The run has no result to reuse for ${missing.join(', ')}, upstream of "${fromNodeId}": retry from one of them`, missing);
  }
  const tooLarge = lost.filter((node) => upstream.includes(node.nodeId)).map((node) => node.nodeId);
  if (tooLarge.length > 0) {
    throw new OmnitronError(ErrorCode.PAYLOAD_TOO_LARGE, `The output of ${tooLarge.join(', ')} was stored cut short, so it cannot be reused: retry from an earlier node`, { nodeIds: tooLarge });
  }
  return upstream.map((id) => settled[id] as NodeRunRecord);
}

/**
 * Starts a new run linked to `original` (`retryOfId`) that reuses the recorded result of every
 * node upstream of `fromNodeId` and runs the rest, on the version that ran or the current one.
 */
export async function retryExecution(runtime: ExecutionsRuntime, request: RetryRequest): Promise<Execution> {
  const { original, caller } = request;
  if (!isTerminal(original.status)) throw new OmnitronError(ErrorCode.CONFLICT, 'The run has not finished: cancel it or wait before retrying', { reason: 'NOT_FINISHED' });
  if (original.parentExecutionId) {
    throw new OmnitronError(ErrorCode.VALIDATION_FAILED, 'This run belongs to a subflow or map node: retry its parent run', { field: 'id', parentExecutionId: original.parentExecutionId });
  }
  const target = await targetOf(runtime, request);
  const fromNodeId = request.fromNodeId ?? original.error?.nodeId ?? null;
  if (fromNodeId !== null && !target.graph.nodes.some((node) => node.id === fromNodeId)) {
    const where = request.version === 'PINNED' ? 'the version that ran' : 'the current version';
    throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `${where} has no node "${fromNodeId.slice(0, 200)}"`, { field: 'fromNodeId' });
  }
  const reused = fromNodeId === null ? [] : await upstreamResults(runtime, original, target.graph, fromNodeId);
  return insertSeededRun(runtime, {
    workspaceId: caller.workspaceId,
    userId: caller.userId,
    flowId: original.flowId,
    flowVersion: target.flowVersion,
    flowName: target.flowName,
    graph: target.graph,
    input: original.input,
    triggerNodeId: original.triggerNodeId ?? null,
    retryOfId: original.id,
    retryFromNodeId: fromNodeId,
    control: target.control,
    errorOfExecutionId: original.errorOfExecutionId ?? null,
    seeds: reused.map((record) => ({ record, source: { reusedFrom: original.id } })),
  });
}
