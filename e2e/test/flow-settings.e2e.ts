import { describe, expect, it } from 'vitest';
import { withSignedInStudio } from '../src/signed-in-studio';
import type { Studio } from '../src/studio';

const node = (id: string, type: string, data: Record<string, unknown> = {}, x = 0) => ({ id, type, position: { x, y: 0 }, data });

async function createFlow(studio: Studio, name: string, waitMs: number): Promise<string> {
  const nodes = [node('start', 'trigger.manual'), node('nap', 'delay', { ms: waitMs }, 250), node('out', 'output', {}, 500)];
  const edges = [{ id: 'e1', source: 'start', target: 'nap' }, { id: 'e2', source: 'nap', target: 'out' }];
  const data = await studio.graphql<{ createFlow: { id: string } }>('mutation ($input: FlowInput!) { createFlow(input: $input) { id } }', { input: { name, nodes, edges } });
  return data.createFlow.id;
}

describe('flow settings', () => {
  let studio: Studio;
  withSignedInStudio((signedIn) => (studio = signedIn));

  it('edits concurrency, priority and the error flow in the editor, refusing a bad key with its reason', async () => {
    const handler = await createFlow(studio, `On failure ${Date.now()}`, 10);
    const flowId = await createFlow(studio, `Limited ${Date.now()}`, 10);
    await studio.page.goto(`${studio.baseUrl}/flows/${flowId}`);
    await studio.testId('node-start').waitFor();
    await studio.testId('flow-settings-button').click();
    await studio.testId('settings-concurrency-limit').fill('2');
    // A key without {{ }} would give every run the same key: the server refuses it, and says why.
    await studio.testId('settings-concurrency-key').fill('$input.customerId');
    await studio.testId('settings-priority').fill('20');
    await studio.testId('settings-error-flow').selectOption(handler);
    await studio.testId('settings-save').click();
    const refused = studio.testId('settings-error');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/^concurrencyKey is not a usable key: it has no \{\{ \}\} expression/);
    await studio.testId('settings-concurrency-key').fill('{{ $input.customerId }}');
    await studio.testId('settings-save').click();
    await studio.testId('flow-settings-dialog').waitFor({ state: 'detached' });
    // Opened again, the dialog shows what was saved.
    await studio.testId('flow-settings-button').click();
    await studio.testId('settings-save').waitFor();
    expect(await studio.testId('settings-concurrency-limit').inputValue()).toBe('2');
    expect(await studio.testId('settings-concurrency-key').inputValue()).toBe('{{ $input.customerId }}');
    expect(await studio.testId('settings-priority').inputValue()).toBe('20');
    expect(await studio.testId('settings-error-flow').inputValue()).toBe(handler);
  });

  it('shows queued runs waiting for a slot of their key', async () => {
    const flowId = await createFlow(studio, `Per customer ${Date.now()}`, 900);
    await studio.graphql('mutation ($id: ID!, $input: FlowSettingsInput!) { updateFlowSettings(id: $id, input: $input) { id } }', {
      id: flowId,
      input: { concurrencyKey: '{{ $input.customerId }}', concurrencyKeyLimit: 1 },
    });
    const ids: string[] = [];
    // Each run sleeps 900 ms in its slot (shorter than a park): one at a time, the others queue for ~5 s.
    for (let i = 0; i < 6; i++) {
      const started = await studio.graphql<{ startExecution: { id: string } }>('mutation ($id: ID!, $input: JSON) { startExecution(flowId: $id, input: $input) { id } }', { id: flowId, input: { customerId: 'c-42', i } });
      ids.push(started.startExecution.id);
    }
    await studio.page.goto(`${studio.baseUrl}/executions?flowId=${flowId}`);
    const reason = studio.page.locator(`[data-testid="execution-row-${ids.at(-1)!}"] [data-testid="queued-reason"]`);
    await reason.waitFor();
    expect((await reason.textContent())?.trim()).toBe('waiting for a slot: key c-42');
    // Once run, a run no longer shows a reason.
    await reason.waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('turns on ephemeral webhook runs for a pure webhook flow, and refuses it naming a node that needs the worker', async () => {
    const path = `e2e-ephemeral-${Date.now()}`;
    const nodes = [node('hook', 'trigger.webhook', { path }), node('set', 'transform', { expression: '{ "n": $input.body.n * 2 }' }, 250), node('answer', 'respond', { body: { n: '{{ $nodes.set.n }}' } }, 500)];
    const edges = [{ id: 'e1', source: 'hook', target: 'set' }, { id: 'e2', source: 'set', target: 'answer' }];
    const created = await studio.graphql<{ createFlow: { id: string } }>('mutation ($input: FlowInput!) { createFlow(input: $input) { id } }', { input: { name: `Ephemeral ${Date.now()}`, nodes, edges } });
    const parked = [node('hook', 'trigger.webhook', { path: `${path}-parked` }), node('nap', 'delay', { ms: 10 }, 250)];
    const slow = await studio.graphql<{ createFlow: { id: string } }>('mutation ($input: FlowInput!) { createFlow(input: $input) { id } }', {
      input: { name: `Not ephemeral ${Date.now()}`, nodes: parked, edges: [{ id: 'e1', source: 'hook', target: 'nap' }] },
    });

    await studio.page.goto(`${studio.baseUrl}/flows/${slow.createFlow.id}`);
    await studio.testId('node-nap').waitFor();
    await studio.testId('flow-settings-button').click();
    expect(await studio.testId('settings-ephemeral-effects').isDisabled()).toBe(true);
    await studio.testId('settings-ephemeral').check();
    await studio.testId('settings-save').click();
    const refused = studio.testId('settings-error');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/Node "nap" \(delay\) needs the worker/);

    await studio.page.goto(`${studio.baseUrl}/flows/${created.createFlow.id}`);
    await studio.testId('node-hook').waitFor();
    await studio.testId('flow-settings-button').click();
    await studio.testId('settings-ephemeral').check();
    await studio.testId('settings-save').click();
    await studio.testId('flow-settings-dialog').waitFor({ state: 'detached' });
    await studio.testId('flow-settings-button').click();
    await studio.testId('settings-save').waitFor();
    expect(await studio.testId('settings-ephemeral').isChecked()).toBe(true);
    expect(await studio.testId('settings-ephemeral-effects').isChecked()).toBe(false);
  });
});
