import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingServer, type CountingServer } from '../test-support/counting-server';
import { callerFor, CONFIGURE, GENERATE, newWorkspace, PROVIDERS, startIntelligence, testSettings, type IntelligenceHarness } from '../test-support/intelligence-harness';

/**
 * AI provider URLs obey the platform's outbound address policy. `inside` is a loopback server
 * standing for anything internal (a subgraph port, Redis, a metadata service): these tests pass
 * only if it never sees a connection. `outside` (127.0.0.2, allow-listed by the operator) stands
 * for a public provider, since this machine cannot resolve or reach public hosts. DNS is injected
 * so that `llm.internal.example` resolves to the loopback address, as internal DNS or a rebinding
 * attacker's name would.
 */
let app: IntelligenceHarness;
let inside: CountingServer;
let outside: CountingServer;
const INTERNAL_NAME = 'llm.internal.example';
const lookup = async (hostname: string) => (hostname === INTERNAL_NAME ? [{ address: '127.0.0.1', family: 4 as const }] : []);

beforeAll(async () => {
  inside = await startCountingServer('127.0.0.1');
  outside = await startCountingServer('127.0.0.2', (req, res) => res.writeHead(307, { location: `http://127.0.0.1:${inside.port}${req.url}` }).end());
  app = await startIntelligence({ ...testSettings, HTTP_ALLOW_LIST: ['127.0.0.2'] }, { lookup });
});
afterAll(async () => {
  await app?.close();
  await inside?.close();
  await outside?.close();
});

const TEST = `mutation($name: String!) { testAiProvider(name: $name) { ok error } }`;

async function configure(owner: ReturnType<typeof callerFor>, name: string, baseUrl: string) {
  return app.gql(CONFIGURE, { input: { name, kind: 'OPENAI_COMPATIBLE', baseUrl, apiKey: 'sk-policy-test', models: ['m'], taskTypes: ['summarisation'] } }, owner);
}

async function generateFails(owner: ReturnType<typeof callerFor>, provider: string) {
  const answer = await app.gql(GENERATE, { input: { taskType: 'summarisation', prompt: 'hello', cache: false } }, owner);
  expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL', reason: 'AI_PROVIDERS_FAILED' });
  expect(answer.errors?.[0]?.extensions.attempts).toEqual([{ provider, model: 'm', outcome: 'BLOCKED', errorCode: 'ADDRESS_BLOCKED' }]);
}

describe('AI provider address policy', () => {
  it.each([
    'http://127.0.0.1:PORT/v1',
    'http://[::ffff:127.0.0.1]:PORT/v1',
    'http://[::ffff:7f00:1]:PORT/v1',
    'http://[::1]:PORT/v1',
    'http://0.0.0.0:PORT/v1',
    'http://localhost:PORT/v1',
    'http://2130706433:PORT/v1',
    'http://169.254.169.254/latest',
    'http://10.0.0.5/v1',
  ])('configureAiProvider refuses %s with VALIDATION_FAILED naming baseUrl', async (template) => {
    const owner = callerFor(newWorkspace());
    const answer = await configure(owner, 'internal', template.replace('PORT', String(inside.port)));
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ field: 'baseUrl' }] });
    expect((await app.gql(PROVIDERS, {}, owner)).data!.aiProviders).toEqual([]);
    expect(inside.connections).toBe(0);
  });

  it('refuses at call time a provider whose name resolves to loopback, without connecting', async () => {
    const owner = callerFor(newWorkspace());
    // A name says nothing until it is resolved, so it is saved; every call resolves and vets it.
    expect((await configure(owner, 'named', `http://${INTERNAL_NAME}:${inside.port}/v1`)).errors).toBeUndefined();
    await generateFails(owner, 'named');
    expect((await app.gql(TEST, { name: 'named' }, owner)).data!.testAiProvider).toEqual({ ok: false, error: 'ADDRESS_BLOCKED' });
    expect(inside.connections).toBe(0);
  });

  it('refuses a redirect from an allowed provider to loopback at the redirect', async () => {
    const owner = callerFor(newWorkspace());
    expect((await configure(owner, 'bouncing', `http://127.0.0.2:${outside.port}/v1`)).errors).toBeUndefined();
    const before = outside.requests;
    await generateFails(owner, 'bouncing');
    expect((await app.gql(TEST, { name: 'bouncing' }, owner)).data!.testAiProvider).toEqual({ ok: false, error: 'ADDRESS_BLOCKED' });
    // The allowed host was asked (and redirected) twice; the address it pointed at never saw a connection.
    expect(outside.requests - before).toBe(2);
    expect(inside.connections).toBe(0);
  });
});

describe('AI provider address policy, with loopback allow-listed by the operator', () => {
  let allowed: IntelligenceHarness;
  let local: CountingServer;
  beforeAll(async () => {
    local = await startCountingServer('127.0.0.1');
    allowed = await startIntelligence({ ...testSettings, HTTP_ALLOW_LIST: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await allowed?.close();
    await local?.close();
  });

  it('reaches a loopback provider once the operator allow-lists its address', async () => {
    const owner = callerFor(newWorkspace());
    const saved = await allowed.gql(CONFIGURE, { input: { name: 'local', kind: 'OPENAI_COMPATIBLE', baseUrl: local.url(), apiKey: '', models: ['m'], taskTypes: ['summarisation'] } }, owner);
    expect(saved.errors).toBeUndefined();
    // The counting server answers `{}`, which is no completion: reached, then MALFORMED_RESPONSE.
    expect((await allowed.gql(TEST, { name: 'local' }, owner)).data!.testAiProvider).toEqual({ ok: false, error: 'NO_CHOICE' });
    expect(local.requests).toBe(1);
  });
});
