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
      if (!route.request().postData()?.includes('query Executions')) return route.fallback();
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
});
