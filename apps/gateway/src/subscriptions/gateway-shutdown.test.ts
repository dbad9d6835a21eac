import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, collect, eventually, startFixtureGateway, tokenFor, type FixtureGateway } from './testing/gateway-harness';

let env: FixtureGateway;
beforeAll(async () => {
  env = await startFixtureGateway({ recheckCredentialsEveryMs: 0 });
});
afterAll(async () => {
  await env.runs.subgraph.stop();
  await env.catalog.subgraph.stop();
});

describe('gateway shutdown', () => {
  it('closes sockets with 1001 instead of completing streams, and ends the upstream subscription', async () => {
    const caller = { userId: randomUUID(), workspaceId: randomUUID() };
    const id = randomUUID();
    env.runs.createExecution(id, caller.workspaceId, randomUUID());
    const client = clientFor(env.url, await tokenFor(caller));
    const events = collect(client, 'subscription($id: ID!) { executionEvents(executionId: $id) { seq } }', { id });
    await eventually(() => env.runs.subscriptions === 1);
    await env.gateway.close();
    const { error } = await events.ended;
    expect(error).toMatchObject({ code: 1001 });
    expect(env.gateway.subscriptions.hub.activeStreams).toBe(0);
    await eventually(() => env.runs.subgraph.openSockets === 0);
    await client.dispose();
  });
});
