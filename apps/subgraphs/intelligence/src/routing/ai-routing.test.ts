import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeProviderServer } from '../test-support/fake-provider-server';
import { ATTEMPTS, callerFor, CONFIGURE, GENERATE, newWorkspace, PROVIDERS, startIntelligence, type IntelligenceHarness } from '../test-support/intelligence-harness';

let app: IntelligenceHarness;
let fake: FakeProviderServer;
beforeAll(async () => {
  [app, fake] = await Promise.all([startIntelligence(), new FakeProviderServer().start()]);
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

/** Keys handed to providers in these tests; none may ever leave the subgraph. */
const KEYS: string[] = [];

interface ProviderSetup {
  name: string;
  kind?: 'OPENAI_COMPATIBLE' | 'ANTHROPIC' | 'GEMINI';
  priority: number;
  taskTypes?: string[];
  dailyQuota?: number;
  models?: string[];
}

/** A fresh workspace (so breaker, quota and learning state start clean) with fake providers. */
async function workspaceWith(...providers: ProviderSetup[]) {
  const owner = callerFor(newWorkspace());
  for (const p of providers) {
    const apiKey = `sk-${p.name}-${Math.random().toString(36).slice(2)}-secret`;
    KEYS.push(apiKey);
    const input = { name: p.name, kind: p.kind ?? 'OPENAI_COMPATIBLE', baseUrl: fake.url(p.name), apiKey, models: p.models ?? [`${p.name}-model`], taskTypes: p.taskTypes ?? ['summarisation', 'content_generation'], priority: p.priority, dailyQuota: p.dailyQuota ?? null };
    const answer = await app.gql(CONFIGURE, { input }, owner);
    expect(answer.errors).toBeUndefined();
  }
  const generate = async (prompt: string, extra: Record<string, unknown> = {}) =>
    app.gql(GENERATE, { input: { taskType: 'summarisation', prompt, cache: false, ...extra } }, owner);
  return { owner, generate };
}

const hits = (name: string) => fake.requests(name).length;

describe('configuring providers', () => {
  it('stores providers and lists them with health, never with their key', async () => {
    const { owner } = await workspaceWith({ name: 'alpha', priority: 1 }, { name: 'beta', kind: 'ANTHROPIC', priority: 2, dailyQuota: 100 });
    const { data } = await app.gql(PROVIDERS, {}, callerFor(owner.workspaceId, 'viewer'));
    expect(data!.aiProviders).toEqual([
      expect.objectContaining({ name: 'alpha', kind: 'OPENAI_COMPATIBLE', status: 'HEALTHY', circuitState: 'CLOSED', quotaUsed: 0, quotaLimit: null }),
      expect.objectContaining({ name: 'beta', kind: 'ANTHROPIC', quotaLimit: 100 }),
    ]);
  });

  it('updates a provider by name, keeping its key and the fields left out', async () => {
    const { owner, generate } = await workspaceWith({ name: 'alpha', priority: 5, taskTypes: ['summarisation'], dailyQuota: 9 });
    const keyBefore = KEYS.at(-1);
    const update = await app.gql(CONFIGURE, { input: { name: 'alpha', kind: 'OPENAI_COMPATIBLE', baseUrl: fake.url('alpha'), models: ['alpha-2'] } }, owner);
    expect(update.data!.configureAiProvider).toMatchObject({ models: ['alpha-2'], taskTypes: ['summarisation'], priority: 5, quotaLimit: 9 });
    expect((await generate('after update')).data!.generateText).toMatchObject({ provider: 'alpha', model: 'alpha-2' });
    expect(String(fake.requests('alpha')[0]!.headers.authorization)).toBe(`Bearer ${keyBefore}`);
  });

  it('lets only owners configure, test or remove providers', async () => {
    const { owner } = await workspaceWith({ name: 'alpha', priority: 1 });
    const editor = callerFor(owner.workspaceId, 'editor');
    const input = { name: 'x', kind: 'GEMINI', apiKey: 'k', models: ['g'] };
    expect((await app.gql(CONFIGURE, { input }, editor)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await app.gql(`mutation { removeAiProvider(name: "alpha") }`, {}, editor)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await app.gql(PROVIDERS, {}, null)).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const apiKeyWithoutScope = callerFor(owner.workspaceId, 'owner', ['flows:read']);
    expect((await app.gql(PROVIDERS, {}, apiKeyWithoutScope)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it("answers another workspace's provider exactly like a missing one", async () => {
    await workspaceWith({ name: 'alpha', priority: 1 });
    const stranger = callerFor(newWorkspace());
    for (const op of [`mutation { testAiProvider(name: "alpha") { ok } }`, `mutation { removeAiProvider(name: "alpha") }`]) {
      const answer = await app.gql(op, {}, stranger);
      expect(answer.errors?.[0]).toMatchObject({ message: 'AI provider alpha not found', extensions: { code: 'NOT_FOUND' } });
    }
    expect((await app.gql(PROVIDERS, {}, stranger)).data!.aiProviders).toEqual([]);
  });

  it('validates input, naming the field', async () => {
    const owner = callerFor(newWorkspace());
    const input = { name: 'bad name!', kind: 'OPENAI_COMPATIBLE', baseUrl: 'ftp://x', apiKey: 'k', models: [], taskTypes: ['astrology'] };
    const answer = await app.gql(CONFIGURE, { input }, owner);
    expect(answer.errors?.[0]?.extensions.code).toBe('VALIDATION_FAILED');
    const fields = (answer.errors?.[0]?.extensions.problems as Array<{ field: string }>).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'baseUrl', 'models', 'taskTypes.0']));
    for (const url of ['https://user:pass@api.example.com/v1', 'https://api.example.com/v1?key=AIza-secret']) {
      const refused = await app.gql(CONFIGURE, { input: { name: 'g', kind: 'GEMINI', baseUrl: url, apiKey: 'k', models: ['m'] } }, owner);
      expect(refused.errors?.[0]?.extensions.code).toBe('VALIDATION_FAILED');
      expect(refused.errors?.[0]?.message).not.toContain('secret');
    }
  });

  it('tests a provider with one real call and reports failures by code', async () => {
    const { owner } = await workspaceWith({ name: 'alpha', priority: 1 });
    expect((await app.gql(`mutation { testAiProvider(name: "alpha") { ok latencyMs error model } }`, {}, owner)).data!.testAiProvider).toMatchObject({ ok: true, error: null, model: 'alpha-model' });
    fake.next('alpha', { kind: 'status', status: 401, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${KEYS.at(-1)}` } }) });
    expect((await app.gql(`mutation { testAiProvider(name: "alpha") { ok error } }`, {}, owner)).data!.testAiProvider).toEqual({ ok: false, error: 'HTTP_401' });
  });
});

describe('routing', () => {
  it('sends a task to its highest-priority provider and reports text, model and token usage', async () => {
    const { generate } = await workspaceWith({ name: 'second', priority: 2 }, { name: 'first', kind: 'GEMINI', priority: 1 });
    fake.next('first', { kind: 'ok', text: 'short summary', usage: [12, 3] });
    const { data } = await generate('Summarise this');
    expect(data!.generateText).toEqual({ text: 'short summary', provider: 'first', model: 'first-model', cached: false, usage: { inputTokens: 12, outputTokens: 3 } });
    expect(hits('second')).toBe(0);
  });

  it.each([
    ['a 5xx', { kind: 'status', status: 503 }, 'SERVER_ERROR'],
    ['a timeout', { kind: 'hang' }, 'TIMEOUT'],
    ['a refusal', { kind: 'refuse' }, 'REFUSED'],
    ['a malformed body', { kind: 'malformed' }, 'MALFORMED_RESPONSE'],
  ] as const)('falls back to the next provider on %s and records both attempts', async (_, behaviour, outcome) => {
    const { owner, generate } = await workspaceWith({ name: 'primary', kind: 'ANTHROPIC', priority: 1 }, { name: 'backup', priority: 2 });
    fake.next('primary', behaviour);
    const { data } = await generate('hello');
    expect(data!.generateText).toMatchObject({ provider: 'backup', text: 'echo: hello' });
    const attempts = (await app.gql(ATTEMPTS, {}, owner)).data!.aiCallAttempts;
    expect(attempts.map((a: { provider: string; outcome: string }) => [a.provider, a.outcome])).toEqual([['backup', 'SUCCEEDED'], ['primary', outcome]]);
    expect(attempts[0]).toMatchObject({ model: 'backup-model', taskType: 'summarisation', inputTokens: 7, outputTokens: 3 });
  });

  it('skips a provider that answered 429 until its retry-after has passed', async () => {
    const { generate } = await workspaceWith({ name: 'limited', priority: 1 }, { name: 'spare', priority: 2 });
    fake.next('limited', { kind: 'status', status: 429, headers: { 'retry-after': '1' } });
    expect((await generate('one')).data!.generateText.provider).toBe('spare');
    expect((await generate('two')).data!.generateText.provider).toBe('spare');
    expect(hits('limited')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await generate('three')).data!.generateText.provider).toBe('limited');
  });

  it('answers RATE_LIMITED with the wait when every provider is cooling down', async () => {
    const { generate } = await workspaceWith({ name: 'only', priority: 1 });
    fake.next('only', { kind: 'status', status: 429, headers: { 'retry-after': '30' } });
    const first = await generate('a');
    expect(first.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'AI_PROVIDERS_UNAVAILABLE' });
    const second = await generate('b');
    expect(second.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
    expect(second.errors?.[0]?.extensions.retryAfterMs).toBeGreaterThan(25_000);
    expect(hits('only')).toBe(1);
  });

  it('answers INTERNAL listing each attempt when every provider fails, NOT_FOUND when none is configured', async () => {
    const { generate } = await workspaceWith({ name: 'p1', priority: 1 }, { name: 'p2', kind: 'GEMINI', priority: 2 });
    fake.always('p1', { kind: 'status', status: 500 });
    fake.always('p2', { kind: 'malformed' });
    const failed = await generate('x');
    expect(failed.errors?.[0]).toMatchObject({ message: 'Every AI provider for summarisation failed', extensions: { code: 'INTERNAL', reason: 'AI_PROVIDERS_FAILED' } });
    expect(failed.errors?.[0]?.extensions.attempts).toEqual([
      { provider: 'p1', model: 'p1-model', outcome: 'SERVER_ERROR', errorCode: 'HTTP_500' },
      { provider: 'p2', model: 'p2-model', outcome: 'MALFORMED_RESPONSE', errorCode: 'EVENT_NOT_JSON' },
    ]);
    const none = await app.gql(GENERATE, { input: { taskType: 'summarisation', prompt: 'x' } }, callerFor(newWorkspace()));
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'NO_AI_PROVIDER' });
  });

  it('follows a route set with setAiRoute, and an empty route restores the default', async () => {
    const { owner, generate } = await workspaceWith({ name: 'a', priority: 1 }, { name: 'b', priority: 2, models: ['b-small', 'b-large'] });
    const set = await app.gql(`mutation { setAiRoute(taskType: "summarize", targets: [{provider: "b", model: "b-large"}, {provider: "a", model: "a-model"}]) { taskType configured targets { provider model } } }`, {}, owner);
    expect(set.data!.setAiRoute).toEqual({ taskType: 'summarisation', configured: true, targets: [{ provider: 'b', model: 'b-large' }, { provider: 'a', model: 'a-model' }] });
    expect((await generate('routed')).data!.generateText).toMatchObject({ provider: 'b', model: 'b-large' });
    await app.gql(`mutation { setAiRoute(taskType: "summarisation", targets: []) { configured } }`, {}, owner);
    expect((await generate('default')).data!.generateText.provider).toBe('a');
    const routes = (await app.gql(`{ aiRoutes { taskType configured targets { provider model } } }`, {}, owner)).data!.aiRoutes;
    expect(routes.find((r: { taskType: string }) => r.taskType === 'summarisation')).toEqual({ taskType: 'summarisation', configured: false, targets: [{ provider: 'a', model: 'a-model' }, { provider: 'b', model: 'b-large' }] });
    const unknown = await app.gql(`mutation { setAiRoute(taskType: "summarisation", targets: [{provider: "ghost", model: "m"}]) { configured } }`, {}, owner);
    expect(unknown.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('routes a task type no provider declares to every chat provider, by priority', async () => {
    const { generate } = await workspaceWith({ name: 'embed', priority: 0, taskTypes: ['embeddings'] }, { name: 'writer', priority: 1, taskTypes: ['content_generation'] });
    expect((await generate('2 + 2?', { taskType: 'math_reasoning' })).data!.generateText.provider).toBe('writer');
    expect((await generate('translate', { taskType: 'translation' })).data!.generateText.provider).toBe('writer');
    expect(hits('embed')).toBe(0);
  });

  it('honours a requested model by choosing a provider that offers it', async () => {
    const { generate } = await workspaceWith({ name: 'a', priority: 1 }, { name: 'b', priority: 2, models: ['b-model', 'special-7'] });
    expect((await generate('m', { model: 'special-7' })).data!.generateText).toMatchObject({ provider: 'b', model: 'special-7' });
    expect((await generate('m', { model: 'nobody-has-it' })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});

describe('circuit breaker', () => {
  it('opens after consecutive failures, skips the provider, then closes after a successful half-open probe', async () => {
    const { owner, generate } = await workspaceWith({ name: 'flaky', priority: 1 }, { name: 'steady', priority: 2 });
    fake.next('flaky', { kind: 'status', status: 500 }, { kind: 'status', status: 502 }, { kind: 'status', status: 503 });
    // Adaptive routing would demote flaky after two failures; force the order to watch the breaker.
    await app.gql(`mutation { setAiRoute(taskType: "summarisation", targets: [{provider: "flaky", model: "m"}, {provider: "steady", model: "m"}]) { configured } }`, {}, owner);
    app.services.settings.AI_ADAPTIVE_ROUTING = false;
    try {
      for (const prompt of ['1', '2', '3']) expect((await generate(prompt)).data!.generateText.provider).toBe('steady');
      const providers = (await app.gql(PROVIDERS, {}, owner)).data!.aiProviders;
      expect(providers.find((p: { name: string }) => p.name === 'flaky')).toMatchObject({ circuitState: 'OPEN', status: 'DOWN' });
      expect((await generate('4')).data!.generateText.provider).toBe('steady');
      expect(hits('flaky')).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect((await generate('5')).data!.generateText.provider).toBe('flaky');
      const after = (await app.gql(PROVIDERS, {}, owner)).data!.aiProviders;
      expect(after.find((p: { name: string }) => p.name === 'flaky')).toMatchObject({ circuitState: 'CLOSED' });
    } finally {
      app.services.settings.AI_ADAPTIVE_ROUTING = true;
    }
  });

  it('re-opens at once when the half-open probe fails', async () => {
    const { owner, generate } = await workspaceWith({ name: 'down', priority: 1 }, { name: 'up', priority: 2 });
    fake.always('down', { kind: 'status', status: 500 });
    app.services.settings.AI_ADAPTIVE_ROUTING = false;
    try {
      for (const prompt of ['1', '2', '3']) await generate(prompt);
      await new Promise((resolve) => setTimeout(resolve, 450));
      await generate('probe');
      expect(hits('down')).toBe(4);
      await generate('skipped');
      expect(hits('down')).toBe(4);
      const providers = (await app.gql(PROVIDERS, {}, owner)).data!.aiProviders;
      expect(providers.find((p: { name: string }) => p.name === 'down')).toMatchObject({ circuitState: 'OPEN', errorRate: 1 });
    } finally {
      app.services.settings.AI_ADAPTIVE_ROUTING = true;
    }
  });
});

describe('quotas, cache and learning', () => {
  it('stops using a provider once its daily quota is spent', async () => {
    const { owner, generate } = await workspaceWith({ name: 'metered', priority: 1, dailyQuota: 2 }, { name: 'free', priority: 2 });
    for (const prompt of ['1', '2']) expect((await generate(prompt)).data!.generateText.provider).toBe('metered');
    expect((await generate('3')).data!.generateText.provider).toBe('free');
    const providers = (await app.gql(PROVIDERS, {}, owner)).data!.aiProviders;
    expect(providers.find((p: { name: string }) => p.name === 'metered')).toMatchObject({ quotaUsed: 2, quotaLimit: 2, status: 'QUOTA_EXHAUSTED' });
  });

  it('serves an identical cacheable request from the cache, and only then', async () => {
    const { generate } = await workspaceWith({ name: 'cached', priority: 1 });
    const first = await generate('same prompt', { cache: true });
    const second = await generate('same prompt', { cache: true });
    const bypass = await generate('same prompt', { cache: false });
    const other = await generate('same prompt', { cache: true, temperature: 0.1 });
    expect([first, second, bypass, other].map((a) => a.data!.generateText.cached)).toEqual([false, true, false, false]);
    expect(second.data!.generateText.text).toBe(first.data!.generateText.text);
    expect(hits('cached')).toBe(3);
  });

  it('moves a provider that keeps failing behind its fallback, and back once it recovers', async () => {
    const { generate } = await workspaceWith({ name: 'shaky', priority: 1 }, { name: 'solid', priority: 2 });
    fake.next('shaky', { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    await generate('1');
    await generate('2');
    expect(hits('shaky')).toBe(2);
    // Two failures in the window: solid is now tried first and shaky is not called.
    expect((await generate('3')).data!.generateText.provider).toBe('solid');
    expect(hits('shaky')).toBe(2);
    // Once its failures leave the learning window, shaky leads again.
    const window = app.services.settings.AI_LEARNING_WINDOW_MS;
    app.services.settings.AI_LEARNING_WINDOW_MS = 300;
    try {
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect((await generate('4')).data!.generateText.provider).toBe('shaky');
    } finally {
      app.services.settings.AI_LEARNING_WINDOW_MS = window;
    }
  });
});

describe('the internal route for the worker', () => {
  it('answers a signed call with the routed result', async () => {
    const { owner } = await workspaceWith({ name: 'worker', priority: 1 });
    const response = await app.internal('/internal/ai/generate', { taskType: 'summarize', prompt: 'from a flow', maxTokens: 50, temperature: 0.2 }, callerFor(owner.workspaceId, 'editor'));
    expect(response).toEqual({ status: 200, body: { text: 'echo: from a flow', provider: 'worker', model: 'worker-model', usage: { inputTokens: 7, outputTokens: 3 }, cached: false } });
    expect(fake.requests('worker')[0]!.body).toMatchObject({ max_tokens: 50, temperature: 0.2, stream: true });
  });

  it('refuses unsigned, anonymous and viewer calls, and bad bodies, with coded errors', async () => {
    const { owner } = await workspaceWith({ name: 'worker', priority: 1 });
    const body = { taskType: 'summarisation', prompt: 'x' };
    expect(await app.internal('/internal/ai/generate', body, null, false)).toMatchObject({ status: 401, body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] } });
    expect((await app.internal('/internal/ai/generate', body, null)).status).toBe(401);
    expect((await app.internal('/internal/ai/generate', body, callerFor(owner.workspaceId, 'viewer'))).status).toBe(403);
    const bad = await app.internal('/internal/ai/generate', { taskType: 'x' }, callerFor(owner.workspaceId, 'editor'));
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'VALIDATION_FAILED' } }] } });
    expect(hits('worker')).toBe(0);
  });
});

describe('secrets', () => {
  it('never shows an API key in any response, log line or attempt record, and stores it encrypted', async () => {
    const { owner, generate } = await workspaceWith({ name: 'leaky', priority: 1 }, { name: 'ok', priority: 2 });
    const leakyKey = KEYS.at(-2)!;
    fake.next('leaky', { kind: 'status', status: 401, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${leakyKey}` } }) });
    await generate('probe');
    await app.gql(`mutation { testAiProvider(name: "leaky") { ok error } }`, {}, owner);
    await app.gql(ATTEMPTS, {}, owner);
    await app.gql(PROVIDERS, {}, owner);
    // graphql-js would echo the whole invalid variable, key included; the formatter cuts the value.
    const echoed = `sk-echo-${Math.random().toString(36).slice(2)}`;
    KEYS.push(echoed);
    const invalid = await app.gql(CONFIGURE, { input: { name: 'x', kind: 'GEMINI', apiKey: echoed } }, owner);
    expect(invalid.errors?.[0]?.message).toBe('Variable "$input" got invalid value; Field "models" of required type "[String!]!" was not provided.');
    const badEnum = await app.gql(CONFIGURE, { input: { name: 'x', kind: 'NOPE', apiKey: echoed, models: ['m'] } }, owner);
    expect(badEnum.errors?.[0]?.message).toBe('Variable "$input" got invalid value at "input.kind"; Value "NOPE" does not exist in "AiProviderKind" enum.');
    const rows = await app.subgraph.subgraph.orm.em.fork().getConnection().execute('select api_key_ciphertext from ai_providers');
    expect(rows.length).toBeGreaterThan(0);
    const stored = JSON.stringify(rows);
    expect(app.logLines.length).toBeGreaterThan(10);
    for (const key of KEYS) {
      expect(stored).not.toContain(key);
      for (const line of app.logLines) expect(line).not.toContain(key);
      for (const body of app.responses) expect(body).not.toContain(key);
    }
  });
});
