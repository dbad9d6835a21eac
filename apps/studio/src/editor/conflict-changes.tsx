import { useQuery } from 'urql';
import { FlowVersionContentQuery, FlowVersionHistoryQuery } from '../documents/flow-versions';
import { errorMessage } from '../graphql/errors';
import { diffGraphFromWire, diffGraphs } from './flow-diff';
import { FlowDiffView } from './flow-diff-view';

interface ConflictChangesProps {
  readonly flowId: string;
  /** The version the canvas was loaded at: the other save is everything after it. */
  readonly baseVersion: number;
}

/** On a save conflict: what the save(s) made since the canvas was loaded changed, node by node. */
export function ConflictChanges({ flowId, baseVersion }: ConflictChangesProps) {
  const [latest] = useQuery({ query: FlowVersionHistoryQuery, variables: { id: flowId }, requestPolicy: 'network-only' });
  const flow = latest.data?.flow;
  const newest = flow?.versions.edges.map((e) => e.node).find((v) => v.version === flow.version);
  const [base] = useQuery({ query: FlowVersionContentQuery, variables: { flowId, version: baseVersion } });
  const [theirs] = useQuery({ query: FlowVersionContentQuery, variables: { flowId, version: flow?.version ?? 0 }, pause: !flow });
  const error = latest.error ?? base.error ?? theirs.error;
  if (error) return <p role="alert" className="error">Their changes could not be loaded: {errorMessage(error)}</p>;
  const before = base.data?.flowVersion;
  const after = theirs.data?.flowVersion;
  if (!flow || !before || !after) return <p className="muted">Loading their changes…</p>;
  const diff = diffGraphs(diffGraphFromWire(before.nodes, before.edges), diffGraphFromWire(after.nodes, after.edges));
  const who = newest ? ` by ${newest.author.name} (${newest.author.email})` : '';
  return (
    <div data-testid="conflict-changes">
      <p>v{flow.version} was saved{who}. What it changed:</p>
      <FlowDiffView diff={diff} fromLabel={`v${baseVersion} (yours started from)`} toLabel={`v${flow.version}`} testId="conflict-diff" />
    </div>
  );
}
