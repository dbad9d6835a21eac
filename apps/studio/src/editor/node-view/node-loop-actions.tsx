import { useNodeLoop } from './node-loop';
import { usePinnedData } from './use-pinned-data';

/** "Test this node" and "Open node view" for the node in the side panel (editor only). */
export function NodeLoopActions({ nodeId }: { nodeId: string }) {
  const loop = useNodeLoop();
  const { pinned } = usePinnedData(nodeId);
  if (!loop) return null;
  return (
    <div className="node-loop-actions" data-testid="node-loop-actions">
      <TestNodeButton nodeId={nodeId} />
      <button type="button" onClick={() => loop.openNodeView(nodeId)} data-testid="open-node-view">Open node view</button>
      {pinned !== undefined && <span className="badge pinned-badge" data-testid="node-pinned-badge" title="Test runs use this node's pinned output">pinned</span>}
      {loop.error && <p role="alert" className="error" data-testid="test-node-error">{loop.error}</p>}
    </div>
  );
}

/** Runs the unsaved graph up to this node, with the "use pinned data" choice beside it. */
export function TestNodeButton({ nodeId }: { nodeId: string }) {
  const loop = useNodeLoop();
  if (!loop) return null;
  const busy = loop.testingNodeId !== null;
  return (
    <span className="test-node">
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() => void loop.testNode(nodeId, loop.usePinned)}
        title="Run the flow as drawn (unsaved changes included) from its trigger up to this node"
        data-testid="test-node"
      >
        {busy && loop.testingNodeId === nodeId ? 'Testing…' : '▶ Test this node'}
      </button>
      <label className="inline">
        <input type="checkbox" checked={loop.usePinned} onChange={(e) => loop.setUsePinned(e.target.checked)} data-testid="use-pinned" /> use pinned data
      </label>
      <button type="button" onClick={loop.editSampleInput} title="The input test runs start with, saved with the flow" data-testid="edit-sample-input">Sample input…</button>
    </span>
  );
}
