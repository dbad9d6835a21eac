import { DEFAULT_MAX_NODES, validateFlow, type FlowGraph, type FlowProblem } from '@omnitron/nodes';
import { ErrorCode, OmnitronError } from '@omnitron/schema';

/**
 * Largest draft a listen keeps, in bytes of its JSON: it waits in Redis beside the listen for as
 * long as the listen does. The executions subgraph's default body limit (MAX_BODY_BYTES).
 */
export const TEST_DRAFT_MAX_BYTES = 1_048_576;

/** The editor's unsaved graph as sent with a listen: React Flow's nodes and edges, untrusted. */
export interface TestDraftInput {
  readonly nodes: unknown;
  readonly edges?: unknown;
}

function describeProblems(problems: readonly FlowProblem[]): string {
  const shown = problems.slice(0, 3).map((p) => `${p.nodeId ? `${p.nodeId}: ` : ''}${p.message}`);
  const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
  return `${shown.join('; ')}${more}`;
}

/**
 * Checks the draft a listen is to run as a run would be checked: at most TEST_DRAFT_MAX_BYTES and
 * no error from the catalog's `validateFlow` (the flows subgraph's validation: shape, types,
 * configs, expressions, handles, cycles, triggers).
 */
export function checkTestDraft(draft: TestDraftInput): FlowGraph {
  const graph = { nodes: draft.nodes, edges: draft.edges ?? [] };
  const bytes = Buffer.byteLength(JSON.stringify(graph));
  if (bytes > TEST_DRAFT_MAX_BYTES) {
    throw new OmnitronError(ErrorCode.PAYLOAD_TOO_LARGE, `The draft is ${bytes} bytes; a test listen keeps at most ${TEST_DRAFT_MAX_BYTES}`, { field: 'draft', limitBytes: TEST_DRAFT_MAX_BYTES });
  }
  const errors = validateFlow(graph, { maxNodes: DEFAULT_MAX_NODES }).problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `The draft cannot run: ${describeProblems(errors)}`, {
      field: 'draft',
      problems: errors.map((p) => ({ code: p.code, message: p.message, nodeId: p.nodeId ?? null })),
    });
  }
  // validateFlow accepted its shape: React Flow's nodes and edges.
  return graph as FlowGraph;
}
