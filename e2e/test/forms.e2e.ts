import { describe, expect, it } from 'vitest';
import { withSignedInStudio } from '../src/signed-in-studio';
import type { Studio } from '../src/studio';

/** The saved flow's node data, read through the API as the signed-in user. */
function savedNodeData(studio: Studio, flowId: string, nodeId: string): Promise<Record<string, unknown> | undefined> {
  return studio.page.evaluate(
    async ([flowId, nodeId]) => {
      const { accessToken } = JSON.parse(localStorage.getItem('omnitron.session')!) as { accessToken: string };
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ query: 'query($id: ID!) { flow(id: $id) { nodes } }', variables: { id: flowId } }),
      });
      const body = (await response.json()) as { data?: { flow: { nodes: Array<{ id: string; data: Record<string, unknown> }> } } };
      return body.data?.flow.nodes.find((node) => node.id === nodeId)?.data;
    },
    [flowId, nodeId] as const,
  );
}

const waitForTitle = (studio: Studio, title: string) => studio.page.waitForFunction((want) => document.title === want, title);

describe('forms people read', () => {
  let studio: Studio;
  withSignedInStudio((signedIn) => (studio = signedIn));

  it('labels fields from the node definition and round-trips headers edited as rows to the saved flow', async () => {
    const flowId = await studio.createEmptyFlow();
    const call = await studio.dragNode('http.request', 420, 250);
    await studio.selectNode(call);
    expect(await studio.testId('field-url-field').locator('label').first().textContent()).toContain('URL');
    expect(await studio.page.locator('label[for="field-failOnHttpError"]').textContent()).toBe('Fail on an error status');
    await studio.testId('field-url').fill('https://api.example.com/orders');
    await studio.testId('field-headers-add').click();
    await studio.testId('field-headers-name-0').fill('x-trace');
    await studio.testId('field-headers-value-0').fill('{{ $input.trace }}');
    await studio.testId('field-headers-add').click();
    await studio.testId('field-headers-name-1').fill('accept');
    await studio.testId('field-headers-value-1').fill('application/json');
    await studio.testId('field-query-add').click();
    await studio.testId('field-query-name-0').fill('page');
    await studio.testId('field-query-value-0').fill('2');
    await studio.save('headers as rows');
    const saved = await savedNodeData(studio, flowId, call);
    expect(saved).toMatchObject({ url: 'https://api.example.com/orders', headers: { 'x-trace': '{{ $input.trace }}', accept: 'application/json' }, query: { page: '2' } });

    // Removing a row removes the header; a reload shows the rows the flow saved.
    await studio.testId('field-headers-remove-1').click();
    await studio.save('one header');
    expect((await savedNodeData(studio, flowId, call))?.headers).toEqual({ 'x-trace': '{{ $input.trace }}' });
    await studio.page.reload();
    await studio.selectNode(call);
    expect(await studio.testId('field-headers-name-0').inputValue()).toBe('x-trace');
    expect(await studio.testId('field-headers-value-0').inputValue()).toBe('{{ $input.trace }}');
    expect(await studio.testId('field-headers-name-1').count()).toBe(0);
  });

  it('previews an expression as it is typed, and points at an error', async () => {
    await studio.createEmptyFlow();
    const shape = await studio.dragNode('transform', 420, 250);
    await studio.connect('start', 'out', shape);
    await studio.selectNode(shape);
    await studio.testId('field-expression').fill('{ "total": 2 * 21 }');
    const preview = studio.testId('field-expression-preview');
    await preview.filter({ hasText: 'against an empty input' }).waitFor();
    await studio.testId('field-expression-preview-value').filter({ hasText: '"total": 42' }).waitFor();

    await studio.testId('field-expression').fill('{ "total": 2 *\n  }');
    await studio.testId('field-expression-preview-message').waitFor();
    // The `}` JSONata did not expect, on line 2 column 3.
    expect(await studio.testId('field-expression-preview-position').textContent()).toBe('(line 2, column 3)');
    await studio.screenshot('expression-error');
  });

  it('previews against the last run and completes paths found in its data', async () => {
    await studio.createEmptyFlow();
    const shape = await studio.dragNode('transform', 420, 250);
    await studio.connect('start', 'out', shape);
    await studio.configure(shape, 'expression', '$');
    await studio.save('echo');
    await studio.run({ customer: { name: 'Ada' } });
    await studio.waitForRunStatus('succeeded');
    await studio.selectNode(shape);
    const field = studio.testId('field-expression');
    await field.fill('');
    await field.pressSequentially('$input.cus');
    const completions = studio.testId('field-expression-completions');
    await completions.getByText('$input.customer', { exact: true }).waitFor();
    await studio.page.keyboard.press('Enter');
    expect(await field.inputValue()).toBe('$input.customer');
    await field.pressSequentially('.name');
    await studio.testId('field-expression-preview').filter({ hasText: 'against the last run' }).waitFor();
    await studio.testId('field-expression-preview-value').filter({ hasText: '"Ada"' }).waitFor();
  });

  it('builds a cron pattern from a preset and its parts, and the preview follows', async () => {
    await studio.createEmptyFlow();
    const schedule = await studio.dragNode('trigger.schedule', 420, 250);
    await studio.selectNode(schedule);
    await studio.testId('cron-preset').selectOption('0 9 * * 1-5');
    await studio.page.waitForFunction(() => document.querySelectorAll('[data-testid="schedule-preview"] li').length === 5);
    await studio.testId('cron-part-hour').fill('7');
    expect(await studio.testId('field-cron').inputValue()).toBe('0 7 * * 1-5');
    await studio.page.waitForFunction(() => {
      const times = [...document.querySelectorAll('[data-testid="schedule-preview"] li')].map((li) => li.textContent ?? '');
      return times.length === 5 && times.every((time) => /\b0?7:00/.test(time));
    });
    await studio.testId('cron-seconds').check();
    expect(await studio.testId('field-cron').inputValue()).toBe('0 0 7 * * 1-5');
    expect(await studio.testId('cron-preset').inputValue()).toBe('');
    await studio.screenshot('cron-builder');
  });

  it('opens a focused node with Enter and moves it with the arrow keys', async () => {
    await studio.createEmptyFlow();
    const shape = await studio.dragNode('transform', 420, 250);
    await studio.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await studio.testId('config-node-id').waitFor({ state: 'detached' });
    await studio.page.locator(`.react-flow__node[data-id="${shape}"]`).focus();
    await studio.page.keyboard.press('Enter');
    await studio.testId('config-node-id').filter({ hasText: shape }).waitFor();
    const before = await studio.testId(`node-${shape}`).boundingBox();
    await studio.page.keyboard.press('ArrowRight');
    await studio.page.keyboard.press('ArrowRight');
    await studio.page.waitForFunction(
      ([id, x]) => (document.querySelector(`[data-testid="node-${id}"]`)?.getBoundingClientRect().x ?? 0) > Number(x) + 10,
      [shape, before!.x] as const,
    );
    // The burst of arrow presses is one undo step.
    await studio.page.keyboard.press('Control+z');
    await studio.page.waitForFunction(
      ([id, x]) => Math.abs((document.querySelector(`[data-testid="node-${id}"]`)?.getBoundingClientRect().x ?? 0) - Number(x)) < 2,
      [shape, before!.x] as const,
    );
  });

  it('names every page in the browser tab', async () => {
    await studio.page.goto(`${studio.baseUrl}/flows`);
    await waitForTitle(studio, 'Flows · Omnitron Studio');
    await studio.page.goto(`${studio.baseUrl}/executions`);
    await waitForTitle(studio, 'Executions · Omnitron Studio');
    await studio.page.goto(`${studio.baseUrl}/credentials`);
    await waitForTitle(studio, 'Credentials · Omnitron Studio');
    await studio.createEmptyFlow();
    await studio.page.waitForFunction(() => / · Flow editor · Omnitron Studio$/.test(document.title));
    expect(await studio.page.title()).not.toBe('Flow editor · Omnitron Studio');
  });
});
