/**
 * Where a node added from the palette goes: beside the selected node (to its right, or below that
 * spot when it is taken), else at the middle of the view; never on top of another node.
 */

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A node as placement sees it: its position and, once drawn, its measured size. */
export interface PlacedNode {
  readonly id: string;
  readonly position: { readonly x: number; readonly y: number };
  readonly measured?: { readonly width?: number; readonly height?: number };
}

/** The size of a node not drawn yet (the canvas's default node box). */
export const NEW_NODE = { width: 200, height: 64 } as const;
/** Space kept between a new node and its neighbours. */
export const GAP = 40;
const MAX_TRIES = 200;

export const boxOf = (node: PlacedNode): Box => ({
  x: node.position.x,
  y: node.position.y,
  width: node.measured?.width ?? NEW_NODE.width,
  height: node.measured?.height ?? NEW_NODE.height,
});

/** Whether two boxes come closer than `gap` to each other. */
export function overlaps(a: Box, b: Box, gap = GAP / 2): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/**
 * The first free spot for a new node starting at `start`, trying further down a column, then the
 * next column to the right (so a new node beside a selection lines up under what is already there).
 */
export function freeSpot(start: { x: number; y: number }, nodes: readonly PlacedNode[]): { x: number; y: number } {
  const boxes = nodes.map(boxOf);
  const stepY = NEW_NODE.height + GAP;
  const stepX = NEW_NODE.width + GAP;
  for (let i = 0; i < MAX_TRIES; i += 1) {
    const column = Math.floor(i / 8);
    const row = i % 8;
    const spot = { x: Math.round(start.x + column * stepX), y: Math.round(start.y + row * stepY) };
    const box = { ...spot, ...NEW_NODE };
    if (!boxes.some((other) => overlaps(box, other))) return spot;
  }
  return { x: Math.round(start.x), y: Math.round(start.y) };
}

/** The first free spot to the right of `anchor`, top-aligned with it. */
export function placeBeside(anchor: PlacedNode, nodes: readonly PlacedNode[]): { x: number; y: number } {
  const box = boxOf(anchor);
  return freeSpot({ x: box.x + box.width + GAP * 2, y: box.y }, nodes);
}

/** Beside `anchor`, or from `fallback` (the middle of the view) when nothing is selected. */
export function placeNewNode(anchor: PlacedNode | undefined, fallback: { x: number; y: number }, nodes: readonly PlacedNode[]): { x: number; y: number } {
  if (!anchor) return freeSpot({ x: fallback.x - NEW_NODE.width / 2, y: fallback.y - NEW_NODE.height / 2 }, nodes);
  return placeBeside(anchor, nodes);
}
