import { useRef } from 'react';
import { useEditor } from '../editor-context';
import type { FlowEdge, FlowNode } from '../flow-types';
import { upstreamOf } from '../graph-rules';
import type { RunView } from '../../run/run-state';
import { rootOf, scopeOf, type ExpressionScope } from './expression-scope';

const pinnedOf = (node: FlowNode | undefined): unknown => (node && 'pinnedData' in node ? node.pinnedData : undefined);

/**
 * What a node's expressions would see: each upstream node's pinned output, else its output in the
 * run on the canvas; `$input` is what the upstream trigger gave, and `$` the node's own recorded
 * input when the run reached it. Without either, an empty input, as a first test run would have.
 */
export function expressionScopeOf(nodeId: string, nodes: readonly FlowNode[], edges: readonly FlowEdge[], run: RunView | null): ExpressionScope {
  const upstream = upstreamOf(edges, nodeId);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const outputs = new Map<string, unknown>();
  let pinned = false;
  for (const id of upstream) {
    const pin = pinnedOf(byId.get(id));
    const ran = run?.nodes[id];
    if (pin !== undefined && pin !== null) {
      outputs.set(id, pin);
      pinned = true;
    } else if (ran?.state === 'SUCCEEDED') outputs.set(id, ran.output);
  }
  const hasInbound = new Set(edges.map((edge) => edge.target));
  const trigger = upstream.find((id) => !hasInbound.has(id) && outputs.has(id));
  const direct = [...new Set(edges.filter((edge) => edge.target === nodeId).map((edge) => edge.source))];
  const recorded = pinned ? undefined : run?.nodes[nodeId]?.input;
  const root = recorded !== undefined ? recorded : rootOf(direct, outputs);
  const source = pinned ? 'pinned' : outputs.size > 0 || recorded !== undefined ? 'run' : 'none';
  return scopeOf(upstream, outputs, root, trigger === undefined ? undefined : outputs.get(trigger), source);
}

/** What a scope is computed from: moving a node changes `nodes` but none of these. */
function inputsOf(nodeId: string, nodes: readonly FlowNode[], edges: readonly FlowEdge[], run: RunView | null): unknown[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const upstream = upstreamOf(edges, nodeId);
  return [edges, run, ...upstream.map((id) => pinnedOf(byId.get(id)))];
}

const sameInputs = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * The focused node's expression scope. The same object while the edges, the run and the upstream
 * pins stay the same, so dragging nodes around does not ask for a new preview.
 */
export function useExpressionScope(nodeId: string): ExpressionScope {
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const run = useEditor((s) => s.run);
  const last = useRef<{ nodeId: string; inputs: unknown[]; scope: ExpressionScope } | null>(null);
  const inputs = inputsOf(nodeId, nodes, edges, run);
  if (last.current?.nodeId !== nodeId || !sameInputs(last.current.inputs, inputs)) {
    last.current = { nodeId, inputs, scope: expressionScopeOf(nodeId, nodes, edges, run) };
  }
  return last.current.scope;
}
