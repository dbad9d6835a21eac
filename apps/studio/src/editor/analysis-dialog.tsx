import { useQuery } from 'urql';
import { FlowAnalysisQuery } from '../documents/flows';
import { errorMessage } from '../graphql/errors';
import { Dialog } from '../ui/dialog';
import { useEditorContext } from './editor-context';

/** The intelligence subgraph's analysis of the saved flow: depth, critical path, unreachable nodes, suggestions. */
export function AnalysisDialog({ flowId, onClose }: { flowId: string; onClose: () => void }) {
  const { commands } = useEditorContext();
  const [{ data, error, fetching }] = useQuery({ query: FlowAnalysisQuery, variables: { id: flowId }, requestPolicy: 'network-only' });
  const analysis = data?.flow?.analysis;
  const show = (nodeId: string) => {
    commands.focusNode(nodeId);
    onClose();
  };
  const nodeButton = (id: string) => <button key={id} type="button" className="chip" onClick={() => show(id)}>{id}</button>;
  return (
    <Dialog title="Flow analysis (saved version)" onClose={onClose} testId="analysis-dialog">
      {fetching && <p>Analysing…</p>}
      {error && <p role="alert" className="error">{errorMessage(error)}</p>}
      {analysis && (
        <dl className="analysis">
          <dt>Nodes</dt><dd data-testid="analysis-node-count">{analysis.nodeCount}</dd>
          <dt>Depth</dt><dd>{analysis.depth}</dd>
          <dt>Critical path</dt><dd>{analysis.criticalPath.map(nodeButton)}</dd>
          <dt>Unreachable</dt><dd>{analysis.unreachableNodes.length ? analysis.unreachableNodes.map(nodeButton) : 'none'}</dd>
          <dt>Suggestions</dt>
          <dd>
            <ul>{analysis.suggestions.map((s) => <li key={`${s.code}-${s.nodeIds.join()}`}>{s.message} {s.nodeIds.map(nodeButton)}</li>)}</ul>
            {analysis.suggestions.length === 0 && 'none'}
          </dd>
        </dl>
      )}
      <div className="dialog-actions"><button type="button" onClick={onClose}>Close</button></div>
    </Dialog>
  );
}
