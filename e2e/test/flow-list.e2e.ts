import { describe, expect, it } from 'vitest';
import { withSignedInStudio } from '../src/signed-in-studio';
import type { Studio } from '../src/studio';

describe('the flow list: search and trash', () => {
  let studio: Studio;
  withSignedInStudio((signedIn) => (studio = signedIn));

  it('says no flow matches a search, and clears the search from there', async () => {
    const flowId = await studio.createEmptyFlow();
    await studio.page.goto(`${studio.baseUrl}/flows`);
    await studio.testId(`flow-row-${flowId}`).waitFor();
    await studio.testId('flow-search').fill('no-such-flow-anywhere');
    const empty = studio.testId('flow-list-empty');
    await empty.filter({ hasText: 'No flows match “no-such-flow-anywhere”.' }).waitFor();
    expect(await empty.textContent()).not.toContain('No flows yet');
    await studio.testId('clear-flow-filters').click();
    await studio.testId(`flow-row-${flowId}`).waitFor();
    expect(await studio.testId('flow-search').inputValue()).toBe('');
    expect(await empty.count()).toBe(0);
  });

  it('lists flows found by meaning without internal ranking text', async () => {
    await studio.page.goto(`${studio.baseUrl}/flows`);
    await studio.testId('search-by-meaning').check();
    await studio.testId('flow-search').fill('Untitled');
    const results = studio.testId('flow-search-results');
    await results.locator('li a', { hasText: 'Untitled flow' }).first().waitFor({ timeout: 30_000 });
    const text = await results.textContent();
    expect(text).not.toMatch(/lexical|semantic|\d\.\d\d/i);
    expect(await studio.testId('flow-search-ranking').textContent()).toMatch(/^(Closest in meaning first|Ordered by matching words)/);
  });

  it('shows why the deleted flows could not be loaded instead of an empty trash', async () => {
    // The failure is injected at the browser's network layer: the studio's handling is under test.
    await studio.page.route('**/graphql', async (route) => {
      if (!route.request().postData()?.includes('query DeletedFlows')) return route.fallback();
      await route.fulfill({ json: { data: null, errors: [{ message: 'The flows service is not reachable', extensions: { code: 'INTERNAL' } }] } });
    });
    try {
      await studio.page.goto(`${studio.baseUrl}/flows`);
      const trash = studio.testId('deleted-flows');
      await trash.locator('summary').click();
      const error = trash.locator('[data-testid="query-error"]');
      await error.waitFor();
      expect(await error.textContent()).toBe('The deleted flows could not be loaded: The flows service is not reachable');
      expect(await trash.locator('summary').textContent()).toBe('Deleted flows');
    } finally {
      await studio.page.unroute('**/graphql');
    }
  });
});
