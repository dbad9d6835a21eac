import { describe, expect, inject, it } from 'vitest';
import { withSignedInStudio } from '../src/signed-in-studio';
import type { Studio } from '../src/studio';

describe('account pages', () => {
  let studio: Studio;
  withSignedInStudio((signedIn) => (studio = signedIn));

  it('creates an API key, shows its secret once, and revokes it', async () => {
    await studio.testId('nav-api-keys').click();
    await studio.testId('api-key-name').fill('ci');
    await studio.testId('create-api-key').click();
    const secret = await studio.testId('api-key-secret').textContent();
    expect(secret?.length).toBeGreaterThan(20);
    const row = studio.testId('api-key-list').locator('tbody tr', { hasText: 'ci' });
    await row.waitFor();
    studio.page.once('dialog', (dialog) => void dialog.accept());
    await row.locator('[data-testid="revoke-api-key"]').click();
    await row.waitFor({ state: 'detached' });
  });

  it('shows the dashboard with runs per day and service health', async () => {
    await studio.testId('nav-dashboard').click();
    await studio.testId('runs-chart').waitFor();
    await studio.testId('health-flows').filter({ hasText: 'ready' }).waitFor();
  });

  it('lists AI providers', async () => {
    await studio.testId('nav-ai-providers').click();
    await studio.testId('ai-provider-list').waitFor();
    await studio.testId('ai-provider-form').waitFor();
  });

  it('switches to another workspace and keeps the choice across a reload', async () => {
    const created = await studio.createWorkspace('Team');
    await studio.page.goto(`${inject('baseUrl')}/flows`);
    const switcher = studio.testId('workspace-switcher');
    await switcher.locator('option', { hasText: 'Team' }).waitFor({ state: 'attached' });
    await switcher.selectOption(created);
    await studio.page.waitForURL(/\/flows$/);
    await studio.testId('flow-list').waitFor();
    expect(await switcher.inputValue()).toBe(created);
  });
});
