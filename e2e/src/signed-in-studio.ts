import { afterAll, beforeAll, inject } from 'vitest';
import { launchBrowser, type Browser } from './browser';
import { Studio } from './studio';

/**
 * For a describe block: a fresh Chromium with a newly signed-up user, handed to `use` before the
 * tests run, and closed after them.
 */
export function withSignedInStudio(use: (studio: Studio) => void): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    const studio = new Studio(await browser.newPage(), inject('baseUrl'));
    await studio.signUp();
    use(studio);
  });
  afterAll(() => browser?.close());
}
