import { describe, expect, it } from 'vitest';
import { diffGraphFromWire, diffGraphs, isEmptyDiff, type DiffGraph } from './flow-diff';

const base: DiffGraph = {
  nodes: [
    { id: 'trigger', type: 'trigger.manual', position: { x: 0, y: 0 }, data: {} },
    { id: 'fetch', type: 'http.request', position: { x: 200, y: 0 }, data: { url: 'https://a.test', method: 'GET' } },
    { id: 'out', type: 'output', position: { x: 400, y: 0 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', target: 'fetch' },
    { id: 'e2', source: 'fetch', target: 'out', sourceHandle: null },
  ],
};

describe('diffGraphs', () => {
  it('finds nothing between a graph and itself, whatever the key order', () => {
    const reordered: DiffGraph = {
      nodes: base.nodes.map((n) => ({ data: n.data, position: n.position, type: n.type, id: n.id })),
      edges: base.edges,
    };
    expect(isEmptyDiff(diffGraphs(base, reordered))).toBe(true);
  });

  it('names added and removed nodes with their types', () => {
    const after: DiffGraph = {
      nodes: [base.nodes[0]!, base.nodes[1]!, { id: 'code', type: 'code', position: { x: 400, y: 100 }, data: {} }],
      edges: [base.edges[0]!],
    };
    const diff = diffGraphs(base, after);
    expect(diff.added).toEqual([{ id: 'code', type: 'code' }]);
    expect(diff.removed).toEqual([{ id: 'out', type: 'output' }]);
    expect(diff.edgesRemoved).toEqual(['fetch → out']);
    expect(diff.edgesAdded).toEqual([]);
  });

  it('lists each changed config key, a type change, pinned data and a move', () => {
    const after: DiffGraph = {
      nodes: [
        base.nodes[0]!,
        { id: 'fetch', type: 'http.request', position: { x: 260, y: 0 }, data: { url: 'https://b.test', method: 'GET', timeoutMs: 5 }, pinnedData: [{ ok: true }] },
        { id: 'out', type: 'code', position: { x: 400, y: 0 }, data: {} },
      ],
      edges: base.edges,
    };
    const diff = diffGraphs(base, after);
    expect(diff.changed).toEqual([
      { id: 'fetch', type: 'http.request', fields: ['data.timeoutMs', 'data.url', 'pinnedData', 'position'] },
      { id: 'out', type: 'code', fields: ['type'] },
    ]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
  });

  it('compares nested config by value and ignores sub-pixel moves and null pins', () => {
    const nested: DiffGraph = { nodes: [{ id: 'a', type: 't', position: { x: 1, y: 1 }, data: { headers: [{ key: 'x', value: '1' }] } }], edges: [] };
    const same: DiffGraph = { nodes: [{ id: 'a', type: 't', position: { x: 1.2, y: 0.9 }, data: { headers: [{ value: '1', key: 'x' }] }, pinnedData: null }], edges: [] };
    const other: DiffGraph = { nodes: [{ id: 'a', type: 't', position: { x: 1, y: 1 }, data: { headers: [{ key: 'x', value: '2' }] } }], edges: [] };
    expect(isEmptyDiff(diffGraphs(nested, same))).toBe(true);
    expect(diffGraphs(nested, other).changed).toEqual([{ id: 'a', type: 't', fields: ['data.headers'] }]);
  });

  it('treats a connection redrawn under a new id as the same, and a changed handle as remove plus add', () => {
    const redrawn: DiffGraph = { nodes: base.nodes, edges: [{ id: 'x1', source: 'trigger', target: 'fetch' }, { id: 'x2', source: 'fetch', target: 'out', sourceHandle: 'error' }] };
    const diff = diffGraphs(base, redrawn);
    expect(diff.edgesAdded).toEqual(['fetch:error → out']);
    expect(diff.edgesRemoved).toEqual(['fetch → out']);
  });
});

describe('diffGraphFromWire', () => {
  it('skips entries that are not nodes and tolerates missing lists', () => {
    const graph = diffGraphFromWire([{ id: 'a', type: 't' }, null, 'x', { type: 'no id' }], undefined);
    expect(graph.nodes.map((n) => n.id)).toEqual(['a']);
    expect(graph.edges).toEqual([]);
  });
});
