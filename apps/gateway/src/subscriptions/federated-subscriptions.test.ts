import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, collect, eventually, startFixtureGateway, tokenFor, type FixtureGateway } from './testing/gateway-harness';

const EVENTS = /* GraphQL */ `
  subscription Events($id: ID!, $afterSeq: Int) {
    executionEvents(executionId: $id, afterSeq: $afterSeq) {
      seq
      type
      data
      execution { id status label flow { name owner { email } } }
    }
  }
`;

type EventResult = {
  data?: { executionEvents: { seq: number; type: string; data: unknown; execution: { id: string; status: string; label: string; flow: { name: string; owner: { email: string } } } } };
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
};

let env: FixtureGateway;
const alice = { userId: randomUUID(), workspaceId: randomUUID() };
const mallory = { userId: randomUUID(), workspaceId: randomUUID() };
const flowId = randomUUID();
const ownerId = randomUUID();

/** A new execution of the shared flow, in alice's workspace. */
function newExecution(): string {
  const id = randomUUID();
  env.runs.createExecution(id, alice.workspaceId, flowId);
  return id;
}

beforeAll(async () => {
  env = await startFixtureGateway({ recheckCredentialsEveryMs: 0 });
  env.catalog.flows.set(flowId, { name: 'Nightly import', ownerId });
  env.catalog.users.set(ownerId, 'owner@example.com');
});
afterAll(() => env?.close());

describe('subscriptions through the gateway', () => {
  it('resolves other subgraphs\' fields in every event', async () => {
    const id = newExecution();
    const client = clientFor(env.url, await tokenFor(alice));
    const events = collect<EventResult>(client, EVENTS, { id });
    await eventually(() => env.runs.subscriptions > 0);
    env.runs.publish(id, 'EXECUTION_STARTED');
    env.runs.publish(id, 'NODE_SUCCEEDED', { out: 1 }, 'a');
    env.runs.publish(id, 'EXECUTION_SUCCEEDED', { result: 42 });
    expect(await events.ended).toEqual({});
    expect(events.results.map((r) => r.data?.executionEvents.seq)).toEqual([1, 2, 3]);
    expect(events.results[1]!.data!.executionEvents).toEqual({
      seq: 2,
      type: 'NODE_SUCCEEDED',
      data: { out: 1 },
      execution: { id, status: 'SUCCEEDED', label: `run ${id}`, flow: { name: 'Nightly import', owner: { email: 'owner@example.com' } } },
    });
    await client.dispose();
  });

  it('caches what cannot change during a run: the flow and its owner are fetched once', async () => {
    const id = newExecution();
    const client = clientFor(env.url, await tokenFor(alice));
    const before = env.catalog.subgraph.httpRequests;
    const events = collect<EventResult>(client, EVENTS, { id });
    await eventually(() => env.gateway.subscriptions.hub.activeStreams > 0);
    for (let i = 0; i < 9; i += 1) env.runs.publish(id, 'LOG', { i });
    env.runs.publish(id, 'EXECUTION_FAILED');
    await events.ended;
    expect(events.results).toHaveLength(10);
    expect(events.results.every((r) => r.data?.executionEvents.execution.flow.owner.email === 'owner@example.com')).toBe(true);
    // One fetch for Execution.label + Execution.flow's name, one for the owner's email: not 10 of each.
    expect(env.catalog.subgraph.httpRequests - before).toBeLessThanOrEqual(3);
    await client.dispose();
  });

  it('closes a connection without credentials, or with invalid ones, with 4401', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const client = clientFor(env.url, token);
      const { ended } = collect(client, EVENTS, { id: newExecution() });
      const { error } = await ended;
      expect(error).toMatchObject({ code: 4401 });
      await client.dispose();
    }
  });

  it("answers another workspace's execution with NOT_FOUND and no events", async () => {
    const id = newExecution();
    env.runs.publish(id, 'EXECUTION_STARTED');
    const client = clientFor(env.url, await tokenFor(mallory));
    const events = collect<EventResult>(client, EVENTS, { id });
    const { error } = await events.ended;
    expect(events.results).toEqual([]);
    expect(error).toEqual([expect.objectContaining({ message: 'Execution not found', extensions: expect.objectContaining({ code: 'NOT_FOUND', traceId: expect.any(String) }) })]);
    await client.dispose();
  });

  it('closes the socket with 4401 when the access token expires', async () => {
    const id = newExecution();
    const client = clientFor(env.url, await tokenFor(alice, 1));
    const events = collect<EventResult>(client, EVENTS, { id });
    const { error } = await events.ended;
    expect(error).toMatchObject({ code: 4401, reason: expect.stringMatching(/expired/) });
    await client.dispose();
  });

  it('resumes with afterSeq after a forced disconnect, without gaps or repeats', async () => {
    const id = newExecution();
    const token = await tokenFor(alice);
    let socket: import('ws').WebSocket | undefined;
    const first = clientFor(env.url, token, { on: { connected: (s) => (socket = s as import('ws').WebSocket) } });
    const before = collect<EventResult>(first, EVENTS, { id });
    await eventually(() => socket !== undefined && env.gateway.subscriptions.hub.activeStreams > 0);
    env.runs.publish(id, 'EXECUTION_STARTED');
    env.runs.publish(id, 'NODE_STARTED', null, 'a');
    await before.until(2);
    socket!.terminate();
    await before.ended;
    env.runs.publish(id, 'NODE_SUCCEEDED', null, 'a');
    env.runs.publish(id, 'NODE_STARTED', null, 'b');
    const lastSeq = before.results.at(-1)!.data!.executionEvents.seq;
    const second = clientFor(env.url, token);
    const after = collect<EventResult>(second, EVENTS, { id, afterSeq: lastSeq });
    await after.until(2);
    env.runs.publish(id, 'EXECUTION_SUCCEEDED');
    await after.ended;
    const seqs = [...before.results, ...after.results].map((r) => r.data!.executionEvents.seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    await second.dispose();
  });

  it('ends the subscription with an error event when the subgraph goes away, and resumes after it is back', async () => {
    const id = newExecution();
    const token = await tokenFor(alice);
    const client = clientFor(env.url, token);
    const before = collect<EventResult>(client, EVENTS, { id });
    await eventually(() => env.gateway.subscriptions.hub.activeStreams > 0 && env.runs.subscriptions > 0);
    env.runs.publish(id, 'EXECUTION_STARTED');
    await before.until(1);
    await env.runs.subgraph.stop();
    const { error } = await before.ended;
    expect(error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'INTERNAL', subgraph: 'executions', retryable: true, traceId: expect.any(String) }) })]);
    env.runs.publish(id, 'NODE_STARTED', null, 'a');
    await env.runs.subgraph.start();
    const after = collect<EventResult>(client, EVENTS, { id, afterSeq: 1 });
    await after.until(1);
    env.runs.publish(id, 'EXECUTION_CANCELLED');
    await after.ended;
    expect([...before.results, ...after.results].map((r) => r.data!.executionEvents.type)).toEqual(['EXECUTION_STARTED', 'NODE_STARTED', 'EXECUTION_CANCELLED']);
    await client.dispose();
  });

  it('ends the subscription with an error event when the subgraph hangs (no pong to the ping)', async () => {
    const hung = await startFixtureGateway({ recheckCredentialsEveryMs: 0, upstreamKeepAliveMs: 200 });
    try {
      const id = randomUUID();
      hung.runs.createExecution(id, alice.workspaceId, flowId);
      const client = clientFor(hung.url, await tokenFor(alice));
      const events = collect<EventResult>(client, EVENTS, { id });
      await eventually(() => hung.runs.subgraph.openSockets === 1);
      hung.runs.subgraph.freeze();
      const { error } = await events.ended;
      expect(error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'INTERNAL', retryable: true }) })]);
      await client.dispose();
    } finally {
      await hung.close();
    }
  });

  it('ends the subscription with an error event when the subgraph hangs before acknowledging the connection', async () => {
    const hung = await startFixtureGateway({ recheckCredentialsEveryMs: 0, upstreamKeepAliveMs: 200 });
    try {
      const id = randomUUID();
      hung.runs.createExecution(id, alice.workspaceId, flowId);
      hung.runs.subgraph.freeze();
      const client = clientFor(hung.url, await tokenFor(alice));
      const events = collect<EventResult>(client, EVENTS, { id });
      const { error } = await events.ended;
      expect(error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'INTERNAL', retryable: true }) })]);
      expect(hung.runs.subgraph.connections).toBe(0);
      await client.dispose();
    } finally {
      await hung.close();
    }
  });

  it('runs queries over the socket through the normal gateway path', async () => {
    const id = newExecution();
    const client = clientFor(env.url, await tokenFor(alice));
    const query = collect(client, 'query($id: ID!) { execution(id: $id) { id label flow { name } } }', { id });
    await query.ended;
    expect(query.results).toEqual([{ data: { execution: { id, label: `run ${id}`, flow: { name: 'Nightly import' } } } }]);
    const invalid = collect(client, 'subscription { nothingHere }');
    const { error } = await invalid.ended;
    expect(error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'VALIDATION_FAILED' }) })]);
    await client.dispose();
  });
});
