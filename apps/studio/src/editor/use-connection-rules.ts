import type { IsValidConnection } from '@xyflow/react';
import { useCallback } from 'react';
import { useEditorContext } from './editor-context';
import type { FlowEdge, FlowNode } from './flow-types';
import { connectionProblem } from './graph-rules';

const indexes = new WeakMap<readonly FlowNode[], Map<string, FlowNode>>();
function indexOf(nodes: readonly FlowNode[]): Map<string, FlowNode> {
  let index = indexes.get(nodes);
  if (!index) indexes.set(nodes, (index = new Map(nodes.map((n) => [n.id, n]))));
  return index;
}

/** Refuses, while the user drags, connections that are self-loops, cycles or to handles that do not exist. */
export function useConnectionRules(): IsValidConnection<FlowEdge> {
  const { store, nodeTypes } = useEditorContext();
  return useCallback(
    (connection) => {
      const { nodes, edges } = store.get();
      return connectionProblem(connection, indexOf(nodes), edges, nodeTypes) === undefined;
    },
    [store, nodeTypes],
  );
}
