import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '@omnitron/server-kit';
import { AiProvider } from '../entities/ai-provider.entity';
import { keyContext } from '../routing/provider-catalog';
import { startIntelligence, type IntelligenceHarness } from '../test-support/intelligence-harness';
import { resealProviderKeys } from './provider-key-reseal';

let app: IntelligenceHarness;
beforeAll(async () => {
  app = await startIntelligence();
});
afterAll(() => app?.close());

describe('AI provider key rotation', () => {
  it('re-seals keys sealed under the previous encryption key, which the new key alone then opens', async () => {
    const orm = app.subgraph.subgraph.orm;
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const workspaceId = randomUUID();
    const em = orm.em.fork();
    em.create(AiProvider, {
      id: randomUUID(), workspaceId, name: 'rotated', kind: 'OPENAI_COMPATIBLE', baseUrl: 'https://api.example.com/v1',
      apiKeyCiphertext: new SecretBox(oldKey).seal('sk-rotate-me', keyContext(workspaceId, 'rotated')), apiKeyCredential: null,
      models: ['m'], taskTypes: [], priority: 0, quotaLimit: null,
    });
    await em.flush();

    const during = new SecretBox(newKey, [oldKey]);
    expect((await resealProviderKeys(orm, during)).resealed).toBeGreaterThanOrEqual(1);
    const row = await orm.em.fork().findOneOrFail(AiProvider, { workspaceId, name: 'rotated' });
    expect(during.needsReseal(row.apiKeyCiphertext)).toBe(false);
    expect(new SecretBox(newKey).open(row.apiKeyCiphertext, keyContext(workspaceId, 'rotated'))).toBe('sk-rotate-me');
    expect((await resealProviderKeys(orm, during)).resealed).toBe(0);
  });
});
