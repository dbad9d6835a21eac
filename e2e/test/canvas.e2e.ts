import { describe, expect, it } from 'vitest';
import { withSignedInStudio } from '../src/signed-in-studio';
import type { Studio } from '../src/studio';

/** The outer border box of an element, from its computed style (what the user sees drawn). */
function borderOf(studio: Studio, selector: string) {
  return studio.page.locator(selector).evaluate((el) => {
    const style = getComputedStyle(el);
    return { border: style.borderTopWidth, padding: style.paddingTop, background: style.backgroundColor };
  });
}

describe('the canvas and its dialogs', () => {
  let studio: Studio;
  withSignedInStudio((signedIn) => (studio = signedIn));

  it('draws the Output node as one box, with an input and no outgoing handle', async () => {
    await studio.createEmptyFlow();
    const result = await studio.dragNode('output', 420, 250);
    const next = await studio.dragNode('transform', 760, 250);
    await studio.connect('start', 'out', result);
    expect(await studio.edgeCount()).toBe(1);

    expect(await studio.testId(`handle-${result}-in-in`).count()).toBe(1);
    expect(await studio.page.locator(`[data-testid^="handle-${result}-out-"]`).count()).toBe(0);
    expect(await studio.page.locator(`[data-testid^="handle-${next}-out-"]`).count()).toBe(1);

    // React Flow's wrapper (class react-flow__node-output) must not draw a second box around ours.
    expect(await borderOf(studio, `.react-flow__node[data-id="${result}"]`)).toEqual({ border: '0px', padding: '0px', background: 'rgba(0, 0, 0, 0)' });
    const wrapper = await studio.page.locator(`.react-flow__node[data-id="${result}"]`).boundingBox();
    const drawn = await studio.testId(`node-${result}`).boundingBox();
    expect(wrapper).toEqual(drawn);
  });

  it('reports an invalid node once, not the Output behind it as unreachable', async () => {
    await studio.createEmptyFlow();
    const broken = await studio.dragNode('transform', 420, 250);
    const result = await studio.dragNode('output', 760, 250);
    await studio.testId(`node-problems-${result}`).waitFor();
    await studio.connect('start', 'out', broken);
    await studio.connect(broken, 'out', result);
    await studio.testId(`node-problems-${result}`).waitFor({ state: 'detached' });
    expect(await studio.testId(`node-problems-${broken}`).textContent()).toContain('expression');
  });

  it('centers a dialog in the window', async () => {
    await studio.createEmptyFlow();
    await studio.testId('save-button').click();
    const dialog = await studio.testId('save-dialog').boundingBox();
    const viewport = studio.page.viewportSize()!;
    expect(Math.abs(dialog!.x + dialog!.width / 2 - viewport.width / 2)).toBeLessThanOrEqual(1);
    expect(Math.abs(dialog!.y + dialog!.height / 2 - viewport.height / 2)).toBeLessThanOrEqual(1);
    await studio.page.keyboard.press('Escape');
  });
});
