import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edge, eventLog, flowOf, node, trigger } from '../test-support/flow-builder';
import type { FlowEdge, FlowNode } from '../types';
import { runFlow } from './run-flow';

/** A random DAG: edges only go from a lower to a higher index, so there is no cycle by construction. */
const dagArbitrary = fc
  .integer({ min: 1, max: 25 })
  .chain((size) =>
    fc.record({
      size: fc.constant(size),
      edges: fc.uniqueArray(
        fc.tuple(fc.integer({ min: 0, max: size }), fc.integer({ min: 0, max: size })).filter(([a, b]) => a < b),
        { selector: ([a, b]) => `${a}-${b}`, maxLength: size * 3 },
      ),
      concurrency: fc.integer({ min: 1, max: 8 }),
    }),
  );

function reachable(size: number, edges: [number, number][]): Set<number> {
  const seen = new Set([0]);
  for (let index = 0; index <= size; index++) {
    if (!seen.has(index)) continue;
    for (const [from, to] of edges) if (from === index) seen.add(to);
  }
  return seen;
}

describe('random DAGs', () => {
  it('run every reachable node exactly once, after all its parents, and skip the rest', async () => {
    await fc.assert(
      fc.asyncProperty(dagArbitrary, async ({ size, edges, concurrency }) => {
        const id = (index: number) => (index === 0 ? 'start' : `n${index}`);
        const nodes: FlowNode[] = [trigger()];
        for (let index = 1; index <= size; index++) nodes.push(node(id(index), 'transform', { expression: `${index}` }));
        const flowEdges: FlowEdge[] = edges.map(([a, b]) => edge(id(a), id(b)));
        const log = eventLog();
        const finished = new Set<string>();
        const startedBeforeParents: string[] = [];
        const result = await runFlow(flowOf(nodes, flowEdges), {}, {
          concurrency,
          onEvent(event) {
            log.onEvent(event);
            if (event.type === 'NODE_STARTED') {
              const parents = flowEdges.filter((e) => e.target === event.nodeId).map((e) => e.source);
              if (!parents.every((parent) => finished.has(parent))) startedBeforeParents.push(event.nodeId);
            }
            if (event.type === 'NODE_SUCCEEDED' || event.type === 'NODE_SKIPPED') finished.add(event.nodeId);
          },
        });
        const live = reachable(size, edges);
        expect(result.status).toBe('SUCCEEDED');
        expect(startedBeforeParents).toEqual([]);
        for (let index = 0; index <= size; index++) {
          expect(log.started(id(index))).toBe(live.has(index) ? 1 : 0);
          expect(result.nodeRuns[id(index)]?.status).toBe(live.has(index) ? 'SUCCEEDED' : 'SKIPPED');
        }
      }),
      { numRuns: 150 },
    );
  });
});
