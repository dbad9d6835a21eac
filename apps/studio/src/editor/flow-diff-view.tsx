import type { FlowGraphDiff, NodeSummary } from './flow-diff';
import { isEmptyDiff } from './flow-diff';

interface FlowDiffViewProps {
  readonly diff: FlowGraphDiff;
  /** What the left side is, e.g. "v3"; the right side is `toLabel`. */
  readonly fromLabel: string;
  readonly toLabel: string;
  readonly testId?: string;
}

const nodeName = (node: NodeSummary) => `${node.id} (${node.type || 'no type'})`;

/** A node-level diff: added, removed and changed nodes (with the fields that changed) and connections. */
export function FlowDiffView({ diff, fromLabel, toLabel, testId = 'flow-diff' }: FlowDiffViewProps) {
  if (isEmptyDiff(diff)) return <p className="muted" data-testid={testId}>No differences between {fromLabel} and {toLabel}.</p>;
  return (
    <div className="flow-diff" data-testid={testId}>
      <p className="muted">From {fromLabel} to {toLabel}:</p>
      <ul>
        {diff.added.map((node) => <li key={`+${node.id}`} className="diff-added" data-testid={`diff-added-${node.id}`}>+ added {nodeName(node)}</li>)}
        {diff.removed.map((node) => <li key={`-${node.id}`} className="diff-removed" data-testid={`diff-removed-${node.id}`}>− removed {nodeName(node)}</li>)}
        {diff.changed.map((node) => (
          <li key={`~${node.id}`} className="diff-changed" data-testid={`diff-changed-${node.id}`}>
            ~ changed {nodeName(node)}: {node.fields.join(', ')}
          </li>
        ))}
        {diff.edgesAdded.map((edge) => <li key={`+e${edge}`} className="diff-added" data-testid="diff-edge-added">+ connection {edge}</li>)}
        {diff.edgesRemoved.map((edge) => <li key={`-e${edge}`} className="diff-removed" data-testid="diff-edge-removed">− connection {edge}</li>)}
      </ul>
    </div>
  );
}
