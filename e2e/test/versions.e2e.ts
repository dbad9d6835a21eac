import { describe, expect, inject, it } from 'vitest';
import { withSignedInStudio } from '../src/signed-in-studio';
import type { Studio } from '../src/studio';

describe('versions and templates', () => {
  let studio: Studio;
  withSignedInStudio((signedIn) => (studio = signedIn));

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

  it('exports a flow to a file, imports it back, and deletes and restores it', async () => {
    const flowId = await studio.createEmptyFlow();
    await studio.page.goto(`${inject('baseUrl')}/flows`);
    const row = studio.testId(`flow-row-${flowId}`);
    const [download] = await Promise.all([studio.page.waitForEvent('download'), row.locator('[data-testid="export-flow"]').click()]);
    const file = await download.path();
    await studio.testId('import-flow-file').setInputFiles(file);
    await studio.page.waitForURL((url) => /\/flows\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(flowId));
    await studio.testId('node-start').waitFor();
    await studio.page.goto(`${inject('baseUrl')}/flows`);
    studio.page.once('dialog', (dialog) => void dialog.accept());
    await row.locator('[data-testid="delete-flow"]').click();
    await row.waitFor({ state: 'detached' });
    await studio.testId('deleted-flows').locator('summary').click();
    await studio.testId(`restore-flow-${flowId}`).click();
    await row.waitFor();
  });
});
