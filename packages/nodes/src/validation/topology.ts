import { isTrigger } from '../catalog/node-definition';
import type { CompiledEdge, CompiledNode } from './compiled-flow';
import { ProblemCode, type ProblemList } from './problem';

interface Adjacency {
  readonly outgoing: number[][];
  readonly incoming: number[][];
}

function adjacency(size: number, edges: readonly CompiledEdge[]): Adjacency {
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

/** Cycles, missing triggers and unreachable nodes, over the nodes and edges that passed the local checks. */
export function checkTopology(
  compiled: readonly (CompiledNode | undefined)[],
  edges: readonly CompiledEdge[],
  problems: ProblemList,
): void {
  const graph = adjacency(compiled.length, edges);
  for (const group of cycleGroups(nodesOnCycles(compiled.length, graph), graph)) {
    const ids = group.map((index) => compiled[index]?.node.id ?? `#${index}`);
    problems.error(ProblemCode.CYCLE, `Flow has a cycle through ${ids.map((id) => `"${id}"`).join(', ')}`, {
      nodeId: ids[0],
    });
  }
  const triggers = compiled.flatMap((node, index) => (node !== undefined && isTrigger(node.definition) ? [index] : []));
  if (triggers.length === 0) {
    problems.error(ProblemCode.NO_TRIGGER, 'Flow has no trigger node (trigger.manual, trigger.webhook or trigger.schedule)');
    return;
  }
  const reached = reachableFrom(triggers, graph);
  compiled.forEach((node, index) => {
    if (node === undefined || reached[index] === 1) return;
    const { id } = node.node;
    problems.warning(ProblemCode.UNREACHABLE_NODE, `Node "${id}" cannot be reached from any trigger and will be skipped`, {
      nodeId: id,
    });
  });
}
