import { describe, expect, it } from 'vitest';
import { readPinnedData } from './pinned-data';

describe('pinned data on flow nodes', () => {
  it('reads each pinned output by node id; a node without one (or null) is not pinned', () => {
    const { pinned, problems } = readPinnedData([
      { id: 'a', type: 'http.request', data: {}, pinnedData: { status: 200, body: [1, 2] } },
      { id: 'b', type: 'transform', data: {} },
      { id: 'c', type: 'transform', data: {}, pinnedData: null },
      { id: 'd', type: 'transform', data: {}, pinnedData: 0 },
    ]);
    expect(problems).toEqual([]);
    expect([...pinned]).toEqual([
      ['a', { status: 200, body: [1, 2] }],
      ['d', 0],
    ]);
  });

  it('refuses pinned data over the limit, naming the node, the field and both sizes', () => {
    const { pinned, problems } = readPinnedData([{ id: 'big', pinnedData: 'é'.repeat(60) }], 100);
    expect(pinned.size).toBe(0);
    expect(problems).toEqual([
      { nodeId: 'big', field: 'pinnedData', code: 'PINNED_DATA_TOO_LARGE', message: 'Node "big": pinnedData is 122 bytes; the limit is 100' },
    ]);
  });

  it('refuses a value that is not JSON', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(readPinnedData([{ id: 'x', pinnedData: cyclic }]).problems.map((p) => p.code)).toEqual(['PINNED_DATA_INVALID']);
  });
});
