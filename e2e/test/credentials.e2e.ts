import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSignedInStudio } from '../src/signed-in-studio';
import type { Studio } from '../src/studio';

const TOKEN = `e2e-token-${Math.random().toString(36).slice(2, 12)}`;

describe('credentials in the studio', () => {
  let studio: Studio;
  let api: Server;
  let apiUrl = '';
  const seen: Array<string | undefined> = [];
  withSignedInStudio((signedIn) => (studio = signedIn));

  beforeAll(async () => {
    // The API the flow calls: it answers 200 only with the bearer token of the credential.
    api = createServer((req, res) => {
      seen.push(req.headers.authorization);
      const ok = req.headers.authorization === `Bearer ${TOKEN}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify({ ok }));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/orders`;
  });
  afterAll(() => api?.close());

  it('creates a bearer credential from its typed form, picks it in an HTTP node and runs the flow with it', async () => {
    await studio.page.goto(`${studio.baseUrl}/credentials`);
    await studio.testId('new-credential').click();
    await studio.testId('credential-name').fill('orders api');
    await studio.testId('credential-type').selectOption('BEARER');
    await studio.testId('field-credential-token').fill(TOKEN);
    await studio.testId('credential-save').click();
    await studio.testId('credential-orders api').waitFor();
    expect(await studio.testId('credential-list').textContent()).not.toContain(TOKEN);

    await studio.createEmptyFlow();
    const call = await studio.dragNode('http.request', 420, 250);
    await studio.connect('start', 'out', call);
    await studio.configure(call, 'url', apiUrl);
    // The picker offers the workspace's credentials of the types http.request accepts.
    await studio.testId('field-credential').selectOption('orders api');
    await studio.save('call the orders API');
    await studio.run({});
    await studio.waitForRunStatus('succeeded');
    await studio.waitForNodeStatus(call, 'succeeded');
    expect(seen).toContain(`Bearer ${TOKEN}`);
    expect(await studio.page.content()).not.toContain(TOKEN);
    await studio.screenshot('credentials-run');
  });
});
