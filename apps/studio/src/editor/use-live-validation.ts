import { useEffect, useMemo } from 'react';
import { useMutation } from 'urql';
import { ValidateFlowMutation } from '../documents/flows';
import { useEditor, useEditorContext } from './editor-context';
import { problemsByNode } from './editor-state';
import { toWireGraph, type FlowEdge, type FlowNode } from './flow-types';

const DEBOUNCE_MS = 600;

/** What validation depends on: not positions, which change on every drag frame. */
function graphKey(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): string {
  return JSON.stringify([nodes.map((n) => [n.id, n.type, n.data]), edges.map((e) => [e.source, e.target, e.sourceHandle])]);
}

/** Re-validates the flow on the server shortly after each edit; problems appear on their nodes. */
export function useLiveValidation() {
  const { store, readOnly } = useEditorContext();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const key = useMemo(() => (readOnly ? '' : graphKey(nodes, edges)), [nodes, edges, readOnly]);
  const [, validate] = useMutation(ValidateFlowMutation);
  useEffect(() => {
    if (!key) return;
    const timer = setTimeout(async () => {
      const { meta, nodes: current, edges: currentEdges } = store.get();
      const result = await validate({ input: { name: meta.name || 'untitled', ...toWireGraph(current, currentEdges) } });
      if (result.data) store.set({ problems: problemsByNode(result.data.validateFlow.problems) });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, store, validate]);
}
