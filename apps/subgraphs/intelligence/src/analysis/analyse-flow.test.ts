import { describe, expect, it } from 'vitest';
import { analyseFlow } from './analyse-flow';
import { branchyFlow, cyclicFlow, e, largeFlow, n, sequentialHttpFlow } from './fixtures';

const codes = (analysis: ReturnType<typeof analyseFlow>) => analysis.suggestions.map((s) => s.code);

describe('analyseFlow on a chain of independent HTTP calls', () => {
  const analysis = analyseFlow(sequentialHttpFlow);

  it('measures size, depth and the critical path', () => {
    expect(analysis).toMatchObject({ nodeCount: 5, depth: 5, criticalPath: ['start', 'a', 'b', 'c', 'out'], criticalPathMs: null, parallelGroups: [] });
  });

  it('suggests running the three HTTP calls in parallel, naming them', () => {
    const suggestion = analysis.suggestions.find((s) => s.code === 'SEQUENTIAL_INDEPENDENT_HTTP');
    expect(suggestion?.nodeIds).toEqual(['a', 'b', 'c']);
    expect(suggestion?.message).toContain('three HTTP calls');
  });

  it('flags HTTP nodes without a retry policy, and only those', () => {
    expect(analysis.suggestions.find((s) => s.code === 'NO_RETRY_ON_HTTP')?.nodeIds).toEqual(['a', 'b']);
  });

  it('finds nothing unused, unreachable or duplicated', () => {
    expect(analysis).toMatchObject({ unreachableNodes: [], deadEndNodes: [], duplicateNodes: [], unusedOutputs: [] });
    expect(codes(analysis)).not.toContain('MISSING_OUTPUT');
  });
});

describe('analyseFlow on a branchy flow', () => {
  const analysis = analyseFlow(branchyFlow);

  it('groups nodes that can run at the same time', () => {
    expect(analysis.parallelGroups).toEqual([
      ['start', 'orphan'],
      ['fetch', 'lookup', 'dupA', 'dupB', 'notify', 'orphanNext'],
    ]);
    expect(analysis.depth).toBe(5);
    expect(analysis.criticalPath).toEqual(['start', 'fetch', 'summarise', 'merge', 'out']);
  });

  it('reports unreachable nodes, dead ends and duplicates', () => {
    expect(analysis.unreachableNodes).toEqual(['orphan', 'orphanNext']);
    expect(analysis.deadEndNodes).toEqual(['orphanNext', 'dupA', 'dupB', 'notify']);
    expect(analysis.duplicateNodes).toEqual([['dupA', 'dupB']]);
  });

  it('counts an output as used when an expression reads it, and ignores side-effect nodes', () => {
    // orphan has an edge; orphanNext, dupA and dupB are pure dead ends nobody reads; notify POSTs.
    expect(analysis.unusedOutputs).toEqual(['orphanNext', 'dupA', 'dupB']);
  });

  it('does not suggest parallelising HTTP calls that are already parallel', () => {
    expect(codes(analysis)).toEqual(['DUPLICATE_NODE', 'UNREACHABLE_NODE', 'UNUSED_OUTPUT']);
  });
});

describe('analyseFlow edge cases', () => {
  it('reports nodes on a cycle and keeps the rest', () => {
    const analysis = analyseFlow(cyclicFlow);
    expect(analysis.suggestions[0]).toMatchObject({ code: 'CYCLE', nodeIds: ['a', 'b', 'c'] });
    expect(analysis.depth).toBe(1);
  });

  it('survives malformed JSON and dangling edges', () => {
    const analysis = analyseFlow({ nodes: [null, 7, { id: 'x', type: 'transform' }, { nope: 1 }], edges: [{ source: 'x', target: 'ghost' }, 'bad'] });
    expect(analysis).toMatchObject({ nodeCount: 1, depth: 1, criticalPath: ['x'] });
    expect(codes(analysis)).toEqual(['MISSING_TRIGGER', 'MISSING_OUTPUT', 'UNUSED_OUTPUT']);
    expect(analyseFlow({ nodes: 'nope', edges: undefined })).toMatchObject({ nodeCount: 0, suggestions: [] });
  });

  it('splits a chain where a later call reads an earlier one', () => {
    const analysis = analyseFlow({
      nodes: [
        n('s', 'trigger.manual'),
        n('login', 'http.request', { method: 'POST', url: 'https://x/login' }),
        n('me', 'http.request', { url: 'https://x/me', headers: { authorization: '{{ $nodes.login.body.token }}' } }),
        n('news', 'http.request', { url: 'https://x/news' }),
        n('o', 'output'),
      ],
      edges: [e('s', 'login'), e('login', 'me'), e('me', 'news'), e('news', 'o')],
    });
    expect(analysis.suggestions.find((s) => s.code === 'SEQUENTIAL_INDEPENDENT_HTTP')?.nodeIds).toEqual(['me', 'news']);
  });

  it('flags $nodes reads of nodes that do not run before the reader, or do not exist', () => {
    const analysis = analyseFlow({
      nodes: [
        n('s', 'trigger.manual'),
        n('a', 'transform', { expression: '$input' }),
        n('b', 'transform', { expression: '$nodes.a.x + $nodes.`c`.y' }),
        n('c', 'transform', { expression: '$lookup($nodes, "ghost")' }),
        n('o', 'output', { expression: '$nodes["b"]' }),
      ],
      edges: [e('s', 'a'), e('a', 'b'), e('s', 'c'), e('b', 'o'), e('c', 'o')],
    });
    expect(analysis.suggestions.filter((x) => x.code === 'REFERENCE_NOT_UPSTREAM').map((x) => x.nodeIds)).toEqual([['b', 'c'], ['c']]);
  });

  it('uses recorded run times for the critical path and expensive nodes', () => {
    const analysis = analyseFlow({
      ...branchyFlow,
      timings: [
        { nodeId: 'fetch', runs: 10, averageMs: 50, maxMs: 80 },
        { nodeId: 'summarise', runs: 10, averageMs: 100, maxMs: 300 },
        { nodeId: 'lookup', runs: 10, averageMs: 2_400, maxMs: 3_000 },
        { nodeId: 'ghost', runs: 10, averageMs: 9_000, maxMs: 9_000 },
      ],
    });
    expect(analysis.criticalPath).toEqual(['start', 'lookup', 'merge', 'out']);
    expect(analysis.criticalPathMs).toBe(2_400);
    expect(analysis.expensiveNodes.map((x) => x.nodeId)).toEqual(['lookup']);
    expect(analysis.suggestions.find((s) => s.code === 'EXPENSIVE_NODE')?.nodeIds).toEqual(['lookup']);
  });

  it('analyses a 1,000-node flow', () => {
    const analysis = analyseFlow(largeFlow(100, 10));
    expect(analysis.nodeCount).toBe(1_001);
    expect(analysis.depth).toBe(101);
    expect(analysis.parallelGroups).toHaveLength(100);
  });
});
