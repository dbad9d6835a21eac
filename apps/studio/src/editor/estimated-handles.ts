import { Position, type NodeHandle } from '@xyflow/react';
import type { FlowNode, NodeTypeInfo } from './flow-types';
import { outputHandles } from './graph-rules';

/** Every flow node is drawn at this size (see `.flow-node` in styles.css), so handle positions are known up front. */
export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 64;
const HANDLE = 10;

function column(ids: readonly string[], type: 'source' | 'target'): NodeHandle[] {
  return ids.map((id, i) => ({
    id,
    type,
    position: type === 'source' ? Position.Right : Position.Left,
    x: (type === 'source' ? NODE_WIDTH : 0) - HANDLE / 2,
    y: ((i + 1) * NODE_HEIGHT) / (ids.length + 1) - HANDLE / 2,
    width: HANDLE,
    height: HANDLE,
  }));
}

/**
 * Gives each node its size and handle positions before it is ever rendered (as for server-side
 * rendering). React Flow otherwise renders every node once just to measure it, even with
 * `onlyRenderVisibleElements`: for a 2,000-node flow that first render is most of the time to open it.
 */
export function withEstimatedHandles(nodes: readonly FlowNode[], types: ReadonlyMap<string, NodeTypeInfo>): FlowNode[] {
  return nodes.map((node) => {
    const info = types.get(node.type ?? '');
    if (!info) return node;
    const handles = [...column(info.inputs, 'target'), ...column(outputHandles(node, info), 'source')];
    return { ...node, handles, measured: { width: NODE_WIDTH, height: NODE_HEIGHT } };
  });
}
