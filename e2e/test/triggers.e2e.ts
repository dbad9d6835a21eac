import { createHmac } from 'node:crypto';
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

/** Creates a credential of the signed-in user's workspace through the API. */
function createCredential(studio: Studio, credential: { name: string; type: string; fields: Record<string, unknown> }): Promise<void> {
  return studio.page.evaluate(async (input) => {
    const { accessToken } = JSON.parse(localStorage.getItem('omnitron.session')!) as { accessToken: string };
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query: 'mutation($input: CredentialInput!) { createCredential(input: $input) { id } }', variables: { input } }),
    });
    const body = (await response.json()) as { data?: unknown };
    if (!body.data) throw new Error(`createCredential failed: ${JSON.stringify(body)}`);
  }, credential);
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const uniquePath = () => `e2e/${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

describe('webhook triggers in the studio', () => {
  let studio: Studio;
  withSignedInStudio((signedIn) => (studio = signedIn));

  it('activates a flow, copies its test URL, and a request sent while listening runs the unsaved draft', async () => {
    const path = uniquePath();
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

    // Changed in the editor, not saved: the test URL runs the canvas as drawn, the production URL the saved version.
    await studio.configure('out', 'expression', '{ "got": $input.body.n, "draft": true }');
    await studio.testId('save-button').filter({ hasText: 'Save*' }).waitFor();
    await studio.selectNode('hook');
    await studio.testId('listen-test-webhook').click();
    await studio.testId('webhook-test-status').filter({ hasText: 'unsaved changes included' }).waitFor();
    const captured = await post(testUrl, { n: 7 });
    expect(captured.status).toBe(200);
    expect(await captured.json()).toEqual({ got: 7, draft: true });
    const production = await post(`${studio.baseUrl}/webhooks/${path}`, { n: 8 });
    expect(await production.json()).toEqual({ got: 8 });

    studio.page.once('dialog', (dialog) => void dialog.accept()); // leave the unsaved canvas for the run
    await studio.testId('webhook-test-run').click();
    await studio.page.waitForURL(/\/executions\/[^/]+$/);
    await studio.testId('execution-output').filter({ hasText: '"draft": true' }).waitFor();
    expect(await studio.testId('execution-output').textContent()).toContain('"got": 7');
    expect(await studio.testId('execution-input').textContent()).toContain('"n": 7');
    await studio.screenshot('webhook-test-capture');
  });

  it('checks a signature set in the trigger form: a signed delivery runs, a tampered one gets 401', async () => {
    const secret = `whsec-${Math.random().toString(36).slice(2)}`;
    await createCredential(studio, { name: 'github hook', type: 'WEBHOOK_SECRET', fields: { secret } });
    const path = uniquePath();
    const flowId = await createTriggeredFlow(studio, { type: 'trigger.webhook', data: { path } });
    await studio.page.goto(`${studio.baseUrl}/flows/${flowId}`);
    await studio.selectNode('hook');
    await studio.testId('field-signature-credential').selectOption('github hook');
    await studio.save('sign deliveries');
    await studio.testId('activation-toggle').click();
    await studio.testId('activation-state').filter({ hasText: /^Active$/ }).waitFor();

    const body = JSON.stringify({ n: 5 });
    const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const signed = await post(`${studio.baseUrl}/webhooks/${path}`, body, { 'x-hub-signature-256': signature });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ got: 5 });
    const tampered = await post(`${studio.baseUrl}/webhooks/${path}`, JSON.stringify({ n: 6 }), { 'x-hub-signature-256': signature });
    expect(tampered.status).toBe(401);
    expect((await post(`${studio.baseUrl}/webhooks/${path}`, body)).status).toBe(401); // unsigned
    await studio.screenshot('webhook-signature');
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
