import { useMemo, useState } from 'react';
import { useEditor, useEditorContext } from './editor-context';
import type { FlowEdge, FlowNode, NodeTypeInfo } from './flow-types';
import { candidateConnections, type CandidateConnection } from './graph-rules';

const nodeLabel = (node: FlowNode | undefined, types: ReadonlyMap<string, NodeTypeInfo>, fallbackId: string) =>
  node ? `${types.get(node.type ?? '')?.title ?? node.type} (${node.id})` : fallbackId;

const handleSuffix = (handle: string | null | undefined) => (handle && handle !== 'out' && handle !== 'in' ? ` [${handle}]` : '');

const keyOf = (c: CandidateConnection) => `${c.source}|${c.sourceHandle}|${c.target}|${c.targetHandle}`;

/**
 * The focused node's connections, made and removed without a pointer: every connection the graph
 * rules allow (no cycles, no duplicates, real handles) is one option of a select, so a keyboard or
 * screen-reader user connects nodes with Tab, the arrow keys and Enter.
 */
export function ConnectionsForm({ nodeId }: { nodeId: string }) {
  const { commands, nodeTypes } = useEditorContext();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const candidates = useMemo(() => candidateConnections(nodeId, byId, edges, nodeTypes), [nodeId, byId, edges, nodeTypes]);
  const [chosen, setChosen] = useState('');
  const selected = candidates.find((c) => keyOf(c) === chosen) ?? candidates[0];
  const connected = edges.filter((e) => e.source === nodeId || e.target === nodeId);
  const describe = (edge: FlowEdge | CandidateConnection) =>
    edge.source === nodeId
      ? `to ${nodeLabel(byId.get(edge.target), nodeTypes, edge.target)}${handleSuffix(edge.sourceHandle)}`
      : `from ${nodeLabel(byId.get(edge.source), nodeTypes, edge.source)}${handleSuffix(edge.sourceHandle)}`;
  const removeEdge = (id: string) => commands.onEdgesChange([{ type: 'remove', id }]);
  return (
    <section className="connections" aria-label="Connections" data-testid="connections">
      <h3>Connections</h3>
      {connected.length === 0 && <p className="muted">Not connected.</p>}
      <ul>
        {connected.map((edge) => (
          <li key={edge.id}>
            {describe(edge)}{' '}
            <button type="button" onClick={() => removeEdge(edge.id)} aria-label={`Remove connection ${describe(edge)}`} data-testid={`remove-edge-${edge.id}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (selected) commands.connect(selected);
          setChosen('');
        }}
      >
        <label>
          Connect
          <select value={selected ? keyOf(selected) : ''} onChange={(e) => setChosen(e.target.value)} disabled={candidates.length === 0} data-testid="connect-choice">
            {candidates.length === 0 && <option value="">no connection possible</option>}
            {candidates.map((c) => (
              <option key={keyOf(c)} value={keyOf(c)}>
                {describe(c)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!selected} data-testid="connect-submit">Connect</button>
      </form>
    </section>
  );
}
