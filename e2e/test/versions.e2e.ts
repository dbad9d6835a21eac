import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from '../src/browser';
import { Studio } from '../src/studio';

describe('versions and templates', () => {
  let browser: Browser;
  let studio: Studio;
  beforeAll(async () => {
    browser = await launchBrowser();
    studio = new Studio(await browser.newPage(), inject('baseUrl'));
    await studio.signUp();
  });
  afterAll(() => browser?.close());

  it('restores an older version of a flow', async () => {
    await studio.createEmptyFlow();
    const a = await studio.dragNode('transform', 420, 250);
    await studio.connect('start', 'out', a);
    await studio.configure(a, 'expression', '1');
    await studio.save('one transform');
    const b = await studio.dragNode('transform', 700, 250);
    await studio.connect(a, 'out', b);
    await studio.configure(b, 'expression', '2');
    await studio.save('two transforms');
    expect(await studio.nodeIds()).toHaveLength(3);
    await studio.testId('versions-button').click();
    const versions = studio.page.locator('[data-testid^="restore-version-"]');
    await versions.first().waitFor();
    const oneTransform = studio.page.locator('[data-testid^="version-"]', { hasText: 'one transform' });
    await oneTransform.locator('[data-testid^="restore-version-"]').click();
    await studio.page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 2);
    expect(await studio.nodeIds()).toEqual(expect.arrayContaining(['start', a]));
  });

  it('creates a flow from a template and runs it', async () => {
    await studio.page.goto(`${inject('baseUrl')}/flows`);
    await studio.testId('from-template').click();
    await studio.testId('template-code-cleanup').click();
    await studio.page.waitForURL(/\/flows\/[^/]+$/);
    await studio.testId('node-clean').waitFor();
    await studio.run({ rows: [{ name: '  Ada ' }, null, { name: 'Grace' }] });
    await studio.waitForNodeStatus('clean', 'succeeded');
    await studio.waitForRunStatus('succeeded');
  });
});
