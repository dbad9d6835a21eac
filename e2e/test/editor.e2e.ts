import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from '../src/browser';
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
  let browser: Browser;
  let studio: Studio;
  beforeAll(async () => {
    browser = await launchBrowser();
    studio = new Studio(await browser.newPage(), inject('baseUrl'));
    await studio.signUp();
  });
  afterAll(() => browser?.close());

  it('builds a flow from the palette by dragging nodes and connecting them', async () => {
    await studio.createEmptyFlow();
    const { condition, yes, no } = await buildBranchingFlow(studio);
    expect(await studio.edgeCount()).toBe(3);
    expect(await studio.nodeIds()).toEqual(expect.arrayContaining(['start', condition, yes, no]));
    await studio.screenshot('editor');
  });

  it('refuses a connection that would close a cycle', async () => {
    await studio.createEmptyFlow();
    const a = await studio.dragNode('transform', 420, 250);
    await studio.connect('start', 'out', a);
    const edges = await studio.edgeCount();
    await studio.connect(a, 'out', a);
    expect(await studio.edgeCount()).toBe(edges);
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
  });

  it('replays a finished run from its execution page', async () => {
    await studio.testId('run-details-link').click();
    await studio.page.waitForURL(/\/executions\//);
    const slider = studio.testId('replay-slider');
    await slider.waitFor();
    await studio.page.locator('[data-testid^="node-status-"][data-status="succeeded"]').first().waitFor();
    await slider.fill('0');
    await studio.page.locator('[data-testid^="node-status-"][data-status="succeeded"]').first().waitFor({ state: 'detached' });
    expect(await studio.page.locator('[data-testid^="node-status-"][data-status="queued"]').count()).toBeGreaterThan(0);
  });

  it('offers reload or overwrite when someone else saved first', async () => {
    const flowId = await studio.createEmptyFlow();
    const other = new Studio(await browser.newPage(), inject('baseUrl'));
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

  it('cancels a long run', async () => {
    await studio.createEmptyFlow();
    const wait = await studio.dragNode('delay', 420, 250);
    await studio.connect('start', 'out', wait);
    await studio.configure(wait, 'ms', '60000');
    await studio.save('slow flow');
    await studio.run({});
    await studio.waitForNodeStatus(wait, 'running');
    await studio.testId('cancel-run').click();
    await studio.waitForRunStatus('cancelled');
  });
});
