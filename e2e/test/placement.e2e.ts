import { describe, expect, it } from 'vitest';
import { withSignedInStudio } from '../src/signed-in-studio';
import type { Studio } from '../src/studio';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A node's box in flow coordinates (its translate and unscaled size), whatever the view's pan and zoom. */
async function rectOf(studio: Studio, id: string): Promise<Rect> {
  return studio.page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el: HTMLElement) => {
    const match = /translate\((-?[\d.]+)px, ?(-?[\d.]+)px\)/.exec(el.style.transform);
    if (!match) throw new Error(`no position in ${el.style.transform}`);
    return { x: Number(match[1]), y: Number(match[2]), width: el.offsetWidth, height: el.offsetHeight };
  });
}

const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Adds a node by clicking its palette item (not dragging); answers the new node's id. */
async function clickPalette(studio: Studio, type: string): Promise<string> {
  const before = new Set(await studio.nodeIds());
  await studio.testId(`palette-item-${type}`).click();
  // By a new id, not a count: the view may pan to the new node and stop drawing one it left.
  await studio.page.waitForFunction((known) => [...document.querySelectorAll('.react-flow__node')].some((n) => !known.includes(n.getAttribute('data-id') ?? '')), [...before]);
  const added = (await studio.nodeIds()).find((id) => !before.has(id));
  if (!added) throw new Error(`clicking ${type} added no node`);
  return added;
}

/** Fits the view to the flow, so every node is drawn (React Flow's own control: a library element, no test id of ours). */
async function fitView(studio: Studio, nodes: number): Promise<void> {
  await studio.page.locator('.react-flow__controls-fitview').click();
  await studio.page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length >= n, nodes);
}

/** Every node of the flow overlaps none of the others. */
async function expectNoOverlaps(studio: Studio, nodes: number): Promise<void> {
  await fitView(studio, nodes);
  const ids = await studio.nodeIds();
  const rects = await Promise.all(ids.map((id) => rectOf(studio, id)));
  for (let i = 0; i < rects.length; i += 1) {
    for (let j = i + 1; j < rects.length; j += 1) expect(overlap(rects[i]!, rects[j]!), `${ids[i]} and ${ids[j]} overlap`).toBe(false);
  }
}

describe('adding nodes from the palette', () => {
  let studio: Studio;
  withSignedInStudio((signedIn) => (studio = signedIn));

  it('places a clicked palette item beside the selected node, and never on top of another', async () => {
    await studio.createEmptyFlow();
    await studio.selectNode('start');
    const first = await clickPalette(studio, 'transform');
    const start = await rectOf(studio, 'start');
    const a = await rectOf(studio, first);
    expect(a.x).toBeGreaterThan(start.x + start.width);
    expect(Math.abs(a.y - start.y)).toBeLessThan(2);

    // The new node is selected: the next one goes beside it.
    const second = await clickPalette(studio, 'transform');
    const b = await rectOf(studio, second);
    expect(b.x).toBeGreaterThan(a.x + a.width);

    // Beside start is taken now: the next node beside it goes below that spot.
    await fitView(studio, 3);
    await studio.selectNode('start');
    const third = await clickPalette(studio, 'transform');
    const c = await rectOf(studio, third);
    expect(c.x).toBeGreaterThan(start.x + start.width);
    expect(c.y).toBeGreaterThan(a.y + a.height);

    // Nothing selected: nodes clicked in one after another still do not stack.
    await fitView(studio, 4);
    await studio.testId('flow-canvas').click({ position: { x: 20, y: 20 } });
    await clickPalette(studio, 'transform');
    await clickPalette(studio, 'transform');
    await expectNoOverlaps(studio, 6);
  });

  it('inserts a node connected from an output with the + on that output, to the right of its node', async () => {
    await studio.createEmptyFlow();
    await studio.selectNode('start');
    const before = new Set(await studio.nodeIds());
    await studio.testId('insert-after-start-out').click();
    await studio.testId('insert-type-transform').click();
    await studio.page.waitForFunction((known) => [...document.querySelectorAll('.react-flow__node')].some((n) => !known.includes(n.getAttribute('data-id') ?? '')), [...before]);
    const added = (await studio.nodeIds()).find((id) => !before.has(id))!;
    await studio.testId('config-node-id').filter({ hasText: added }).waitFor();
    await fitView(studio, 2);
    const start = await rectOf(studio, 'start');
    const node = await rectOf(studio, added);
    expect(node.x).toBeGreaterThan(start.x + start.width);
    expect(Math.abs(node.y - start.y)).toBeLessThan(2);
    const edges = await studio.page.locator('.react-flow__edge').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    expect(edges).toEqual([`Edge from start to ${added}`]);
    // One undo takes back the node and its connection together.
    await studio.testId('undo').click();
    await studio.testId(`node-${added}`).waitFor({ state: 'detached' });
    expect(await studio.edgeCount()).toBe(0);
  });
});
