import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, startFlows, type FlowsTestKit } from '../test-support/flows-test-kit';

let kit: FlowsTestKit;
beforeAll(async () => {
  kit = await startFlows();
});
afterAll(() => kit?.flows.close());

interface ServedTemplate {
  id: string;
  sampleInput: unknown;
  needs: Array<{ kind: string; nodeId: string; nodeType: string; field: string | null; credentialTypes: string[] }>;
}

const QUERY = `{ flowTemplates { id sampleInput needs { kind nodeId nodeType field credentialTypes } } }`;

describe('flowTemplates: sample input and needs as served', () => {
  it('serves every template with its sample input and the needs derived from the catalog', async () => {
    const { flowTemplates } = await kit.ok<{ flowTemplates: ServedTemplate[] }>(QUERY, {}, callerOf(randomUUID(), 'viewer'));
    for (const template of flowTemplates) expect(template.sampleInput, template.id).toBeTypeOf('object');
    const byId = new Map(flowTemplates.map((template) => [template.id, template]));
    expect(byId.get('ai-summarize')?.needs).toEqual([{ kind: 'AI_PROVIDER', nodeId: 'summarize', nodeType: 'ai.generate', field: null, credentialTypes: [] }]);
    expect(byId.get('database-report')?.needs).toEqual([{ kind: 'CREDENTIAL', nodeId: 'query', nodeType: 'database.query', field: 'connection', credentialTypes: ['POSTGRES'] }]);
    expect(byId.get('code-cleanup')).toMatchObject({ needs: [], sampleInput: { rows: expect.any(Array) } });
  });

  it('serves ai.generate in the catalog as needing an AI provider', async () => {
    const { nodeTypes } = await kit.ok<{ nodeTypes: Array<{ type: string; needs: string[] }> }>(`{ nodeTypes { type needs } }`, {}, callerOf(randomUUID(), 'viewer'));
    expect(nodeTypes.find((entry) => entry.type === 'ai.generate')?.needs).toEqual(['aiProvider']);
  });

  it('refuses a caller without a workspace role', async () => {
    expect((await kit.fails(QUERY, {}, null)).extensions.code).toBe('UNAUTHENTICATED');
  });
});
