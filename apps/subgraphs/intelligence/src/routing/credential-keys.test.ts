import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityProcess } from '@omnitron/server-kit/testing';
import type { Caller } from '@omnitron/server-kit';
import { FakeProviderServer } from '../test-support/fake-provider-server';
import { CONFIGURE, GENERATE, startIntelligence, testSettings, type IntelligenceHarness } from '../test-support/intelligence-harness';

const KEY = 'sk-from-credential-4e8a1b2c';

/** AI providers taking their key from a workspace credential held by the real identity subgraph. */
describe('an AI provider keyed by a credential (AI_PROVIDER_KEY)', () => {
  const identity = new IdentityProcess();
  let app: IntelligenceHarness;
  let fake: FakeProviderServer;
  let owner: Caller;

  beforeAll(async () => {
    await identity.start();
    [app, fake] = await Promise.all([startIntelligence({ ...testSettings, IDENTITY_URL: identity.url }), new FakeProviderServer().start()]);
    owner = await identity.register('ai-owner');
    await identity.createCredential(owner, { name: 'openai key', type: 'AI_PROVIDER_KEY', fields: { apiKey: KEY } });
    await identity.createCredential(owner, { name: 'not a key', type: 'BEARER', fields: { token: 'bearer-value-1' } });
  }, 90_000);
  afterAll(async () => {
    await app?.close();
    await fake?.close();
    await identity.stop();
  });

  const provider = (apiKeyCredential: string) => ({ name: 'keyed', kind: 'OPENAI_COMPATIBLE', baseUrl: fake.url('keyed'), apiKeyCredential, models: ['keyed-model'], taskTypes: ['summarisation'] });

  it('sends the credential key to the provider, and no answer or log line carries it', async () => {
    const configured = await app.gql(CONFIGURE, { input: provider('openai key') }, owner);
    expect(configured.errors).toBeUndefined();
    const listed = await app.gql(`{ aiProviders { name apiKeyCredential } }`, {}, owner);
    expect(listed.data!.aiProviders).toEqual([{ name: 'keyed', apiKeyCredential: 'openai key' }]);
    const answer = await app.gql(GENERATE, { input: { taskType: 'summarisation', prompt: 'hi', cache: false } }, owner);
    expect(answer.data!.generateText).toMatchObject({ provider: 'keyed' });
    expect(String(fake.requests('keyed')[0]!.headers.authorization)).toBe(`Bearer ${KEY}`);
    expect([...app.responses, ...app.logLines].join('\n')).not.toContain(KEY);
  });

  it('refuses at save a credential that does not exist or is not an AI provider key, naming the field', async () => {
    const missing = await app.gql(CONFIGURE, { input: provider('nope') }, owner);
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ field: 'apiKeyCredential' }] });
    const wrong = await app.gql(CONFIGURE, { input: provider('not a key') }, owner);
    expect(wrong.errors![0]!.message).toContain('AI_PROVIDER_KEY');
  });
});
