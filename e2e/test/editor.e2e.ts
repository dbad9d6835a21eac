import { describe, expect, inject, it } from 'vitest';
import { withSignedInStudio } from '../src/signed-in-studio';
import { Studio } from '../src/studio';

/** trigger -> condition -> (true) yes / (false) no, built by dragging and connecting. */
async function buildBranchingFlow(studio: Studio) {
  const condition = await studio.dragNode('condition', 420, 250);
  const yes = await studio.dragNode('transform', 760, 140);
  const no = await studio.dragNode('transform', 760, 380);
  await studio.connect('start', 'out', condition);
  await studio.connect(condition, 'true', yes);
  await studio.connect(condition, 'false', no);
  await studio.configure(condition, 'expression', '$input.go = true');
  await studio.configure(yes, 'expression', '"took yes"');
  await studio.configure(no, 'expression', '"took no"');
  return { condition, yes, no };
}

describe('building a flow in the editor and running it live', () => {
  let studio: Studio;
  withSignedInStudio((signedIn) => (studio = signedIn));

  it('builds a flow from the palette by dragging nodes and connecting them', async () => {
    await studio.createEmptyFlow();
    const { condition, yes, no } = await buildBranchingFlow(studio);
    expect(await studio.edgeCount()).toBe(3);
    expect(await studio.nodeIds()).toEqual(expect.arrayContaining(['start', condition, yes, no]));
    await studio.screenshot('editor');
  });

  it('shows validation problems on the node, copies, pastes, undoes and lays out', async () => {
    await studio.createEmptyFlow();
    const lonely = await studio.dragNode('transform', 420, 250);
    await studio.testId(`node-problems-${lonely}`).waitFor();
    await studio.selectNode(lonely);
    await studio.page.keyboard.press('Control+c');
    await studio.page.keyboard.press('Control+v');
    await studio.page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 3);
    await studio.page.keyboard.press('Control+z');
    await studio.page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 2);
    await studio.page.keyboard.press('Control+Shift+z');
    await studio.page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 3);
    const before = await studio.testId(`node-${lonely}`).boundingBox();
    await studio.testId('auto-layout').click();
    await studio.page.waitForFunction(
      ([id, x, y]) => {
        const box = document.querySelector(`[data-testid="node-${id}"]`)?.getBoundingClientRect();
        return box !== undefined && (Math.abs(box.x - Number(x)) > 2 || Math.abs(box.y - Number(y)) > 2);
      },
      [lonely, before!.x, before!.y] as const,
    );
  });

  it('connects a switch case handle that its config just added', async () => {
    await studio.createEmptyFlow();
    const router = await studio.dragNode('switch', 420, 250);
    const target = await studio.dragNode('transform', 760, 250);
    await studio.selectNode(router);
    for (const [index, value] of ['order', 'refund'].entries()) {
      await studio.testId('field-cases-add').click();
      await studio.testId(`field-cases-item-${index}`).fill(value);
    }
    await studio.testId(`handle-${router}-out-case-1`).waitFor();
    await studio.connect(router, 'case-1', target);
    expect(await studio.edgeCount()).toBe(1);
  });

  it('refuses a connection that would close a cycle', async () => {
    await studio.createEmptyFlow();
    const a = await studio.dragNode('transform', 420, 250);
    await studio.connect('start', 'out', a);
    const edges = await studio.edgeCount();
    await studio.connect(a, 'out', a);
    expect(await studio.edgeCount()).toBe(edges);
  });

  it('connects and disconnects nodes with the keyboard alone', async () => {
    await studio.createEmptyFlow();
    await studio.testId('palette-item-condition').focus();
    await studio.page.keyboard.press('Enter');
    const condition = await studio.testId('config-node-id').textContent();
    await studio.testId('palette-item-transform').focus();
    await studio.page.keyboard.press('Enter');
    const transform = (await studio.testId('config-node-id').filter({ hasNotText: condition! }).textContent())!;
    // The new transform is focused: its choices are start -> it, condition.true/false -> it, it -> condition.
    const choice = studio.testId('connect-choice');
    await choice.focus();
    const options = await choice.locator('option').allTextContents();
    expect(options).toEqual([`to Condition (${condition})`, 'from Manual trigger (start)', `from Condition (${condition}) [true]`, `from Condition (${condition}) [false]`]);
    await studio.page.keyboard.press('ArrowDown'); // -> from start
    await studio.testId('connect-submit').focus();
    await studio.page.keyboard.press('Enter');
    await studio.page.waitForFunction(() => document.querySelectorAll('.react-flow__edge').length === 1);
    expect(await choice.locator('option').allTextContents()).not.toContain('from Manual trigger (start)');
    await studio.testId('connect-submit').focus(); // the first choice again: -> condition
    await studio.page.keyboard.press('Enter');
    await studio.page.waitForFunction(() => document.querySelectorAll('.react-flow__edge').length === 2);
    // Connected pairs are not offered again, and condition -> transform would now close a cycle.
    expect(await choice.locator('option').allTextContents()).toEqual(['no connection possible']);
    expect(await studio.testId('connections').textContent()).toContain(`from Manual trigger (start)`);
    for (const remaining of [1, 0]) {
      await studio.page.locator('[data-testid^="remove-edge-"]').first().focus();
      await studio.page.keyboard.press('Enter');
      await studio.page.waitForFunction((n) => document.querySelectorAll('.react-flow__edge').length === n, remaining);
    }
    expect(transform).toMatch(/^transform_/);
  });

  it('saves, runs, and shows nodes turn succeeded and skipped live, with a node output', async () => {
    await studio.createEmptyFlow();
    const { condition, yes, no } = await buildBranchingFlow(studio);
    await studio.save('branching flow');
    await studio.run({ go: true });
    await studio.waitForNodeStatus(yes, 'succeeded');
    await studio.waitForNodeStatus(no, 'skipped');
    await studio.waitForNodeStatus(condition, 'succeeded');
    await studio.waitForRunStatus('succeeded');
    await studio.screenshot('live-run');
    await studio.selectNode(yes);
    expect(await studio.testId('node-run-output').textContent()).toContain('took yes');
    await studio.testId('analyse-button').click();
    expect(await studio.testId('analysis-node-count').textContent()).toBe('4');
    await studio.page.keyboard.press('Escape');
  });

  it('replays a finished run from its execution page', async () => {
    await studio.testId('run-details-link').click();
    await studio.page.waitForURL(/\/executions\//);
    const slider = studio.testId('replay-slider');
    await studio.testId('replay-position').filter({ hasText: /^[1-9]\d*\/[1-9]/ }).waitFor();
    await studio.page.locator('[data-testid^="node-status-"][data-status="succeeded"]').first().waitFor();
    await slider.fill('0');
    await studio.page.locator('[data-testid^="node-status-"][data-status="succeeded"]').first().waitFor({ state: 'detached' });
    expect(await studio.page.locator('[data-testid^="node-status-"][data-status="queued"]').count()).toBeGreaterThan(0);
  });

  it('shows a run on the graph of the version it ran, not the flow as edited since', async () => {
    await studio.createEmptyFlow();
    const { yes } = await buildBranchingFlow(studio);
    await studio.save('before the edit');
    await studio.run({ go: true });
    await studio.waitForRunStatus('succeeded');
    const runUrl = await studio.testId('run-details-link').getAttribute('href');
    const added = await studio.dragNode('transform', 420, 450);
    await studio.save('after the run');
    await studio.page.goto(new URL(runUrl!, studio.page.url()).toString());
    await studio.testId('ran-version').filter({ hasText: /^version \d+ \(the flow is now at version \d+\)$/ }).waitFor();
    await studio.testId(`node-${yes}`).waitFor();
    expect(await studio.testId(`node-${added}`).count()).toBe(0);
  });

  it('offers reload or overwrite when someone else saved first', async () => {
    const flowId = await studio.createEmptyFlow();
    // A second tab of the same signed-in browser.
    const other = new Studio(await studio.page.context().newPage(), studio.baseUrl);
    await other.page.goto(`${inject('baseUrl')}/flows/${flowId}`);
    await other.testId('node-start').waitFor();
    await other.dragNode('transform', 420, 250);
    await other.save('theirs');
    await studio.dragNode('delay', 420, 250);
    await studio.testId('save-button').click();
    await studio.testId('save-message').fill('mine');
    await studio.testId('save-confirm').click();
    await studio.testId('save-conflict').waitFor();
    await studio.testId('conflict-overwrite').click();
    await studio.testId('save-button').filter({ hasText: /^Saved$/ }).waitFor();
    expect(await studio.testId('versions-button').textContent()).toBe('v3');
    await other.page.close();
  });

  it('shows a node retrying with its attempt count, then failed with its error', async () => {
    await studio.createEmptyFlow();
    // Nothing listens on port 9 of 127.0.0.1: each attempt fails with HTTP_ERROR, which the engine
    // retries. The back-off stays under WAIT_PARK_MIN_MS, so the node retries in its worker slot
    // (a longer back-off parks the run; worker/durable-timers.test.ts covers that).
    const flaky = await studio.dragNode('http.request', 420, 250);
    await studio.connect('start', 'out', flaky);
    await studio.configure(flaky, 'url', 'http://127.0.0.1:9/refused');
    await studio.testId('field-retry-maxAttempts').fill('3');
    await studio.testId('field-retry-delayMs').fill('800');
    await studio.save('flaky');
    await studio.run({});
    await studio.waitForNodeStatus(flaky, 'retrying');
    expect(await studio.testId(`node-status-${flaky}`).textContent()).toMatch(/attempt \d/);
    await studio.waitForNodeStatus(flaky, 'failed');
    await studio.waitForRunStatus('failed');
    await studio.selectNode(flaky);
    expect(await studio.testId('node-run-error').textContent()).toMatch(/^HTTP_ERROR: /);

    // Zoomed out (below 40 %), the canvas draws the flow as an overview: the failed node's box is still red.
    const zoom = (direction: 'in' | 'out') => studio.page.locator(`.react-flow__controls-zoom${direction}`).click();
    for (let i = 0; i < 20 && !(await studio.testId('flow-overview').count()); i++) await zoom('out');
    const failedBoxes = studio.testId('flow-overview-run-failed');
    expect((await failedBoxes.getAttribute('data-nodes'))?.split(' ')).toContain(flaky);
    expect(await failedBoxes.evaluate((path) => getComputedStyle(path).fill)).toBe('rgb(220, 38, 38)');
    expect(await studio.testId(`node-${flaky}`).count()).toBe(0);
    // A click on the empty pane unfocuses the node; a click on its box focuses it again.
    const pane = (await studio.page.locator('.react-flow__pane').boundingBox())!;
    await studio.page.mouse.click(pane.x + 10, pane.y + 10);
    await studio.testId('node-run-error').waitFor({ state: 'detached' });
    const box = (await failedBoxes.boundingBox())!;
    await studio.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await studio.testId('node-run-error').waitFor();
    // Zoomed back in, the full node is back, with its status.
    for (let i = 0; i < 20 && (await studio.testId('flow-overview').count()); i++) await zoom('in');
    await studio.page.locator(`[data-testid="node-status-${flaky}"][data-status="failed"]`).waitFor();
    expect(await studio.testId(`node-${flaky}`).getAttribute('aria-label')).toMatch(/, failed/);
  });

  it('cancels a long run', async () => {
    await studio.createEmptyFlow();
    const wait = await studio.dragNode('delay', 420, 250);
    await studio.connect('start', 'out', wait);
    await studio.configure(wait, 'ms', '60000');
    await studio.save('slow flow');
    await studio.run({});
    // A 60 s delay parks its run (durable timer): the node shows it waits, the run can be cancelled.
    await studio.waitForNodeStatus(wait, 'waiting');
    await studio.testId('cancel-run').click();
    await studio.waitForRunStatus('cancelled');
  });
});
