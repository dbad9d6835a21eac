import type { EngineEvent, FlowEdge, FlowGraph, FlowNode } from '../types';

/** Tiny builders for flow-JSON fixtures in tests. */
export function node(id: string, type: string, data: Record<string, unknown> = {}): FlowNode {
  return { id, type, position: { x: 0, y: 0 }, data };
}

export function edge(source: string, target: string, sourceHandle?: string): FlowEdge {
  const id = `${source}->${target}${sourceHandle === undefined ? '' : `:${sourceHandle}`}`;
  return { id, source, target, sourceHandle: sourceHandle ?? null, targetHandle: null };
}

export function flowOf(nodes: FlowNode[], edges: FlowEdge[]): FlowGraph {
  return { nodes, edges };
}

export const trigger = (id = 'start'): FlowNode => node(id, 'trigger.manual');

/** Records events so tests can assert on what happened, not on timing. */
export function eventLog(): { events: EngineEvent[]; onEvent: (event: EngineEvent) => void; started(nodeId: string): number } {
  const events: EngineEvent[] = [];
  return {
    events,
    onEvent: (event) => events.push(event),
    started: (nodeId) => events.filter((event) => event.type === 'NODE_STARTED' && event.nodeId === nodeId).length,
  };
}
