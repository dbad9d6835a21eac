import type { FlowGraph } from './flow-graph';

/**
 * Chains of `http.request` nodes run one after another although none reads another's output:
 * a -> b -> c where each link is the only edge out of the earlier node and the only edge into the
 * later one, and no node of the chain references (`$nodes.<id>`) an earlier node of the chain.
 * Returns maximal chains of two or more nodes, in flow order.
 */
export function sequentialIndependentHttp(graph: FlowGraph, references: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const isHttp = (id: string): boolean => graph.byId.get(id)?.type === 'http.request';
  const soleNext = (id: string): string | undefined => {
    const out = graph.outbound.get(id)!;
    const next = out[0];
    return out.length === 1 && next !== undefined && isHttp(next) && graph.inbound.get(next)!.length === 1 ? next : undefined;
  };
  const continuesChain = (id: string): boolean => {
    const into = graph.inbound.get(id)!;
    return into.length === 1 && isHttp(into[0]!) && soleNext(into[0]!) === id;
  };
  const chains: string[][] = [];
  for (const node of graph.nodes) {
    if (!isHttp(node.id) || continuesChain(node.id)) continue;
    let chain = [node.id];
    for (let next = soleNext(node.id); next !== undefined && !chain.includes(next); next = soleNext(next)) {
      const reads = references.get(next) ?? new Set<string>();
      if (chain.some((earlier) => reads.has(earlier))) {
        // `next` depends on the chain so far: close this chain and start a new one at `next`.
        if (chain.length > 1) chains.push(chain);
        chain = [next];
      } else chain.push(next);
    }
    if (chain.length > 1) chains.push(chain);
  }
  return chains;
}
