import { ProblemCode, validateFlow, type FlowGraph, type FlowNode } from '@omnitron/nodes';
import { ErrorCode, OmnitronError, PINNED_DATA_FIELD, readPinnedData } from '@omnitron/schema';
import type { PinnedFlow } from '../clients/flows-client';
import type { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { flowInvalid } from './execution-errors';
import { insertSeededRun } from './insert-seeded-run';
import type { SeededNode } from './seed-node-runs';
import { graphUpTo } from './upstream-nodes';

export interface TestNodeRequest {
  readonly workspaceId: string;
  readonly userId: string;
  /** The saved flow the draft belongs to (its id, version and name label the run; its graph is not run). */
  readonly flow: PinnedFlow;
  /** The editor's unsaved graph, untrusted: `{ nodes, edges }` with optional `pinnedData` per node. */
  readonly draft: unknown;
  readonly nodeId: string;
  /** Use each node's pinned data instead of running it. */
  readonly usePinned: boolean;
  readonly input: unknown;
}

/** Problems that leave a draft unreadable as a graph: the part up to a node cannot be cut from it. */
const UNREADABLE = new Set<string>([ProblemCode.INVALID_SHAPE, ProblemCode.DUPLICATE_ID, ProblemCode.DANGLING_EDGE]);

const invalidArgument = (field: string, message: string): OmnitronError => new OmnitronError(ErrorCode.VALIDATION_FAILED, message, { field });

/** The draft as a graph, or VALIDATION_FAILED naming what makes it unreadable (anywhere in it). */
function readDraft(draft: unknown): FlowGraph {
  const record = typeof draft === 'object' && draft !== null && !Array.isArray(draft) ? (draft as Record<string, unknown>) : undefined;
  if (!record || !Array.isArray(record.nodes) || !(record.edges === undefined || Array.isArray(record.edges))) {
    throw invalidArgument('graph', 'graph must be { nodes: [...], edges: [...] } as the editor draws it');
  }
  const graph = { nodes: record.nodes, edges: record.edges ?? [] } as FlowGraph;
  const unreadable = validateFlow(graph).problems.filter((problem) => UNREADABLE.has(problem.code));
  if (unreadable.length > 0) throw flowInvalid(unreadable);
  return graph;
}

/** Oversized or non-JSON pinned data anywhere in the draft is refused, naming the node and the field. */
function pinnedOutputs(graph: FlowGraph): ReadonlyMap<string, unknown> {
  const { pinned, problems } = readPinnedData(graph.nodes);
  const first = problems[0];
  if (first) {
    const code = first.code === 'PINNED_DATA_TOO_LARGE' ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.VALIDATION_FAILED;
    throw new OmnitronError(code, first.message, { nodeId: first.nodeId, field: first.field, problems: problems.map((p) => ({ ...p })) });
  }
  return pinned;
}

/** A node as the run stores it: its pinned data lives in the seeded node run, not in the graph. */
function withoutPinned(node: FlowNode): FlowNode {
  if (!(PINNED_DATA_FIELD in node)) return node;
  const { [PINNED_DATA_FIELD]: _pinned, ...rest } = node as FlowNode & Record<string, unknown>;
  return rest as FlowNode;
}

/**
 * Runs an unsaved draft from its trigger up to and including `nodeId`: only that node and the
 * nodes upstream of it are in the run's graph, so nothing else runs. With `usePinned`, a node with
 * pinned data is not run; its pinned output is committed as its result before the run is queued.
 * Nothing is saved to the flow; the run is marked `test` and streams like any other.
 */
export async function testNode(runtime: ExecutionsRuntime, request: TestNodeRequest): Promise<Execution> {
  const draft = readDraft(request.draft);
  if (!draft.nodes.some((node) => node.id === request.nodeId)) {
    throw invalidArgument('nodeId', `The draft has no node "${request.nodeId.slice(0, 200)}"`);
  }
  const pinned = pinnedOutputs(draft);
  const part = graphUpTo(draft, request.nodeId);
  const problems = validateFlow(part).problems.filter((problem) => problem.severity === 'error');
  if (problems.length > 0) throw flowInvalid(problems);
  const at = new Date().toISOString();
  const seeds: SeededNode[] = request.usePinned
    ? part.nodes
        .filter((node) => pinned.has(node.id))
        .map((node) => ({ record: { nodeId: node.id, status: 'SUCCEEDED', attempts: 0, output: pinned.get(node.id), startedAt: at, finishedAt: at, durationMs: 0 }, source: { pinned: true } }))
    : [];
  return insertSeededRun(runtime, {
    workspaceId: request.workspaceId,
    userId: request.userId,
    flowId: request.flow.id,
    flowVersion: request.flow.version,
    flowName: request.flow.name ?? null,
    graph: { nodes: part.nodes.map(withoutPinned), edges: part.edges },
    input: request.input,
    test: true,
    seeds,
  });
}
