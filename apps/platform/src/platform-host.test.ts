import { createHmac, randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGateway, createGateway, type GatewayServer } from '@omnitron/gateway';
import { HostProcess } from './testing/host-process';

// Every role in one process, as `apps/platform --roles all` runs them, next to a second gateway
// (in this test process) that reaches the same subgraphs over signed HTTP, as a remote gateway would.
const host = new HostProcess('all');
let remote: GatewayServer;
let remoteUrl = '';

interface Answer {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

async function post(base: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as Answer;
}

/** An answer without what differs from request to request (trace ids). */
function comparable(answer: Answer): Answer {
  return JSON.parse(JSON.stringify(answer, (key, value: unknown) => (key === 'traceId' ? undefined : value))) as Answer;
}

async function register(email: string): Promise<Record<string, string>> {
  const { data } = await post(host.gatewayUrl, 'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }', { input: { email, password: 'host-test-password-1', name: 'Host Test' } });
  return { authorization: `Bearer ${(data!.register as { accessToken: string }).accessToken}` };
}

const FLOW = {
  name: 'host test flow',
  description: '',
  tags: [],
  nodes: [
    { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: {} },
    { id: 'x', type: 'transform', position: { x: 200, y: 0 }, data: { expression: '$input.n * 2' } },
    { id: 'out', type: 'output', position: { x: 400, y: 0 }, data: {} },
  ],
  edges: [
    { id: 'start-x', source: 'start', target: 'x' },
    { id: 'x-out', source: 'x', target: 'out' },
  ],
};

/** The types of a run's events, from the first to the terminal one, over graphql-ws through the gateway at `base`. */
async function eventTypes(base: string, executionId: string, headers: Record<string, string>): Promise<string[]> {
  const ws = createClient({ url: `${base.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: headers.authorization } });
  const types: string[] = [];
  try {
    for await (const message of ws.iterate<{ executionEvents: { type: string } }>({ query: 'subscription ($id: ID!) { executionEvents(executionId: $id) { type } }', variables: { id: executionId } })) {
      expect(message.errors).toBeUndefined();
      types.push(message.data!.executionEvents.type);
      if (/^EXECUTION_(SUCCEEDED|FAILED|CANCELLED)$/.test(types.at(-1)!)) break;
    }
  } finally {
    await ws.dispose();
  }
  return types;
}

/** Everything a graphql-ws client hears for one subscription (trace ids left out), until it ends or fails. */
async function heard(base: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<unknown[]> {
  const ws = createClient({ url: `${base.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: headers.authorization } });
  const messages: unknown[] = [];
  try {
    for await (const message of ws.iterate({ query, variables })) messages.push(comparable(message as Answer));
    messages.push('complete');
  } catch (error) {
    messages.push(comparable({ errors: error as Answer['errors'] }));
  } finally {
    await ws.dispose();
  }
  return messages;
}

beforeAll(async () => {
  await host.start();
  remote = await createGateway(bootGateway({ ...host.env, LOG_LEVEL: 'silent', STUDIO_DIR: host.env.DATA_DIR! }));
  remoteUrl = `http://127.0.0.1:${await remote.listen(0)}`;
}, 120_000);

afterAll(async () => {
  await remote?.close();
  expect(await host.stop()).toBe(0);
});

describe('a process hosting every role', () => {
  it('answers through its own gateway (subgraphs in process) exactly as a gateway calling them over signed HTTP does, for each caller', async () => {
    const owner = await register('host-owner@example.test');
    const stranger = await register('host-stranger@example.test');
    const created = await post(host.gatewayUrl, 'mutation ($input: FlowInput!) { createFlow(input: $input) { id } }', { input: FLOW }, owner);
    const flowId = (created.data!.createFlow as { id: string }).id;
    const operations: Array<[string, Record<string, unknown>, Record<string, string>]> = [
      ['{ me { email } }', {}, owner],
      ['{ me { email } }', {}, {}],
      ['{ flows(first: 10) { edges { node { id name owner { email } } } } }', {}, owner],
      ['{ flows(first: 10) { edges { node { id } } } }', {}, stranger],
      ['query ($id: ID!) { flow(id: $id) { name version nodes } }', { id: flowId }, owner],
      // Another workspace's flow answers like a missing one, whichever way the caller travelled.
      ['query ($id: ID!) { flow(id: $id) { name } }', { id: flowId }, stranger],
      ['{ flowsStatus { ready } identityStatus { ready } executionsStatus { ready } intelligenceStatus { ready } }', {}, owner],
      // Refused by the subgraph: its coded error, unchanged.
      ['mutation ($input: FlowInput!) { createFlow(input: $input) { id } }', { input: { ...FLOW, name: '' } }, owner],
      ['mutation ($id: ID!) { deleteFlow(id: $id) }', { id: flowId }, {}],
    ];
    for (const [query, variables, headers] of operations) {
      const [inProcess, overHttp] = await Promise.all([post(host.gatewayUrl, query, variables, headers), post(remoteUrl, query, variables, headers)]);
      expect(comparable(inProcess), query).toEqual(comparable(overHttp));
    }
    expect((await post(host.gatewayUrl, '{ me { email } }', {}, owner)).data).toEqual({ me: { email: 'host-owner@example.test' } });
  });

  it('calls the subgraphs beside its gateway in process: no HTTP request reaches them for a request through it', async () => {
    const owner = await register('host-trace@example.test');
    await post(host.gatewayUrl, '{ me { email } flows(first: 1) { edges { node { id } } } }', {}, { ...owner, 'x-request-id': 'host-in-process-1' });
    await post(remoteUrl, '{ me { email } flows(first: 1) { edges { node { id } } } }', {}, { ...owner, 'x-request-id': 'host-over-http-1' });
    await new Promise((r) => setTimeout(r, 500)); // log lines leave in batches
    const roles = (lines: Array<Record<string, unknown>>, msg: string) => lines.filter((l) => l.msg === msg).map((l) => l.role).sort();
    const local = host.linesOf('host-in-process-1');
    expect(roles(local, 'request in process')).toEqual(['flows', 'identity']);
    expect(roles(local, 'request')).toEqual(['gateway']);
    const remoteLines = host.linesOf('host-over-http-1');
    expect(roles(remoteLines, 'request')).toEqual(['flows', 'identity']);
    expect(roles(remoteLines, 'request in process')).toEqual([]);
  });

  it("registers a saved flow's triggers with executions, feeds search from flows and checks credential names with identity, in process: no HTTP request reaches them", async () => {
    const owner = await register('host-sync@example.test');
    const name = `host sync ${randomUUID()}`;
    const path = `host/${randomUUID()}`;
    const flow = {
      ...FLOW,
      name,
      nodes: [
        { id: 'hook', type: 'trigger.webhook', position: { x: 0, y: 0 }, data: { path, respond: 'end' } },
        { id: 'out', type: 'output', position: { x: 200, y: 0 }, data: {} },
      ],
      edges: [{ id: 'hook-out', source: 'hook', target: 'out' }],
    };
    const mark = host.output.length;
    const created = await post(host.gatewayUrl, 'mutation ($input: FlowInput!) { createFlow(input: $input) { id } }', { input: flow }, owner);
    const flowId = (created.data!.createFlow as { id: string }).id;
    const activated = await post(host.gatewayUrl, 'mutation ($id: ID!) { activateFlow(id: $id) { active } }', { id: flowId }, { ...owner, 'x-request-id': 'host-sync-1' });
    expect(activated).toEqual({ data: { activateFlow: { active: true } } });
    // Registered before activateFlow answered (the synchronous sync), so the webhook answers at once.
    expect((await fetch(`${host.gatewayUrl}/webhooks/${path}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(200);
    // Search reads the saved flow from flows (the flow-change stream): wait (bounded) until it is indexed.
    for (let attempt = 0; ; attempt += 1) {
      const { data } = await post(host.gatewayUrl, 'query ($q: String!) { searchFlows(query: $q) { flow { id } } }', { q: name }, owner);
      if ((data?.searchFlows as Array<{ flow: { id: string } }> | undefined)?.some((hit) => hit.flow.id === flowId)) break;
      expect(attempt).toBeLessThan(150);
      await new Promise((r) => setTimeout(r, 200));
    }
    // A saved flow naming a credential: flows looks its name up with identity (missing: a warning, not "unchecked").
    const withCredential = {
      ...FLOW,
      name: `${name} with a credential`,
      nodes: [...FLOW.nodes.slice(0, 2), { id: 'out', type: 'http.request', position: { x: 400, y: 0 }, data: { url: 'https://example.com', credential: 'host-missing-credential' } }],
    };
    const checked = await post(host.gatewayUrl, 'mutation ($input: FlowInput!) { createFlow(input: $input) { problems { code } } }', { input: withCredential }, { ...owner, 'x-request-id': 'host-credential-1' });
    expect((checked.data!.createFlow as { problems: Array<{ code: string }> }).problems.map((p) => p.code)).toContain('CREDENTIAL_MISSING');
    await new Promise((r) => setTimeout(r, 500)); // log lines leave in batches
    const roles = (lines: Array<Record<string, unknown>>, msg: string) => [...new Set(lines.filter((l) => l.msg === msg).map((l) => l.role as string))].sort();
    expect(host.linesOf('host-credential-1').filter((l) => l.role === 'identity' && l.msg === 'request')).toEqual([]);
    // The activation: the gateway's HTTP request, flows in process, and flows' trigger sync with executions in process.
    const sync = host.linesOf('host-sync-1');
    expect(roles(sync, 'request')).toEqual(['gateway']);
    expect(roles(sync, 'request in process')).toEqual(['executions', 'flows']);
    // Since the flow was created, neither flows, executions nor identity answered an HTTP request:
    // every call to them stayed in process. (Intelligence may: the worker role reports node timings over HTTP
    // wherever it runs, as a worker process apart does.)
    const since = host.output
      .slice(mark)
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(since.filter((line) => line.msg === 'request' && ['flows', 'executions', 'identity'].includes(line.role as string))).toEqual([]);
  });

  it('forwards a webhook to executions and checks an API key with identity in process, answering as over signed HTTP', async () => {
    const owner = await register('host-hooks@example.test');
    const path = `host/${randomUUID()}`;
    const flow = {
      ...FLOW,
      name: 'host webhook flow',
      nodes: [
        { id: 'hook', type: 'trigger.webhook', position: { x: 0, y: 0 }, data: { path, respond: 'end' } },
        { id: 'x', type: 'transform', position: { x: 200, y: 0 }, data: { expression: '{ "n": $input.body.n * 2, "q": $input.query.q }' } },
        { id: 'out', type: 'output', position: { x: 400, y: 0 }, data: { expression: '$nodes.x' } },
      ],
      edges: [
        { id: 'hook-x', source: 'hook', target: 'x' },
        { id: 'x-out', source: 'x', target: 'out' },
      ],
    };
    const created = await post(host.gatewayUrl, 'mutation ($input: FlowInput!) { createFlow(input: $input) { id } }', { input: flow }, owner);
    const flowId = (created.data!.createFlow as { id: string }).id;
    expect((await post(host.gatewayUrl, 'mutation ($id: ID!) { activateFlow(id: $id) { active } }', { id: flowId }, owner)).data).toEqual({ activateFlow: { active: true } });
    const hook = async (base: string, target: string, requestId: string, init: RequestInit = {}) => {
      const response = await fetch(`${base}${target}`, { method: 'POST', body: '{"n":21}', ...init, headers: { 'content-type': 'application/json', 'x-request-id': requestId } });
      // Left out: what differs from request to request (its run, id, date, and the length of an error naming its trace id).
      const { 'x-omnitron-execution-id': executionId, date: _date, 'x-request-id': _id, 'content-length': _length, ...headers } = Object.fromEntries(response.headers);
      return { status: response.status, headers, ran: executionId !== undefined, body: comparable(JSON.parse((await response.text()) || 'null') as Answer) };
    };
    // Activation registers the path with executions; wait (bounded) until it runs, so both gateways find it.
    for (let attempt = 0; (await hook(host.gatewayUrl, `/webhooks/${path}?q=warm`, `host-hook-warm-${attempt}`)).status !== 200; attempt += 1) {
      expect(attempt).toBeLessThan(100);
      await new Promise((r) => setTimeout(r, 200));
    }
    const requests: Array<[string, RequestInit]> = [
      [`/webhooks/${path}?q=a`, {}],
      // Refusals of executions' route, relayed unchanged: a method the trigger does not take, an unknown path, a test URL nobody listens on.
      [`/webhooks/${path}`, { method: 'PUT' }],
      [`/webhooks/host/${randomUUID()}`, {}],
      [`/webhooks-test/${path}`, {}],
    ];
    for (const [index, [target, init]] of requests.entries()) {
      const inProcess = await hook(host.gatewayUrl, target, `host-hook-${index}`, init);
      const overHttp = await hook(remoteUrl, target, `host-hook-http-${index}`, init);
      expect(inProcess, target).toEqual(overHttp);
    }
    expect(await hook(host.gatewayUrl, `/webhooks/${path}?q=b`, 'host-hook-again')).toMatchObject({ status: 200, ran: true, body: { n: 42, q: 'b' } });

    const key = await post(host.gatewayUrl, 'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }', { input: { name: 'host key', scopes: ['FLOWS_READ'] } }, owner);
    const byKey = { authorization: `Bearer ${(key.data!.createApiKey as { secret: string }).secret}` };
    const unknownKey = { authorization: `Bearer omk_${randomUUID().replaceAll('-', '')}` };
    for (const [index, headers] of [byKey, unknownKey].entries()) {
      const query = '{ flows(first: 10) { edges { node { name active } } } }';
      const inProcess = await post(host.gatewayUrl, query, {}, { ...headers, 'x-request-id': `host-key-${index}` });
      const overHttp = await post(remoteUrl, query, {}, { ...headers, 'x-request-id': `host-key-http-${index}` });
      expect(comparable(inProcess), `key ${index}`).toEqual(comparable(overHttp));
    }
    expect((await post(host.gatewayUrl, '{ flows(first: 10) { edges { node { name } } } }', {}, byKey)).data).toEqual({ flows: { edges: [{ node: { name: 'host webhook flow' } }] } });

    await new Promise((r) => setTimeout(r, 500)); // log lines leave in batches
    const lines = (requestId: string, msg: string) => host.linesOf(requestId).filter((l) => l.msg === msg).map((l) => `${String(l.role)} ${String(l.path ?? '')}`).sort();
    for (const index of requests.keys()) {
      // Through the host's gateway: its own request line, executions' internal route in process, no HTTP request between them.
      expect(lines(`host-hook-${index}`, 'request')).toEqual([expect.stringMatching(/^gateway \/webhooks(-test)?\//)]);
      expect(lines(`host-hook-${index}`, 'request in process')).toEqual([expect.stringMatching(/^executions \/internal\/webhooks(-test)?\//)]);
      // Through the remote gateway: the same route, reached over HTTP.
      expect(lines(`host-hook-http-${index}`, 'request')).toEqual([expect.stringMatching(/^executions \/internal\/webhooks(-test)?\//)]);
      expect(lines(`host-hook-http-${index}`, 'request in process')).toEqual([]);
    }
    for (const index of [0, 1]) {
      // The key's first use asks identity: in process here (with the GraphQL call to flows for a known key), over HTTP from the remote gateway.
      expect(lines(`host-key-${index}`, 'request')).toEqual(['gateway /graphql']);
      expect(lines(`host-key-${index}`, 'request in process')).toEqual(index === 0 ? ['flows ', 'identity /internal/api-keys/verify'] : ['identity /internal/api-keys/verify']);
      expect(lines(`host-key-http-${index}`, 'request')).toEqual(index === 0 ? ['flows /graphql', 'identity /internal/api-keys/verify'] : ['identity /internal/api-keys/verify']);
    }
  }, 60_000);

  it("reads a signed webhook's secret from identity in process, answering as over signed HTTP", async () => {
    const owner = await register('host-signed-hooks@example.test');
    const secret = `host-secret-${randomUUID()}`;
    const credential = await post(host.gatewayUrl, 'mutation ($input: CredentialInput!) { createCredential(input: $input) { id } }', { input: { name: 'host hook secret', type: 'WEBHOOK_SECRET', fields: { secret } } }, owner);
    expect(credential.errors).toBeUndefined();
    const path = `host-signed/${randomUUID()}`;
    const flow = {
      ...FLOW,
      name: 'host signed webhook flow',
      nodes: [
        { id: 'hook', type: 'trigger.webhook', position: { x: 0, y: 0 }, data: { path, respond: 'end', signature: { credential: 'host hook secret' } } },
        { id: 'out', type: 'output', position: { x: 200, y: 0 }, data: { expression: '$input.body.action' } },
      ],
      edges: [{ id: 'hook-out', source: 'hook', target: 'out' }],
    };
    const created = await post(host.gatewayUrl, 'mutation ($input: FlowInput!) { createFlow(input: $input) { id } }', { input: flow }, owner);
    const flowId = (created.data!.createFlow as { id: string }).id;
    expect((await post(host.gatewayUrl, 'mutation ($id: ID!) { activateFlow(id: $id) { active } }', { id: flowId }, owner)).data).toEqual({ activateFlow: { active: true } });
    const signed = (body: string, key = secret) => `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
    const deliver = async (base: string, requestId: string, body: string, signature?: string) => {
      const response = await fetch(`${base}/webhooks/${path}`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...(signature ? { 'x-hub-signature-256': signature } : {}) },
      });
      return { status: response.status, body: comparable(JSON.parse((await response.text()) || 'null') as Answer) as unknown };
    };
    const body = '{"action": "opened"}';
    // Activation registers the path with executions; wait (bounded) until it answers.
    for (let attempt = 0; (await deliver(host.gatewayUrl, `host-signed-warm-${attempt}`, body, signed(body))).status !== 200; attempt += 1) {
      expect(attempt).toBeLessThan(100);
      await new Promise((r) => setTimeout(r, 200));
    }
    const deliveries: Array<[string, string | undefined]> = [
      [body, signed(body)],
      // Refused before any run: a wrong secret, a tampered body, no signature.
      [body, signed(body, 'not-the-secret')],
      ['{"action": "closed"}', signed(body)],
      [body, undefined],
    ];
    for (const [index, [text, signature]] of deliveries.entries()) {
      const inProcess = await deliver(host.gatewayUrl, `host-signed-${index}`, text, signature);
      const overHttp = await deliver(remoteUrl, `host-signed-http-${index}`, text, signature);
      expect(inProcess, `delivery ${index}`).toEqual(overHttp);
      expect(inProcess.status, `delivery ${index}`).toBe(index === 0 ? 200 : 401);
    }
    expect((await deliver(host.gatewayUrl, 'host-signed-again', body, signed(body))).body).toBe('opened');

    await new Promise((r) => setTimeout(r, 500)); // log lines leave in batches
    const lines = (requestId: string, msg: string) => host.linesOf(requestId).filter((l) => l.msg === msg).map((l) => `${String(l.role)} ${String(l.path ?? '')}`).sort();
    for (const index of deliveries.keys()) {
      // The secret is read from identity in process whichever gateway forwarded the webhook: both roles run in the host.
      expect(lines(`host-signed-${index}`, 'request')).toEqual([`gateway /webhooks/${path}`]);
      expect(lines(`host-signed-${index}`, 'request in process')).toEqual([`executions /internal/webhooks/${encodeURIComponent(path)}`, 'identity /internal/credentials/resolve'].sort());
      expect(lines(`host-signed-http-${index}`, 'request in process')).toEqual(['identity /internal/credentials/resolve']);
      expect(lines(`host-signed-http-${index}`, 'request')).toEqual([expect.stringMatching(/^executions \/internal\/webhooks\//)]);
    }
  }, 60_000);

  it('runs a started execution on its worker and streams its events through its gateway, subscribed in process', async () => {
    const owner = await register('host-runner@example.test');
    const created = await post(host.gatewayUrl, 'mutation ($input: FlowInput!) { createFlow(input: $input) { id } }', { input: FLOW }, owner);
    const flowId = (created.data!.createFlow as { id: string }).id;
    const started = await post(host.gatewayUrl, 'mutation ($id: ID!) { startExecution(flowId: $id, input: { n: 21 }) { id } }', { id: flowId }, { ...owner, 'x-request-id': 'host-start-1' });
    const executionId = (started.data!.startExecution as { id: string }).id;
    const types = await eventTypes(host.gatewayUrl, executionId, owner);
    expect(types.at(-1)).toBe('EXECUTION_SUCCEEDED');
    // The same events through the remote gateway, which subscribes over graphql-ws.
    expect(await eventTypes(remoteUrl, executionId, owner)).toEqual(types);
    await new Promise((r) => setTimeout(r, 500)); // log lines leave in batches
    const subscribed = host.output.split('\n').filter((line) => line.includes('"msg":"subscription in process"'));
    expect(subscribed.length).toBe(1);
    expect(subscribed[0]).toContain('"role":"executions"');
    // Starting it, executions read the flow from the flows role in process too (under the same request id).
    const startLines = host.linesOf('host-start-1');
    expect(startLines.filter((l) => l.msg === 'request in process').map((l) => l.role).sort()).toEqual(['executions', 'flows']);
    expect(startLines.filter((l) => l.msg === 'request').map((l) => l.role)).toEqual(['gateway']);
    // Refusals read the same either way: another workspace's run, an invalid selection.
    const stranger = await register('host-runner-stranger@example.test');
    for (const [query, who] of [
      ['subscription ($id: ID!) { executionEvents(executionId: $id) { type } }', stranger],
      ['subscription ($id: ID!) { executionEvents(executionId: $id) { nothing } }', owner],
    ] as const) {
      const [inProcess, overSocket] = await Promise.all([heard(host.gatewayUrl, query, { id: executionId }, who), heard(remoteUrl, query, { id: executionId }, who)]);
      expect(inProcess, query).toEqual(overSocket);
      expect(JSON.stringify(inProcess)).toMatch(/"code":"(NOT_FOUND|VALIDATION_FAILED)"/);
    }
    const { data } = await post(host.gatewayUrl, 'query ($id: ID!) { execution(id: $id) { status output } }', { id: executionId }, owner);
    expect(data).toEqual({ execution: { status: 'SUCCEEDED', output: 42 } });
  }, 60_000);
});
