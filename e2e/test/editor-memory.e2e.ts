import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from '../src/browser';
import { Studio } from '../src/studio';

/** What the editor remembers across reloads and browsers (#20): pinned data on the canvas, the node view's last run, the flow's sample input. */
describe('the editor remembers pinned data, the last run of each node and the sample input', () => {
  const browsers: Browser[] = [];
  let studio: Studio;
  let email: string;

  beforeAll(async () => {
    const browser = await launchBrowser();
    browsers.push(browser);
    studio = new Studio(await browser.newPage(), inject('baseUrl'));
    email = await studio.signUp();
  });
  afterAll(async () => {
    for (const browser of browsers) await browser.close();
  });

  /** A transform after the trigger that greets `$input.name`; answers its id. */
  async function addGreeting(): Promise<string> {
    const greet = await studio.dragNode('transform', 420, 200);
    await studio.connect('start', 'out', greet);
    await studio.configure(greet, 'expression', '{ "greeting": "hi " & $input.name }');
    return greet;
  }

  async function openNodeView(nodeId: string): Promise<void> {
    await studio.selectNode(nodeId);
    await studio.testId('open-node-view').click();
    await studio.testId('node-view').waitFor();
  }

  it('marks a pinned node on the canvas, keeps the mark through a save and reload, and drops it when unpinned', async () => {
    await studio.createEmptyFlow();
    const greet = await addGreeting();
    const marker = studio.testId(`node-pinned-${greet}`);
    expect(await marker.count()).toBe(0);

    await openNodeView(greet);
    await studio.testId('edit-pinned').click();
    await studio.testId('pin-editor-text').fill(JSON.stringify({ greeting: 'pinned hello' }));
    await studio.testId('pin-editor-save').click();
    await studio.testId('node-view-pinned').waitFor();
    await studio.testId('node-view-close').click();
    await marker.waitFor();
    expect(await marker.getAttribute('aria-label')).toBe('Output pinned');
    expect(await marker.getAttribute('title')).toMatch(/^Output pinned/);
    expect(await studio.testId(`node-${greet}`).getAttribute('aria-label')).toContain('output pinned');
    expect(await studio.testId('node-pinned-start').count()).toBe(0);

    // pinnedData is saved on the node with the flow: the mark is back after a reload.
    await studio.save('pinned greeting');
    await studio.page.reload();
    await marker.waitFor();

    await openNodeView(greet);
    await studio.testId('unpin').click();
    await studio.testId('node-view-close').click();
    await marker.waitFor({ state: 'detached' });
    await studio.save('unpinned');
    await studio.page.reload();
    await studio.testId(`node-${greet}`).waitFor();
    expect(await marker.count()).toBe(0);
  });

  it('shows a node’s output from its last test run after a reload, saying which run it came from', async () => {
    const flowId = await studio.createEmptyFlow();
    const greet = await addGreeting();
    await studio.save('greets');
    await studio.selectNode(greet);
    await studio.testId('test-node').click();
    await studio.waitForNodeStatus(greet, 'succeeded');
    const runs = await studio.graphql<{ executions: { edges: Array<{ node: { id: string; test: boolean } }> } }>(
      'query ($flowId: ID!) { executions(flowId: $flowId) { edges { node { id test } } } }',
      { flowId },
    );
    const [testRun] = runs.executions.edges.map((edge) => edge.node);
    expect(testRun).toMatchObject({ test: true });

    // After a reload the canvas has no run: the node view reads the node's last run from the server.
    await studio.page.reload();
    await studio.testId(`node-${greet}`).waitFor();
    expect(await studio.testId('run-status').count()).toBe(0);
    await openNodeView(greet);
    const source = studio.testId('node-view-source');
    await source.waitFor();
    expect(await source.getAttribute('data-execution-id')).toBe(testRun!.id);
    expect(await source.textContent()).toContain(`From the last test run, ${testRun!.id.slice(0, 8)}`);
    await studio.testId('node-view-output-json-tab').click();
    expect(JSON.parse((await studio.testId('node-view-output-json').textContent()) ?? 'null')).toEqual({ greeting: 'hi ' });
    await studio.testId('node-view-input').waitFor();
    expect(await studio.testId('node-view-state').textContent()).toMatch(/^succeeded/);
    await studio.testId('node-view-close').click();
  });

  it('keeps the sample input on the server: test runs use it, and another browser sees it', async () => {
    const flowId = await studio.createEmptyFlow();
    const greet = await addGreeting();
    await studio.save('greets by name');
    await studio.selectNode(greet);
    await studio.testId('edit-sample-input').click();
    const text = studio.testId('sample-input-text');
    expect(JSON.parse(await text.inputValue())).toEqual({});
    await text.fill('{ "name": ');
    await studio.testId('sample-input-save').click();
    expect(await studio.testId('sample-input-error').textContent()).toMatch(/^Not JSON/);
    await text.fill(JSON.stringify({ name: 'grace' }));
    await studio.testId('sample-input-save').click();
    await studio.testId('sample-input-dialog').waitFor({ state: 'detached' });

    // "Test this node" starts from it.
    await studio.testId('test-node').click();
    await studio.waitForNodeStatus(greet, 'succeeded');
    await studio.testId('open-node-view').click();
    await studio.testId('node-view-output-json-tab').click();
    expect(JSON.parse((await studio.testId('node-view-output-json').textContent()) ?? 'null')).toEqual({ greeting: 'hi grace' });
    await studio.testId('node-view-close').click();

    // Another browser (no shared storage), signed in as the same user, sees it in the sample input editor and the run dialog.
    const other = await launchBrowser();
    browsers.push(other);
    const second = new Studio(await other.newPage(), inject('baseUrl'));
    await second.page.goto(`${inject('baseUrl')}/sign-in`);
    await second.testId('auth-email').fill(email);
    await second.testId('auth-password').fill('correct horse battery');
    await second.testId('auth-submit').click();
    await second.testId('signed-in-user').filter({ hasText: email }).waitFor();
    await second.page.goto(`${inject('baseUrl')}/flows/${flowId}`);
    await second.testId(`node-${greet}`).waitFor();
    await second.selectNode(greet);
    await second.testId('edit-sample-input').click();
    // The dialog shows `{}` until the flow's sample input arrives from the server.
    await expect.poll(async () => JSON.parse(await second.testId('sample-input-text').inputValue()) as unknown, { timeout: 15_000 }).toEqual({ name: 'grace' });
    await second.testId('sample-input-dialog').getByRole('button', { name: 'Cancel' }).click();
    await second.testId('run-button').click();
    await expect.poll(async () => JSON.parse(await second.testId('run-input').inputValue()) as unknown, { timeout: 15_000 }).toEqual({ name: 'grace' });
    await second.screenshot('editor-memory-sample-input');
  });
});
