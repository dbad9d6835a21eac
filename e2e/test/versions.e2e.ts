import { describe, expect, inject, it } from 'vitest';
import { withSignedInStudio } from '../src/signed-in-studio';
import { Studio } from '../src/studio';

describe('versions and templates', () => {
  let studio: Studio;
  withSignedInStudio((signedIn) => (studio = signedIn));

  it('restores an older version of a flow, after asking', async () => {
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
    // Nothing is restored until the user confirms: "Keep editing" leaves the canvas as it is.
    await studio.testId('restore-confirmation').waitFor();
    await studio.testId('restore-cancel').click();
    await studio.testId('restore-confirmation').waitFor({ state: 'detached' });
    expect(await studio.nodeIds()).toHaveLength(3);
    await oneTransform.locator('[data-testid^="restore-version-"]').click();
    await studio.testId('restore-confirm').click();
    await studio.page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 2);
    expect(await studio.nodeIds()).toEqual(expect.arrayContaining(['start', a]));
  });

  it('shows who saved each version and what the draft changed against it, node by node', async () => {
    await studio.createEmptyFlow();
    const a = await studio.dragNode('transform', 420, 250);
    await studio.connect('start', 'out', a);
    await studio.configure(a, 'expression', '1');
    await studio.save('first');
    // The draft, not saved: a changed expression on `a`, a new node connected after it.
    await studio.configure(a, 'expression', '2');
    const b = await studio.dragNode('transform', 700, 250);
    await studio.connect(a, 'out', b);
    await studio.testId('versions-button').click();
    const author = studio.testId('version-author-2');
    await author.waitFor();
    expect(await author.textContent()).toMatch(/^by E2E User \(user-.+@example\.com\)$/);
    await studio.testId('compare-version-2').click();
    const diff = studio.testId('version-diff-2');
    await diff.waitFor();
    expect(await diff.locator(`[data-testid="diff-changed-${a}"]`).textContent()).toBe(`~ changed ${a} (transform): data.expression`);
    expect(await diff.locator(`[data-testid="diff-added-${b}"]`).textContent()).toBe(`+ added ${b} (transform)`);
    expect(await diff.locator('[data-testid="diff-edge-added"]').textContent()).toBe(`+ connection ${a}:out → ${b}:in`);
    expect(await diff.locator('[data-testid^="diff-removed-"]').count()).toBe(0);
    // Against v1 (the empty flow) `a` is new as well, and `start` is unchanged.
    await studio.testId('compare-version-1').click();
    const first = studio.testId('version-diff-1');
    await first.locator(`[data-testid="diff-added-${a}"]`).waitFor();
    expect(await first.locator('[data-testid="diff-changed-start"]').count()).toBe(0);
    // Saved, so the next spec's navigation is not held by the unsaved-changes guard.
    await studio.page.keyboard.press('Escape');
    await studio.save('the draft');
  });

  it('shows what the other save changed when a save conflicts', async () => {
    const flowId = await studio.createEmptyFlow();
    const other = new Studio(await studio.page.context().newPage(), studio.baseUrl);
    try {
      await other.page.goto(`${inject('baseUrl')}/flows/${flowId}`);
      await other.testId('node-start').waitFor();
      const theirs = await other.dragNode('transform', 420, 250);
      await other.connect('start', 'out', theirs);
      await other.save('theirs');
      await studio.dragNode('delay', 420, 250);
      await studio.testId('save-button').click();
      await studio.testId('save-message').fill('mine');
      await studio.testId('save-confirm').click();
      const changes = studio.testId('conflict-changes');
      await changes.waitFor();
      const diff = changes.locator('[data-testid="conflict-diff"]');
      await diff.locator(`[data-testid="diff-added-${theirs}"]`).waitFor();
      expect(await changes.textContent()).toContain('v2 was saved by E2E User');
      expect(await diff.locator('[data-testid="diff-edge-added"]').textContent()).toBe(`+ connection start:out → ${theirs}:in`);
      expect(await diff.locator('[data-testid^="diff-removed-"]').count()).toBe(0);
    } finally {
      await other.page.close();
    }
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
