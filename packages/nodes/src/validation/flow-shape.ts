import type { FlowEdge, FlowGraph, FlowNode } from '../types';
import { ProblemCode, type ProblemList } from './problem';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function isPosition(value: unknown): value is { x: number; y: number } {
  return isRecord(value) && typeof value.x === 'number' && typeof value.y === 'number';
}

function readNode(value: unknown, index: number, problems: ProblemList): FlowNode | undefined {
  const where = `nodes[${index}]`;
  if (!isRecord(value)) {
    problems.error(ProblemCode.INVALID_SHAPE, `${where} must be an object, got ${typeName(value)}`);
    return undefined;
  }
  const { id, type, data, position } = value;
  if (typeof id !== 'string' || id.length === 0) {
    problems.error(ProblemCode.INVALID_SHAPE, `${where}.id must be a non-empty string, got ${typeName(id)}`);
    return undefined;
  }
  const at = { nodeId: id };
  let ok = true;
  if (typeof type !== 'string' || type.length === 0) {
    problems.error(ProblemCode.INVALID_SHAPE, `Node "${id}": type must be a non-empty string, got ${typeName(type)}`, at);
    ok = false;
  }
  if (data !== undefined && !isRecord(data)) {
    problems.error(ProblemCode.INVALID_SHAPE, `Node "${id}": data must be an object, got ${typeName(data)}`, at);
    ok = false;
  }
  if (position !== undefined && !isPosition(position)) {
    problems.error(ProblemCode.INVALID_SHAPE, `Node "${id}": position must be {x: number, y: number}`, at);
  }
  if (!ok || typeof type !== 'string') return undefined;
  return { id, type, data: isRecord(data) ? data : {}, ...(isPosition(position) ? { position } : {}) };
}

function optionalHandle(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}

function readEdge(value: unknown, index: number, problems: ProblemList): FlowEdge | undefined {
  const where = `edges[${index}]`;
  if (!isRecord(value)) {
    problems.error(ProblemCode.INVALID_SHAPE, `${where} must be an object, got ${typeName(value)}`);
    return undefined;
  }
  const { id, source, target, sourceHandle, targetHandle } = value;
  if (typeof id !== 'string' || id.length === 0) {
    problems.error(ProblemCode.INVALID_SHAPE, `${where}.id must be a non-empty string, got ${typeName(id)}`);
    return undefined;
  }
  const at = { edgeId: id };
  if (typeof source !== 'string' || typeof target !== 'string') {
    problems.error(ProblemCode.INVALID_SHAPE, `Edge "${id}": source and target must be node id strings`, at);
    return undefined;
  }
  if (!optionalHandle(sourceHandle) || !optionalHandle(targetHandle)) {
    problems.error(ProblemCode.INVALID_SHAPE, `Edge "${id}": sourceHandle and targetHandle must be strings or null`, at);
    return undefined;
  }
  return { id, source, target, sourceHandle: sourceHandle ?? null, targetHandle: targetHandle ?? null };
}

/**
 * Reads an untrusted flow document. Malformed nodes and edges are reported and left out, so the
 * later checks still run on the rest and the author sees every problem at once.
 * Returns `undefined` when the document is not a flow at all or is too large to look at.
 */
export function readFlowShape(flow: unknown, maxNodes: number, problems: ProblemList): FlowGraph | undefined {
  if (!isRecord(flow)) {
    problems.error(ProblemCode.INVALID_SHAPE, `flow must be an object, got ${typeName(flow)}`);
    return undefined;
  }
  const { nodes, edges } = flow;
  if (!Array.isArray(nodes) || (edges !== undefined && !Array.isArray(edges))) {
    problems.error(ProblemCode.INVALID_SHAPE, 'flow must have a `nodes` array and an `edges` array');
    return undefined;
  }
  const edgeList: unknown[] = Array.isArray(edges) ? edges : [];
  if (nodes.length > maxNodes || edgeList.length > maxNodes * 8) {
    problems.error(
      ProblemCode.PAYLOAD_TOO_LARGE,
      `flow has ${nodes.length} nodes and ${edgeList.length} edges; the limit is ${maxNodes} nodes and ${maxNodes * 8} edges`,
    );
    return undefined;
  }
  const readNodes: FlowNode[] = [];
  nodes.forEach((value, index) => {
    const node = readNode(value, index, problems);
    if (node !== undefined) readNodes.push(node);
  });
  const readEdges: FlowEdge[] = [];
  edgeList.forEach((value, index) => {
    const edge = readEdge(value, index, problems);
    if (edge !== undefined) readEdges.push(edge);
  });
  return { nodes: readNodes, edges: readEdges };
}
