import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bootGateway } from './config';
import { createGateway, type GatewayServer } from './server';

// Every subgraph is down: an operation the gateway did not refuse itself would answer INTERNAL.
let gateway: GatewayServer;
let base: string;
const dead = 'http://127.0.0.1:9/graphql';
beforeAll(async () => {
  const boot = bootGateway({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'omt-gw-text-')),
    LOG_LEVEL: 'silent',
    IDENTITY_URL: dead,
    FLOWS_URL: dead,
    EXECUTIONS_URL: dead,
    INTELLIGENCE_URL: dead,
    STUDIO_DIR: mkdtempSync(join(tmpdir(), 'omt-studio-')),
  });
  // Who calls is not what is tested: any credential is a signed-in editor.
  const editor = { userId: 'u-1', workspaceId: 'w-1', role: 'editor' as const, scopes: null };
  gateway = await createGateway(boot, { authenticator: { authenticate: async (credential) => (credential ? editor : null) } });
  base = `http://127.0.0.1:${await gateway.listen(0)}`;
});
afterAll(() => gateway?.close());

async function refusal(body: unknown): Promise<{ status: number; code: unknown; field: unknown }> {
  const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const { errors } = (await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
  return { status: response.status, code: errors[0]?.extensions.code, field: errors[0]?.extensions.field };
}

describe('the gateway refuses text no database can store, before any subgraph sees it', () => {
  const CREATE = 'mutation($input: FlowInput!) { createFlow(input: $input) { id } }';

  it('in a variable, a JSON scalar value or key: 400 VALIDATION_FAILED naming the field', async () => {
    expect(await refusal({ query: CREATE, variables: { input: { name: 'orders\u0000', nodes: [] } } })).toEqual({ status: 400, code: 'VALIDATION_FAILED', field: '$input.name' });
    expect(await refusal({ query: CREATE, variables: { input: { name: 'x', nodes: [{ data: { a: '\ud800' } }] } } })).toMatchObject({ code: 'VALIDATION_FAILED', field: '$input.nodes[0].data.a' });
    expect(await refusal({ query: CREATE, variables: { input: { name: 'x', nodes: [{ '\udc00': 1 }] } } })).toMatchObject({ code: 'VALIDATION_FAILED', field: '$input.nodes[0]["\\udc00"]' });
  });

  it('in an inline literal: 400 VALIDATION_FAILED naming the argument', async () => {
    const inline = 'mutation { createFlow(input: { name: "orders\\u0000", nodes: [] }) { id } }';
    expect(await refusal({ query: inline })).toEqual({ status: 400, code: 'VALIDATION_FAILED', field: 'createFlow.input.name' });
  });

  it('in a graphql-ws operation\'s variables, before the subscription is planned', async () => {
    const url = `${base.replace(/^http/, 'ws')}/graphql`;
    const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams: { authorization: 'Bearer any' } });
    try {
      const errors = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: 'subscription($id: ID!) { executionEvents(executionId: $id) { seq } }', variables: { id: 'run\u0000' } },
          { next: (message) => resolve(message.errors), error: (error) => resolve(error), complete: () => resolve(undefined) },
        );
      });
      expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'VALIDATION_FAILED', field: '$id' }) })]);
    } finally {
      await client.dispose();
    }
  });
});
