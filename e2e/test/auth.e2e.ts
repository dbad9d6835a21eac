import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from '../src/browser';
import { Studio } from '../src/studio';

describe('signing up, out and in', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('signs up, signs out, and signs back in to the flow list', async () => {
    const studio = new Studio(await browser.newPage(), inject('baseUrl'));
    const email = await studio.signUp();
    await studio.testId('sign-out').click();
    await studio.page.waitForURL(/\/sign-in/);
    await studio.testId('auth-email').fill(email);
    await studio.testId('auth-password').fill('correct horse battery');
    await studio.testId('auth-submit').click();
    await studio.testId('flow-list').waitFor();
    expect(await studio.testId('signed-in-user').textContent()).toBe(email);
  });

  it('sends a signed-out visitor to sign in and back where they were going', async () => {
    const page = await browser.newPage();
    await page.goto(`${inject('baseUrl')}/sign-in`);
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${inject('baseUrl')}/executions`);
    await page.waitForURL(/\/sign-in\?next=%2Fexecutions/);
  });

  it('refreshes the session without the user noticing when the access token is rejected or expiring', async () => {
    const studio = new Studio(await browser.newPage(), inject('baseUrl'));
    await studio.signUp();
    const tamper = (change: 'revoked' | 'expiring') =>
      studio.page.evaluate((how) => {
        const session = JSON.parse(localStorage.getItem('omnitron.session')!);
        if (how === 'revoked') session.accessToken = 'not-a-valid-token';
        else session.accessTokenExpiresAt = new Date(Date.now() - 1000).toISOString();
        localStorage.setItem('omnitron.session', JSON.stringify(session));
      }, change);
    for (const change of ['revoked', 'expiring'] as const) {
      await tamper(change);
      await studio.page.goto(`${inject('baseUrl')}/flows`);
      await studio.testId('new-flow').click();
      await studio.testId('node-start').waitFor();
      const token = await studio.page.evaluate(() => JSON.parse(localStorage.getItem('omnitron.session')!).accessToken as string);
      expect(token).not.toBe('not-a-valid-token');
    }
  });
});
