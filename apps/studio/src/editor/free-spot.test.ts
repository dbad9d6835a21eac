import { describe, expect, it } from 'vitest';
import { boxOf, freeSpot, NEW_NODE, overlaps, placeNewNode, type PlacedNode } from './free-spot';

const node = (id: string, x: number, y: number, width = 200, height = 64): PlacedNode => ({ id, position: { x, y }, measured: { width, height } });
const clear = (spot: { x: number; y: number }, nodes: readonly PlacedNode[]) => !nodes.some((n) => overlaps({ ...spot, ...NEW_NODE }, boxOf(n)));

describe('placeNewNode', () => {
  it('puts the node to the right of the selected one, top-aligned', () => {
    const start = node('start', 100, 100, 180, 50);
    expect(placeNewNode(start, { x: 0, y: 0 }, [start])).toEqual({ x: 100 + 180 + 80, y: 100 });
  });

  it('goes below the spot beside the selection when that spot is taken, and never overlaps', () => {
    const start = node('start', 0, 0);
    const taken = node('taken', 280, 0);
    const alsoTaken = node('also', 280, 104);
    const nodes = [start, taken, alsoTaken];
    const spot = placeNewNode(start, { x: 0, y: 0 }, nodes);
    expect(spot.x).toBe(280);
    expect(spot.y).toBeGreaterThan(104);
    expect(clear(spot, nodes)).toBe(true);
  });

  it('without a selection, starts at the middle of the view and steps aside from nodes there', () => {
    const middle = node('middle', 300, 270);
    const spot = placeNewNode(undefined, { x: 400, y: 300 }, [middle]);
    expect(clear(spot, [middle])).toBe(true);
    expect(placeNewNode(undefined, { x: 400, y: 300 }, [])).toEqual({ x: 300, y: 268 });
  });

  it('places node after node from the same click point without stacking them', () => {
    const nodes: PlacedNode[] = [];
    for (let i = 0; i < 12; i += 1) {
      const spot = placeNewNode(undefined, { x: 0, y: 0 }, nodes);
      expect(clear(spot, nodes)).toBe(true);
      nodes.push({ id: `n${i}`, position: spot });
    }
  });
});

describe('freeSpot', () => {
  it('answers the start itself when it is free, and rounds it', () => {
    expect(freeSpot({ x: 10.4, y: 20.6 }, [node('far', 1000, 1000)])).toEqual({ x: 10, y: 21 });
  });
});
