import { describe, expect, it } from 'vitest';
import { withSignedInStudio } from '../src/signed-in-studio';
import type { Studio } from '../src/studio';

/** trigger -> transform, saved and run once; answers the flow's id once the run succeeded. */
async function runOnce(studio: Studio): Promise<string> {
  const flowId = await studio.createEmptyFlow();
  const step = await studio.dragNode('transform', 420, 250);
  await studio.connect('start', 'out', step);
  await studio.configure(step, 'expression', '"done"');
  await studio.save('one step');
  await studio.run({});
  await studio.waitForRunStatus('succeeded');
  return flowId;
}

/**
 * trigger -> http.request (fails twice: nothing listens on port 9 of 127.0.0.1; two attempts) ->
 * transform, saved and run once from the editor; answers the flow's id and the two nodes' ids once
 * the run failed.
 */
async function failOnce(studio: Studio): Promise<{ flowId: string; call: string; after: string }> {
  const flowId = await studio.createEmptyFlow();
  const call = await studio.dragNode('http.request', 420, 250);
  await studio.connect('start', 'out', call);
  await studio.configure(call, 'url', 'http://127.0.0.1:9/refused');
  await studio.testId('field-retry-maxAttempts').fill('2');
  await studio.testId('field-retry-delayMs').fill('200');
  const after = await studio.dragNode('transform', 700, 250);
  await studio.connect(call, 'out', after);
  await studio.configure(after, 'expression', '"never"');
  await studio.save('fails at the call');
  await studio.run({});
  await studio.waitForRunStatus('failed');
  return { flowId, call, after };
}

/** The browser's calendar day, as `<input type="date">` takes it. */
const today = (studio: Studio) => studio.page.evaluate(() => new Date().toLocaleDateString('en-CA'));

describe('the Executions page', () => {
  let studio: Studio;
  withSignedInStudio((signedIn) => (studio = signedIn));

  it("keeps listing a deleted flow's runs under the name the run pinned", async () => {
    const kept = await runOnce(studio);
    const deleted = await runOnce(studio);
    await studio.page.goto(`${studio.baseUrl}/flows`);
    const row = studio.testId(`flow-row-${deleted}`);
    studio.page.once('dialog', (dialog) => void dialog.accept());
    await row.locator('[data-testid="delete-flow"]').click();
    await row.waitFor({ state: 'detached' });

    await studio.testId('nav-executions').click();
    const rows = studio.testId('execution-list').locator('tbody tr');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    expect(await studio.testId('execution-flow-name').allTextContents()).toEqual(['Untitled flow', 'Untitled flow']);
    const links = await studio.testId('execution-flow-name').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual([`/flows/${deleted}`, `/flows/${kept}`]);
    expect(await studio.testId('query-error').count()).toBe(0);

    // Its run page still draws the graph that ran, from the run.
    await rows.first().locator('a').first().click();
    await studio.testId('ran-version').filter({ hasText: 'the flow has since been deleted' }).waitFor();
    expect(await studio.page.locator('#execution-title').textContent()).toBe('Run of Untitled flow');
    await studio.testId('node-start').waitFor();
    expect(await studio.nodeIds()).toHaveLength(2);
  });

  it("shows the list query's error instead of an empty list", async () => {
    // The failure is injected at the browser's network layer: the studio's handling is under test.
    await studio.page.route('**/graphql', async (route) => {
      if (!route.request().postData()?.includes('query ExecutionList')) return route.fallback();
      await route.fulfill({ json: { data: null, errors: [{ message: 'The executions service is not reachable', extensions: { code: 'INTERNAL' } }] } });
    });
    try {
      await studio.page.goto(`${studio.baseUrl}/executions`);
      await studio.testId('query-error').waitFor();
      expect(await studio.testId('query-error').textContent()).toBe('The runs could not be loaded: The executions service is not reachable');
    } finally {
      await studio.page.unroute('**/graphql');
    }
  });

  it('shows the failing node\'s error on the canvas and the nodes after it as not run, live and on the run page', async () => {
    const { call, after } = await failOnce(studio);
    // The editor's live run: the error on the node, "not run" (not "queued") behind it.
    expect(await studio.testId(`node-error-${call}`).textContent()).toMatch(/^HTTP_ERROR: GET http:\/\/127\.0\.0\.1:9\/refused failed/);
    await studio.page.locator(`[data-testid="node-status-${after}"][data-status="not-run"]`).waitFor();
    expect(await studio.testId(`node-status-${after}`).textContent()).toBe('not run');
    expect(await studio.testId(`node-status-${call}`).textContent()).toMatch(/^failed · attempt 2/);

    // The run page opens with the failing node in the panel, its error and its attempt with its timing.
    await studio.testId('run-details-link').click();
    await studio.page.waitForURL(/\/executions\//);
    await studio.testId('config-node-id').filter({ hasText: call }).waitFor();
    expect(await studio.testId('node-run-error').textContent()).toMatch(/^HTTP_ERROR: /);
    // Once the run's events are replayed, each attempt has its start and duration.
    await studio.testId('replay-position').filter({ hasText: /^[1-9]\d*\/[1-9]/ }).waitFor();
    for (const attempt of [1, 2]) {
      expect(await studio.testId(`node-run-attempt-${attempt}`).textContent()).toMatch(new RegExp(`^Attempt ${attempt} at \\d\\d:\\d\\d:\\d\\d\\.\\d{3}, [\\d.]+ m?s: HTTP_ERROR: `));
    }
    expect(await studio.testId(`node-error-${call}`).textContent()).toMatch(/^HTTP_ERROR: /);
    await studio.page.locator(`[data-testid="node-status-${after}"][data-status="not-run"]`).waitFor();
    expect(await studio.page.locator('[data-testid^="node-status-"][data-status="queued"]').count()).toBe(0);
  });

  it('filters runs by flow, status, trigger and date, and retries and deletes a run from its row', async () => {
    const okFlow = await runOnce(studio);
    const { flowId: failingFlow } = await failOnce(studio);
    await studio.testId('nav-executions').click();
    const list = studio.testId('execution-list');
    const rows = list.locator('tbody tr');
    const rowIds = async () => (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')!.replace('execution-row-', '')))).sort();
    /** Waits for the list to show exactly `count` rows (it refetches on each filter change). */
    const expectRows = async (count: number) => {
      await studio.page.waitForFunction((n) => document.querySelectorAll('[data-testid="execution-list"] tbody tr').length === n && document.querySelector('[data-testid="execution-list"]')?.getAttribute('aria-busy') === 'false', count);
    };
    await rows.first().waitFor();
    const all = await rowIds();

    await studio.testId('execution-flow-filter').selectOption(failingFlow);
    await expectRows(1);
    const [failedRun] = await rowIds();
    expect(await list.locator('[data-testid="execution-flow-name"]').getAttribute('href')).toBe(`/flows/${failingFlow}`);
    await studio.testId('execution-status-filter').selectOption('SUCCEEDED');
    await expectRows(0);
    expect(await studio.testId('no-executions').textContent()).toBe('No runs match these filters.');
    await studio.testId('execution-clear-filters').click();
    await expectRows(all.length);

    await studio.testId('execution-flow-filter').selectOption(okFlow);
    await studio.testId('execution-status-filter').selectOption('SUCCEEDED');
    await expectRows(1);
    await studio.testId('execution-status-filter').selectOption('');
    await studio.testId('execution-trigger-filter').selectOption('MANUAL');
    await expectRows(1);
    expect(await list.locator('[data-testid="execution-trigger"]').textContent()).toBe('by hand or API');
    await studio.testId('execution-trigger-filter').selectOption('WEBHOOK');
    await expectRows(0);
    await studio.testId('execution-clear-filters').click();
    await expectRows(all.length);

    // Dates: today holds every run; from tomorrow, none.
    const day = await today(studio);
    await studio.testId('execution-from-filter').fill(day);
    await studio.testId('execution-to-filter').fill(day);
    await expectRows(all.length);
    const tomorrow = await studio.page.evaluate(() => new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA'));
    await studio.testId('execution-to-filter').fill('');
    await studio.testId('execution-from-filter').fill(tomorrow);
    await expectRows(0);
    await studio.testId('execution-clear-filters').click();
    await expectRows(all.length);

    // Retry from the row: the new run opens, and is listed as a retry.
    await studio.testId(`execution-row-${failedRun}`).locator('[data-testid="retry-execution"]').click();
    await studio.page.waitForURL((url) => /\/executions\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(failedRun!));
    const retryRun = studio.page.url().split('/').pop()!;
    await studio.testId('nav-executions').click();
    await studio.testId('execution-trigger-filter').selectOption('RETRY');
    await expectRows(1);
    expect(await rowIds()).toEqual([retryRun]);
    await studio.testId('execution-clear-filters').click();
    await expectRows(all.length + 1);

    // Delete from the row, after the confirmation.
    studio.page.once('dialog', (dialog) => void dialog.accept());
    await studio.testId(`execution-row-${failedRun}`).locator('[data-testid="delete-execution"]').click();
    await studio.testId(`execution-row-${failedRun}`).waitFor({ state: 'detached' });
    await expectRows(all.length);
    await studio.page.reload();
    await rows.first().waitFor();
    expect(await rowIds()).not.toContain(failedRun);
    expect(await studio.testId('execution-action-error').count()).toBe(0);
  });
});
