import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from '../src/browser';
import { Studio } from '../src/studio';

describe('account pages', () => {
  let browser: Browser;
  let studio: Studio;
  beforeAll(async () => {
    browser = await launchBrowser();
    studio = new Studio(await browser.newPage(), inject('baseUrl'));
    await studio.signUp();
  });
  afterAll(() => browser?.close());

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
});
