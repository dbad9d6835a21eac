import type { Edge, Node } from '@xyflow/react';
import type { NodeTypesQuery } from '../generated/graphql';

/** A node as the studio draws and saves it: React Flow's shape, `data` is the node's config. */
export type FlowNode = Node<Record<string, unknown>, string> & {
  /** Output pinned in the node view: test runs use it instead of running the node (never production runs). */
  pinnedData?: unknown;
};
export type FlowEdge = Edge;
export type NodeTypeInfo = NodeTypesQuery['nodeTypes'][number];

export interface FlowProblemView {
  readonly nodeId?: string | null;
  readonly edgeId?: string | null;
  readonly code: string;
  readonly message: string;
  readonly severity: string;
}

/** Nodes and edges as the API stores them (no React Flow runtime fields like `selected`, `measured`). */
export function toWireGraph(nodes: readonly FlowNode[], edges: readonly FlowEdge[]) {
  return {
    nodes: nodes.map(({ id, type, position, data, pinnedData }) => ({
      id,
      type,
      position: { x: Math.round(position.x), y: Math.round(position.y) },
      data,
      ...(pinnedData === undefined ? {} : { pinnedData }),
    })),
    edges: edges.map(({ id, source, target, sourceHandle, targetHandle }) => ({ id, source, target, sourceHandle: sourceHandle ?? null, targetHandle: targetHandle ?? null })),
  };
}

export function fromWireGraph(nodes: unknown, edges: unknown): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const wireNodes = Array.isArray(nodes) ? (nodes as FlowNode[]) : [];
  const wireEdges = Array.isArray(edges) ? (edges as FlowEdge[]) : [];
  return {
    nodes: wireNodes.map((n) => ({
      id: n.id,
      type: n.type,
      position: n.position ?? { x: 0, y: 0 },
      data: n.data ?? {},
      ...(n.pinnedData === undefined || n.pinnedData === null ? {} : { pinnedData: n.pinnedData }),
    })),
    edges: wireEdges.map((e) => ({ id: e.id, source: e.source, target: e.target, sourceHandle: e.sourceHandle ?? null, targetHandle: e.targetHandle ?? null })),
  };
}
