import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSignedInStudio } from '../src/signed-in-studio';
import type { Studio } from '../src/studio';

/** The outside world a flow calls: counts each path's calls; `/fail/...` answers 400 to its first call. */
class CountingApi {
  readonly calls: string[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      this.calls.push(url.pathname + url.search);
      const fail = url.pathname.startsWith('/fail/') && this.count(url.pathname) === 1;
      const items = [
        { id: 1, name: 'ada' },
        { id: 2, name: 'grace' },
        { id: 3, name: 'linus' },
      ];
      res.writeHead(fail ? 400 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(url.pathname.endsWith('/items') ? items : { ok: true }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves once `call` (path and query) was made `times` times; polls, the calls come from the platform's worker. */
  async waitForCalls(call: string, timeoutMs = 30_000, times = 1): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.calls.filter((made) => made === call).length < times) {
      if (Date.now() > deadline) throw new Error(`no call to ${call}; calls: ${this.calls.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  count(path: string): number {
    return this.calls.filter((call) => call.split('?')[0] === path).length;
  }

  close(): void {
    this.server?.close();
  }
}

/** Adds an http.request node calling `url`, connected after `source`; answers its id. */
async function addCall(studio: Studio, source: string, url: string, x: number, y: number): Promise<string> {
  const id = await studio.dragNode('http.request', x, y);
  await studio.connect(source, 'out', id);
  await studio.configure(id, 'url', url);
  return id;
}

describe('the build loop: test a node, pin its data, retry from a node', () => {
  let studio: Studio;
  const api = new CountingApi();
  withSignedInStudio((signedIn) => (studio = signedIn));
  beforeAll(() => api.start());
  afterAll(() => api.close());

  it('tests one node of an unsaved draft, shows its output as a table, then re-tests past it on pinned data without the outside call', async () => {
    await studio.createEmptyFlow();
    const fetch = await addCall(studio, 'start', `${api.url}/loop/items`, 380, 160);
    const later = await addCall(studio, fetch, `${api.url}/loop/later?first={{ $nodes.${fetch}.body[0].name }}`, 640, 160);

    // Nothing is saved: the draft runs up to `fetch`, and `later` is not run.
    await studio.selectNode(fetch);
    await studio.testId('test-node').click();
    await studio.waitForNodeStatus(fetch, 'succeeded');
    expect(api.count('/loop/items')).toBe(1);
    expect(api.count('/loop/later')).toBe(0);
    expect(await studio.testId('save-button').textContent()).toBe('Save*');

    await studio.testId('open-node-view').click();
    const table = studio.testId('node-view-output-table');
    await table.waitFor();
    expect(await table.locator('th').allTextContents()).toEqual(['id', 'name']);
    expect(await table.locator('tbody tr').count()).toBe(3);
    expect(await table.locator('tbody tr').nth(1).textContent()).toContain('grace');
    await studio.testId('node-view-output-json-tab').click();
    expect(await studio.testId('node-view-output-json').textContent()).toContain('"linus"');

    // Pin it, edited as JSON: invalid JSON is refused, then the edited output is pinned.
    await studio.testId('pin-output').click();
    await studio.testId('node-view-pinned').waitFor();
    await studio.testId('edit-pinned').click();
    await studio.testId('pin-editor-text').fill('{ "status": 200, "body": [ { "name": "pinned');
    await studio.testId('pin-editor-save').click();
    expect(await studio.testId('pin-editor-error').textContent()).toMatch(/^Not JSON/);
    await studio.testId('pin-editor-text').fill(JSON.stringify({ status: 200, headers: {}, body: [{ id: 9, name: 'pinned-ada' }] }));
    await studio.testId('pin-editor-save').click();
    await studio.testId('node-view-output-table').filter({ hasText: 'pinned-ada' }).waitFor();
    await studio.testId('node-view-close').click();
    await studio.testId('node-pinned-badge').waitFor();

    // Testing the node after it uses the pinned output: no second call to /loop/items.
    await studio.selectNode(later);
    await studio.testId('test-node').click();
    await studio.waitForNodeStatus(later, 'succeeded');
    expect(api.count('/loop/items')).toBe(1);
    expect(api.calls).toContain('/loop/later?first=pinned-ada');

    // Its node view shows the pinned output as its input; a field dragged from there into a setting inserts the template that reads it.
    await studio.testId('open-node-view').click();
    await studio.testId('node-view-input-schema-tab').click();
    const url = studio.testId('node-view').locator('[data-testid="field-url"]');
    const before = await url.inputValue();
    await url.fill('');
    await studio.testId('node-view-input-field').filter({ hasText: 'body[0].name' }).dragTo(url);
    expect(await url.inputValue()).toBe(`{{ $nodes.${fetch}.body[0].name }}`);
    await url.fill(before);
    await studio.testId('node-view-close').click();

    // A run of the saved flow never uses pinned data.
    await studio.save('with pinned data');
    await studio.run({});
    // The canvas still shows the test run's status until this run's first event: wait for the calls.
    await api.waitForCalls('/loop/later?first=ada');
    await studio.waitForRunStatus('succeeded');
    expect(api.count('/loop/items')).toBe(2);
    await studio.screenshot('node-loop-pinned');
  });

  it('retries a failed run from the failed node on the current version, without calling the nodes before it again', async () => {
    await studio.createEmptyFlow();
    const fetch = await addCall(studio, 'start', `${api.url}/retry/items`, 380, 160);
    const check = await addCall(studio, fetch, `${api.url}/fail/check?n={{ $nodes.${fetch}.body[2].id }}`, 640, 160);
    await studio.save('calls check');
    await studio.run({});
    await studio.waitForRunStatus('failed');
    expect([api.count('/retry/items'), api.count('/fail/check')]).toEqual([1, 1]);

    // Fix the failing node and save: the current version calls another path.
    await studio.configure(check, 'url', `${api.url}/fixed/check?n={{ $nodes.${fetch}.body[2].id }}`);
    await studio.save('fixed check');
    await studio.testId('run-details-link').click();
    await studio.page.waitForURL(/\/executions\/[^/]+$/);
    const failedRun = studio.page.url();
    await studio.waitForNodeStatus(check, 'failed');
    await studio.selectNode(check);
    await studio.testId('retry-version').selectOption('CURRENT');
    await studio.testId('retry-from-node-button').click();
    await studio.page.waitForURL((url) => url.href !== failedRun && /\/executions\/[^/]+$/.test(url.pathname));
    await studio.testId('retry-of').waitFor();
    await studio.waitForNodeStatus(check, 'succeeded');
    await studio.waitForNodeStatus(fetch, 'succeeded');
    expect([api.count('/retry/items'), api.count('/fail/check'), api.count('/fixed/check')]).toEqual([1, 1, 1]);
    expect(api.calls.at(-1)).toBe('/fixed/check?n=3');
    await studio.screenshot('node-loop-retry');

    // Debug in editor: the run's outputs are pinned in the flow's editor, and testing the last node calls only it.
    await studio.testId('debug-in-editor').click();
    await studio.page.waitForURL(/\/flows\/[^/]+$/);
    expect(await studio.testId('debug-pins-notice').textContent()).toMatch(/^Pinned the outputs of 3 nodes from run /);
    await studio.selectNode(fetch);
    await studio.testId('node-pinned-badge').waitFor();
    // Every node of that run is pinned, the tested one too: the test calls nothing.
    await studio.selectNode(check);
    await studio.testId('test-node').click();
    await studio.waitForNodeStatus(check, 'succeeded');
    expect([api.count('/retry/items'), api.count('/fixed/check')]).toEqual([1, 1]);
    // Unpinned, the tested node runs again on its upstream's pinned output.
    await studio.testId('open-node-view').click();
    await studio.testId('unpin').click();
    await studio.testId('node-view-close').click();
    await studio.testId('test-node').click();
    await api.waitForCalls('/fixed/check?n=3', 30_000, 2);
    expect([api.count('/retry/items'), api.count('/fixed/check')]).toEqual([1, 2]);
  });
});
