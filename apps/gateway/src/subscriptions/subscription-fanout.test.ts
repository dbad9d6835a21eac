import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SubscriptionCloseCode } from './close-codes';
import { clientFor, collect, eventually, startFixtureGateway, tokenFor, type FixtureGateway } from './testing/gateway-harness';

const EVENTS = 'subscription($id: ID!) { executionEvents(executionId: $id) { seq type data execution { label flow { name } } } }';
type EventResult = { data?: { executionEvents: { seq: number; data: unknown; execution: { label: string; flow: { name: string } } } } };

let env: FixtureGateway;
const alice = { userId: randomUUID(), workspaceId: randomUUID() };
const flowId = randomUUID();
const MAX_QUEUED = 50;

function newExecution(): string {
  const id = randomUUID();
  env.runs.createExecution(id, alice.workspaceId, flowId);
  return id;
}

beforeAll(async () => {
  env = await startFixtureGateway({ maxQueuedEvents: MAX_QUEUED, recheckCredentialsEveryMs: 0 });
  env.catalog.flows.set(flowId, { name: 'Fan-out', ownerId: randomUUID() });
});
afterAll(() => env?.close());

/** A graphql-ws client by hand, so the test can stop reading from its socket. */
async function rawSubscriber(token: string, executionId: string): Promise<{ socket: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const socket = new WebSocket(env.url, 'graphql-transport-ws');
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await new Promise((resolve) => socket.once('message', resolve));
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: EVENTS, variables: { id: executionId } } }));
  return { socket, closed };
}

describe('shared subscriptions', () => {
  it('gives 200 concurrent subscribers to one execution every event in order, over one upstream subscription', async () => {
    const id = newExecution();
    const token = await tokenFor(alice);
    const upstreamsBefore = env.runs.subscriptions;
    const clients = Array.from({ length: 200 }, () => clientFor(env.url, token));
    const subscriptions = clients.map((client) => collect<EventResult>(client, EVENTS, { id }));
    await eventually(() => env.gateway.subscriptions.hub.subscriberCount === 200, 15_000);
    for (let seq = 1; seq < 30; seq += 1) env.runs.publish(id, 'LOG', { seq });
    env.runs.publish(id, 'EXECUTION_SUCCEEDED');
    const outcomes = await Promise.all(subscriptions.map((s) => s.ended));
    expect(outcomes.every((o) => o.error === undefined)).toBe(true);
    const expected = Array.from({ length: 30 }, (_, i) => i + 1);
    for (const subscription of subscriptions) {
      expect(subscription.results.map((r) => r.data!.executionEvents.seq)).toEqual(expected);
    }
    expect(subscriptions[199]!.results[0]!.data!.executionEvents.execution).toEqual({ label: `run ${id}`, flow: { name: 'Fan-out' } });
    expect(env.runs.subscriptions - upstreamsBefore).toBe(1);
    await Promise.all(clients.map((client) => client.dispose()));
  }, 60_000);

  it('carries many executions of several workspaces over one upstream socket, each checked as its own caller', async () => {
    const bob = { userId: randomUUID(), workspaceId: randomUUID() };
    const [aliceToken, bobToken] = await Promise.all([tokenFor(alice), tokenFor(bob)]);
    const socketsBefore = env.runs.subgraph.connections;
    const ids = Array.from({ length: 20 }, () => newExecution());
    const clients = ids.map(() => clientFor(env.url, aliceToken));
    const streams = ids.map((id, i) => collect<EventResult>(clients[i]!, EVENTS, { id }));
    // Bob asks for one of Alice's runs on the same upstream socket: NOT_FOUND for him alone.
    const intruder = clientFor(env.url, bobToken);
    const refused = collect(intruder, EVENTS, { id: ids[0] });
    await eventually(() => env.gateway.subscriptions.hub.subscriberCount === ids.length, 15_000);
    for (let seq = 1; seq <= 5; seq += 1) for (const id of ids) env.runs.publish(id, 'LOG', { seq });
    for (const id of ids) env.runs.publish(id, 'EXECUTION_SUCCEEDED');
    const outcomes = await Promise.all(streams.map((s) => s.ended));
    expect(outcomes.every((o) => o.error === undefined)).toBe(true);
    for (const stream of streams) expect(stream.results.map((r) => r.data!.executionEvents.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(((await refused.ended).error as Array<{ extensions: { code: string } }>)[0]!.extensions.code).toBe('NOT_FOUND');
    // One socket for all of them (at most one if the idle socket of an earlier test is reused).
    expect(env.runs.subgraph.connections - socketsBefore).toBeLessThanOrEqual(1);
    expect(env.runs.subgraph.openSockets).toBe(1);
    await Promise.all([...clients, intruder].map((client) => client.dispose()));
  }, 60_000);

  it('replays what a shared stream already delivered to a subscriber that joins late', async () => {
    const id = newExecution();
    const token = await tokenFor(alice);
    const upstreamsBefore = env.runs.subscriptions;
    const first = clientFor(env.url, token);
    const early = collect<EventResult>(first, EVENTS, { id });
    await eventually(() => env.gateway.subscriptions.hub.subscriberCount === 1);
    env.runs.publish(id, 'EXECUTION_STARTED');
    env.runs.publish(id, 'NODE_STARTED');
    await early.until(2);
    const second = clientFor(env.url, token);
    const late = collect<EventResult>(second, EVENTS, { id });
    await late.until(2);
    env.runs.publish(id, 'EXECUTION_SUCCEEDED');
    await Promise.all([early.ended, late.ended]);
    expect(late.results.map((r) => r.data!.executionEvents.seq)).toEqual([1, 2, 3]);
    expect(env.runs.subscriptions - upstreamsBefore).toBe(1);
    await Promise.all([first.dispose(), second.dispose()]);
  });

  it('closes a slow consumer with 4408 instead of buffering without bound, while others keep receiving', async () => {
    const id = newExecution();
    const token = await tokenFor(alice);
    const fast = clientFor(env.url, token);
    const kept = collect<EventResult>(fast, EVENTS, { id });
    const slow = await rawSubscriber(token, id);
    await eventually(() => env.gateway.subscriptions.hub.subscriberCount === 2);
    // Stop reading: TCP buffers fill, then the gateway's per-client queue does.
    (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const big = 'x'.repeat(64 * 1024);
    // Paced by the fast client, which must never be the one that falls behind.
    for (let i = 0; i < 300; i += 1) {
      env.runs.publish(id, 'LOG', { i, big });
      if (i % 10 === 9) await kept.until(i + 1);
    }
    await eventually(() => env.gateway.subscriptions.hub.subscriberCount === 1, 10_000);
    (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    const { code, reason } = await slow.closed;
    expect(code).toBe(SubscriptionCloseCode.SlowConsumer);
    expect(reason).toMatch(/Slow consumer/);
    const metrics = await (await fetch(env.url.replace('ws://', 'http://').replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/^omnitron_subscription_slow_consumers_total 1$/m);
    env.runs.publish(id, 'EXECUTION_SUCCEEDED');
    await kept.ended;
    expect(kept.results.map((r) => r.data!.executionEvents.seq)).toEqual(Array.from({ length: 301 }, (_, i) => i + 1));
    await fast.dispose();
  }, 60_000);
});
