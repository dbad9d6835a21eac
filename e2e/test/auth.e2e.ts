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
});
