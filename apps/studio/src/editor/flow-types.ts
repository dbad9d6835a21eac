import type { Edge, Node } from '@xyflow/react';
import type { NodeTypesQuery } from '../generated/graphql';

/** A node as the studio draws and saves it: React Flow's shape, `data` is the node's config. */
export type FlowNode = Node<Record<string, unknown>, string>;
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
    nodes: nodes.map(({ id, type, position, data }) => ({ id, type, position: { x: Math.round(position.x), y: Math.round(position.y) }, data })),
    edges: edges.map(({ id, source, target, sourceHandle, targetHandle }) => ({ id, source, target, sourceHandle: sourceHandle ?? null, targetHandle: targetHandle ?? null })),
  };
}

export function fromWireGraph(nodes: unknown, edges: unknown): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const wireNodes = Array.isArray(nodes) ? (nodes as FlowNode[]) : [];
  const wireEdges = Array.isArray(edges) ? (edges as FlowEdge[]) : [];
  return {
    nodes: wireNodes.map((n) => ({ id: n.id, type: n.type, position: n.position ?? { x: 0, y: 0 }, data: n.data ?? {} })),
    edges: wireEdges.map((e) => ({ id: e.id, source: e.source, target: e.target, sourceHandle: e.sourceHandle ?? null, targetHandle: e.targetHandle ?? null })),
  };
}
