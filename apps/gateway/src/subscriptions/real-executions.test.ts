import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSupergraphSdl } from '@omnitron/schema/supergraph';
import { clientFor, collect, startGateway, tokenFor, type TestGateway } from './testing/gateway-harness';
import { PlatformProcesses } from './testing/platform-processes';

// The real executions subgraph (graphql-ws, Redis event stream, worker) and the real flows
// subgraph behind the gateway over the real supergraph.
const platform = new PlatformProcesses();
let gateway: TestGateway;
const editor = { userId: randomUUID(), workspaceId: randomUUID(), role: 'editor' as const };
let token: string;

async function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(gateway.httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

beforeAll(async () => {
  await platform.start();
  gateway = await startGateway(loadSupergraphSdl(), { FLOWS_URL: platform.flowsUrl, EXECUTIONS_URL: platform.executionsUrl });
  token = await tokenFor(editor);
}, 180_000);
afterAll(async () => {
  await gateway?.gateway.close();
  await platform.stop();
}, 60_000);

describe('subscriptions through the real supergraph', () => {
  it('streams a real run with the flow name resolved by the flows subgraph in every event', async () => {
    const { createFlow } = await graphql<{ createFlow: { id: string } }>('mutation($input: FlowInput!) { createFlow(input: $input) { id } }', {
      input: {
        name: 'Live run',
        nodes: [
          { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: {} },
          { id: 'double', type: 'transform', position: { x: 200, y: 0 }, data: { expression: '$input.n * 2' } },
          { id: 'out', type: 'output', position: { x: 400, y: 0 }, data: {} },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'double' },
          { id: 'e2', source: 'double', target: 'out' },
        ],
      },
    });
    const { startExecution } = await graphql<{ startExecution: { id: string } }>('mutation($flowId: ID!) { startExecution(flowId: $flowId, input: { n: 21 }) { id } }', { flowId: createFlow.id });
    const client = clientFor(gateway.url, token);
    const events = collect<{ data: { executionEvents: { seq: number; type: string; execution: { id: string; status: string; flow: { name: string } } } } }>(
      client,
      'subscription($id: ID!) { executionEvents(executionId: $id) { seq type execution { id status flow { name } } } }',
      { id: startExecution.id },
    );
    expect(await events.ended).toEqual({});
    const received = events.results.map((r) => r.data.executionEvents);
    expect(received.map((e) => e.seq)).toEqual(received.map((_, i) => i + 1));
    expect(received.at(-1)!.type).toBe('EXECUTION_SUCCEEDED');
    expect(received.every((e) => e.execution.id === startExecution.id && e.execution.flow.name === 'Live run')).toBe(true);
    await client.dispose();
  }, 60_000);
});
