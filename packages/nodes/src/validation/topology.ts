import { getNodeDefinition } from '../catalog';
import { isTrigger } from '../catalog/node-definition';
import type { FlowEdge, FlowNode } from '../types';
import { ProblemCode, type ProblemList } from './problem';

interface Adjacency {
  readonly outgoing: number[][];
  readonly incoming: number[][];
}

/** Where an edge goes, by node position, whatever else is wrong with it or its nodes. */
interface Link {
  readonly source: number;
  readonly target: number;
}

/**
 * Every edge whose two nodes exist, including edges into or out of a node whose config or handle
 * is invalid: the flow's shape is what the user drew, so a node behind a broken one is still
 * reached (the broken node is the one problem), not reported unreachable as well.
 */
function linksOf(edges: readonly FlowEdge[], indexById: ReadonlyMap<string, number>): Link[] {
  return edges.flatMap((edge) => {
    const source = indexById.get(edge.source);
    const target = indexById.get(edge.target);
    return source === undefined || target === undefined ? [] : [{ source, target }];
  });
}

function adjacency(size: number, edges: readonly Link[]): Adjacency {
  const outgoing: number[][] = Array.from({ length: size }, () => []);
  const incoming: number[][] = Array.from({ length: size }, () => []);
  for (const { source, target } of edges) {
    outgoing[source]?.push(target);
    incoming[target]?.push(source);
  }
  return { outgoing, incoming };
}

/** Peels nodes with no remaining in-edges (Kahn), then no remaining out-edges: what is left lies on cycles. */
function nodesOnCycles(size: number, { outgoing, incoming }: Adjacency): Set<number> {
  const remaining = new Set<number>(Array.from({ length: size }, (_, index) => index));
  const peel = (degreesFrom: number[][], neighboursOf: number[][]): void => {
    const degree = degreesFrom.map((list) => list.length);
    const queue = [...remaining].filter((index) => degree[index] === 0);
    while (queue.length > 0) {
      const index = queue.pop() as number;
      remaining.delete(index);
      for (const next of neighboursOf[index] ?? []) {
        if (!remaining.has(next)) continue;
        const left = (degree[next] ?? 0) - 1;
        degree[next] = left;
        if (left === 0) queue.push(next);
      }
    }
  };
  peel(incoming, outgoing);
  const restricted = (lists: number[][]): number[][] => lists.map((list) => list.filter((index) => remaining.has(index)));
  peel(restricted(outgoing), restricted(incoming));
  return remaining;
}

/** Groups cycle nodes that touch each other, so each cycle is reported once with all its nodes. */
function cycleGroups(onCycles: Set<number>, { outgoing }: Adjacency): number[][] {
  const groupOf = new Map<number, number[]>();
  const groups: number[][] = [];
  for (const start of onCycles) {
    if (groupOf.has(start)) continue;
    const group: number[] = [];
    const stack = [start];
    groupOf.set(start, group);
    while (stack.length > 0) {
      const index = stack.pop() as number;
      group.push(index);
      for (const next of outgoing[index] ?? []) {
        if (onCycles.has(next) && !groupOf.has(next)) {
          groupOf.set(next, group);
          stack.push(next);
        }
      }
    }
    groups.push(group);
  }
  return groups;
}

function reachableFrom(starts: number[], { outgoing }: Adjacency): Uint8Array {
  const seen = new Uint8Array(outgoing.length);
  const stack = [...starts];
  for (const index of starts) seen[index] = 1;
  while (stack.length > 0) {
    for (const next of outgoing[stack.pop() as number] ?? []) {
      if (seen[next] === 0) {
        seen[next] = 1;
        stack.push(next);
      }
    }
  }
  return seen;
}

/**
 * Cycles, missing triggers and unreachable nodes, over the flow as drawn (every edge between two
 * existing nodes, every node of a known type): a node or edge that failed its own checks is
 * reported once, by those checks, and does not make the nodes behind it unreachable too.
 */
export function checkTopology(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  indexById: ReadonlyMap<string, number>,
  problems: ProblemList,
): void {
  const graph = adjacency(nodes.length, linksOf(edges, indexById));
  for (const group of cycleGroups(nodesOnCycles(nodes.length, graph), graph)) {
    const ids = group.map((index) => nodes[index]?.id ?? `#${index}`);
    problems.error(ProblemCode.CYCLE, `Flow has a cycle through ${ids.map((id) => `"${id}"`).join(', ')}`, {
      nodeId: ids[0],
    });
  }
  const triggers = nodes.flatMap((node, index) => {
    const definition = getNodeDefinition(node.type);
    return definition !== undefined && isTrigger(definition) ? [index] : [];
  });
  if (triggers.length === 0) {
    problems.error(ProblemCode.NO_TRIGGER, 'Flow has no trigger node (trigger.manual, trigger.webhook or trigger.schedule)');
    return;
  }
  const reached = reachableFrom(triggers, graph);
  nodes.forEach((node, index) => {
    // A duplicate id is reported as such; the first node holding the id stands for it here.
    if (reached[index] === 1 || indexById.get(node.id) !== index) return;
    const { id } = node;
    problems.warning(ProblemCode.UNREACHABLE_NODE, `Node "${id}" cannot be reached from any trigger and will be skipped`, {
      nodeId: id,
    });
  });
}
