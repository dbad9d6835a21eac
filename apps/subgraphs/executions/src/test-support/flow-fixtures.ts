import { randomUUID } from 'node:crypto';
import type { FlowEdge, FlowGraph, FlowNode } from '@omnitron/nodes';
import type { Caller } from '@omnitron/server-kit';

export const editorOf = (workspaceId: string = randomUUID()): Caller => ({
  userId: randomUUID(),
  workspaceId,
  role: 'editor',
  scopes: null,
});

export const node = (id: string, type: string, data: Record<string, unknown> = {}): FlowNode => ({ id, type, position: { x: 0, y: 0 }, data });
export const edge = (source: string, target: string, sourceHandle?: string): FlowEdge => ({
  id: `${source}-${target}`,
  source,
  target,
  ...(sourceHandle ? { sourceHandle } : {}),
});

/** A chain of nodes from a manual trigger. */
export function chain(...nodes: FlowNode[]): FlowGraph {
  const all = [node('start', 'trigger.manual'), ...nodes];
  return { nodes: all, edges: all.slice(1).map((n, i) => edge(all[i]!.id, n.id)) };
}

/** trigger -> transform -> condition -> output: the benchmark's 4-node flow. */
export function fourNodeFlow(): FlowGraph {
  return {
    nodes: [
      node('start', 'trigger.manual'),
      node('double', 'transform', { expression: '{ "n": $input.n * 2 }' }),
      node('big', 'condition', { expression: '$nodes.double.n > 10' }),
      node('out', 'output', { expression: '$nodes.double' }),
    ],
    edges: [edge('start', 'double'), edge('double', 'big'), edge('big', 'out', 'true')],
  };
}
