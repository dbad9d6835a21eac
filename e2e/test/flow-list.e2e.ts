import { describe, expect, it } from 'vitest';
import { withSignedInStudio } from '../src/signed-in-studio';
import type { Studio } from '../src/studio';

describe('first contact: a new user with no flows starts from a template card', () => {
  let studio: Studio;
  withSignedInStudio((signedIn) => (studio = signedIn));

  it('offers the templates as cards, says which needs an AI provider with a link to set one up', async () => {
    await studio.page.goto(`${studio.baseUrl}/flows`);
    const empty = studio.testId('flow-list-empty');
    await empty.filter({ hasText: 'No flows yet' }).waitFor();
    const cards = studio.page.locator('[data-testid^="start-template-card-"]');
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThanOrEqual(8);
    const ai = studio.testId('start-template-card-ai-summarize');
    expect(await ai.locator('[data-testid="needs-ai-provider"]').textContent()).toContain('Needs an AI provider');
    const code = studio.testId('start-template-card-code-cleanup');
    expect(await code.locator('[data-testid="template-needs"]').count()).toBe(0);
    expect(await studio.testId('start-template-card-database-report').locator('[data-testid="needs-credential"]').textContent()).toContain('POSTGRES');
    await code.locator('summary').click();
    expect(JSON.parse((await code.locator('[data-testid="template-sample-input"]').textContent())!)).toMatchObject({ rows: expect.any(Array) });
    await ai.locator('[data-testid="needs-ai-provider-link"]').click();
    await studio.page.waitForURL(/\/ai-providers$/);
    await studio.page.locator('h1', { hasText: 'AI providers' }).waitFor();
  });

  it('creates an inactive flow from a card and runs it with the sample input shown on the card', async () => {
    await studio.page.goto(`${studio.baseUrl}/flows`);
    const card = studio.testId('start-template-card-code-cleanup');
    await card.locator('summary').click();
    const sample = JSON.parse((await card.locator('[data-testid="template-sample-input"]').textContent())!) as { rows: unknown[] };
    await studio.testId('start-template-code-cleanup').click();
    await studio.page.waitForURL(/\/flows\/[^/]+$/);
    await studio.testId('node-clean').waitFor();
    expect(await studio.testId('activation-state').textContent()).toBe('Inactive');
    await studio.testId('run-button').click();
    // The flow's sample input comes from the server (Flow.sampleInput): the dialog may show `{}` until it arrives.
    await expect.poll(async () => JSON.parse(await studio.testId('run-input').inputValue()) as unknown, { timeout: 15_000 }).toEqual(sample);
    await studio.testId('run-confirm').click();
    await studio.waitForRunStatus('succeeded');
    await studio.waitForNodeStatus('clean', 'succeeded');
    await studio.selectNode('clean');
    const output = JSON.parse((await studio.testId('node-run-output').textContent())!) as { rows: { email: string }[]; dropped: number };
    expect(output.rows.map((row) => row.email)).toEqual(['ada@example.com', 'alan@example.org']);
    expect(output.dropped).toBe(2);
  });
});

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
