import { describe, expect, it } from 'vitest';
import { diffFlows } from './flow-diff';

const base = { name: 'n', description: '', tags: ['a'] };

describe('diffFlows', () => {
  it('reports nothing for equal content regardless of key order and absent vs null handles', () => {
    const nodes = [{ id: 'a', type: 't', data: { x: 1, y: [1, 2] }, position: { x: 0, y: 0 } }];
    const reordered = [{ position: { y: 0, x: 0 }, data: { y: [1, 2], x: 1 }, type: 't', id: 'a' }];
    const diff = diffFlows(
      { ...base, nodes, edges: [{ id: 'e', source: 'a', target: 'a' }] },
      { ...base, nodes: reordered, edges: [{ id: 'e', source: 'a', target: 'a', sourceHandle: null }] },
    );
    expect(diff).toEqual({ nodesAdded: [], nodesRemoved: [], nodesChanged: [], edgesAdded: [], edgesRemoved: [], edgesChanged: [], metadataChanged: [] });
  });

  it('names changed node fields, rewired edges and metadata', () => {
    const diff = diffFlows(
      { ...base, nodes: [{ id: 'a', type: 't', data: {} }, { id: 'b', type: 't', data: {} }], edges: [{ id: 'e', source: 'a', target: 'b' }] },
      { name: 'm', description: 'd', tags: ['a'], nodes: [{ id: 'a', type: 'u', data: {}, position: { x: 1, y: 1 } }, { id: 'c', type: 't', data: {} }], edges: [{ id: 'e', source: 'a', target: 'c' }] },
    );
    expect(diff).toMatchObject({
      nodesAdded: ['c'],
      nodesRemoved: ['b'],
      nodesChanged: [{ id: 'a', fields: ['type', 'position'] }],
      edgesChanged: ['e'],
      metadataChanged: ['name', 'description'],
    });
  });
});
