import { describe, expect, it } from 'vitest';
import { withSignedInStudio } from '../src/signed-in-studio';
import type { Studio } from '../src/studio';

/** Saves a flow (`trigger` -> output) through the API as the signed-in user; returns its id. */
function createTriggeredFlow(studio: Studio, trigger: { type: string; data: Record<string, unknown> }): Promise<string> {
  return studio.page.evaluate(async (trigger) => {
    const { accessToken } = JSON.parse(localStorage.getItem('omnitron.session')!) as { accessToken: string };
    const node = (id: string, type: string, x: number, data: Record<string, unknown>) => ({ id, type, position: { x, y: 200 }, data });
    const input = {
      name: 'Triggered flow',
      nodes: [node('hook', trigger.type, 100, trigger.data), node('out', 'output', 420, { expression: '{ "got": $input.body.n }' })],
      edges: [{ id: 'e1', source: 'hook', target: 'out', sourceHandle: 'out', targetHandle: 'in' }],
    };
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query: 'mutation($input: FlowInput!) { createFlow(input: $input) { id } }', variables: { input } }),
    });
    const body = (await response.json()) as { data?: { createFlow: { id: string } } };
    if (!body.data) throw new Error(`createFlow failed: ${JSON.stringify(body)}`);
    return body.data.createFlow.id;
  }, trigger);
}

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('webhook triggers in the studio', () => {
  let studio: Studio;
  withSignedInStudio((signedIn) => (studio = signedIn));

  it('activates a flow, copies its test URL, and a request sent while listening drives a run', async () => {
    const path = `e2e/${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const flowId = await createTriggeredFlow(studio, { type: 'trigger.webhook', data: { path } });
    await studio.page.goto(`${studio.baseUrl}/flows/${flowId}`);
    await studio.testId('activation-state').filter({ hasText: /^Inactive$/ }).waitFor();
    expect((await post(`${studio.baseUrl}/webhooks/${path}`, { n: 1 })).status).toBe(404);

    await studio.testId('activation-toggle').click();
    await studio.testId('activation-state').filter({ hasText: /^Active$/ }).waitFor();
    // Live as soon as the switch says so: no retry.
    const live = await post(`${studio.baseUrl}/webhooks/${path}`, { n: 1 });
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ got: 1 });

    await studio.selectNode('hook');
    await studio.testId('copy-webhook-test-url').click();
    await studio.testId('copy-webhook-test-url').filter({ hasText: 'Copied' }).waitFor();
    const testUrl = await studio.page.evaluate(() => navigator.clipboard.readText());
    expect(testUrl).toBe(`${studio.baseUrl}/webhooks-test/${path}`);
    expect((await post(testUrl, { n: 2 })).status).toBe(404); // nobody listens yet

    await studio.testId('listen-test-webhook').click();
    await studio.testId('webhook-test-status').filter({ hasText: 'Waiting' }).waitFor();
    const captured = await post(testUrl, { n: 7 });
    expect(captured.status).toBe(200);
    expect(await captured.json()).toEqual({ got: 7 });

    await studio.testId('webhook-test-run').click();
    await studio.page.waitForURL(/\/executions\/[^/]+$/);
    await studio.testId('execution-output').filter({ hasText: '"got": 7' }).waitFor();
    expect(await studio.testId('execution-input').textContent()).toContain('"n": 7');
    await studio.screenshot('webhook-test-capture');
  });

  it('shows the next fire times of a schedule picked from a preset, and names the field of a bad pattern', async () => {
    const flowId = await createTriggeredFlow(studio, { type: 'trigger.schedule', data: { cron: '0 0 1 1 *', timezone: 'UTC' } });
    await studio.page.goto(`${studio.baseUrl}/flows/${flowId}`);
    await studio.selectNode('hook');
    await studio.testId('cron-preset').selectOption('0 9 * * 1-5');
    await studio.page.waitForFunction(() => document.querySelectorAll('[data-testid="schedule-preview"] li').length === 5);
    const times = await studio.testId('schedule-preview').locator('li').allTextContents();
    expect(times.every((time) => time.includes('9:00') || time.includes('09:00'))).toBe(true);
    await studio.testId('field-cron').fill('61 * * * *');
    await studio.testId('schedule-preview-error').filter({ hasText: 'cron' }).waitFor();
    await studio.screenshot('schedule-preview');
  });
});
