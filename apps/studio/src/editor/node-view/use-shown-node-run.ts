import { useQuery } from 'urql';
import { LastNodeRunQuery } from '../../documents/executions';
import { errorMessage } from '../../graphql/errors';
import { nodeView, type NodeRunState, type NodeRunView } from '../../run/run-state';
import { useEditor } from '../editor-context';

/** The run a node view shows a node's data from, and where that run came from. */
export interface ShownNodeRun {
  readonly view: NodeRunView;
  readonly executionId: string;
  /** True for a test run of a draft; undefined when not known (a run on the canvas). */
  readonly test?: boolean;
  /** When the run was created (runs from the server). */
  readonly createdAt?: string;
  /** The run on the canvas now (live or just finished), not one read back from the server. */
  readonly onCanvas: boolean;
}

/** States in which a node has data to show; the others (queued, not run, skipped, cancelled) do not. */
const HAS_DATA: ReadonlySet<NodeRunState> = new Set(['RUNNING', 'RETRYING', 'WAITING', 'SUCCEEDED', 'FAILED']);

/**
 * A node's data for its node view: from the run on the canvas when that run reached the node,
 * else from the newest run of the flow that ran it (`lastNodeRun`), so the view still shows the
 * last test or run after a reload, saying which run it is.
 */
export function useShownNodeRun(flowId: string, nodeId: string): { shown?: ShownNodeRun; error?: string } {
  const canvasRunId = useEditor((s) => s.run?.executionId);
  const canvasView = useEditor((s) => (s.run ? nodeView(s.run, nodeId) : undefined));
  const canvasRan = canvasRunId !== undefined && canvasView !== undefined && HAS_DATA.has(canvasView.state);
  const [{ data, error }] = useQuery({ query: LastNodeRunQuery, variables: { flowId, nodeId }, pause: canvasRan, requestPolicy: 'cache-and-network' });
  if (canvasRan) return { shown: { view: canvasView, executionId: canvasRunId, onCanvas: true } };
  const last = data?.lastNodeRun;
  if (!last) return { error: errorMessage(error) };
  const { nodeRun, execution } = last;
  const view: NodeRunView = {
    state: nodeRun.status as NodeRunState,
    attempt: 0,
    input: nodeRun.input,
    output: nodeRun.output,
    logs: [],
    ...(nodeRun.durationMs === null ? {} : { durationMs: Math.round(nodeRun.durationMs) }),
    ...(nodeRun.error ? { error: nodeRun.error } : {}),
  };
  return { shown: { view, executionId: execution.id, test: execution.test, createdAt: execution.createdAt, onCanvas: false } };
}
