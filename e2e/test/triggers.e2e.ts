import { describe, expect, it } from 'vitest';
import { withSignedInStudio } from '../src/signed-in-studio';
import type { Studio } from '../src/studio';

/** Saves a webhook flow through the API as the signed-in user; returns its id. */
function createWebhookFlow(studio: Studio, path: string): Promise<string> {
  return studio.page.evaluate(async (path) => {
    const { accessToken } = JSON.parse(localStorage.getItem('omnitron.session')!) as { accessToken: string };
    const node = (id: string, type: string, x: number, data: Record<string, unknown>) => ({ id, type, position: { x, y: 200 }, data });
    const input = {
      name: 'Order hook',
      nodes: [node('hook', 'trigger.webhook', 100, { path }), node('out', 'output', 420, { expression: '{ "got": $input.body.n }' })],
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
  }, path);
}

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('webhook triggers in the studio', () => {
  let studio: Studio;
  withSignedInStudio((signedIn) => (studio = signedIn));

  it('activates a flow, copies its test URL, and a request sent while listening drives a run', async () => {
    const path = `e2e/${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const flowId = await createWebhookFlow(studio, path);
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
});
