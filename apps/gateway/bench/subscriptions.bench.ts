/**
 * Latency from an upstream event being published to a client receiving it, through the
 * gateway's federated subscriptions, against a baseline of the same message going
 * Redis pub/sub -> plain `ws` -> client. Everything runs in this process on loopback, so both
 * paths share the same CPU; each event is published only after every client got the previous one
 * (closed loop), so the figures are per-event latency, not queueing.
 *
 *   npm run bench -w @omnitron/gateway
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import WebSocket, { WebSocketServer } from 'ws';
import { testRedisUrl, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { eventually, startFixtureGateway, tokenFor, type FixtureGateway } from '../src/subscriptions/testing/gateway-harness';

/** `BENCH_SUBSCRIBERS=1000` runs one size only. */
const SUBSCRIBER_COUNTS = process.env.BENCH_SUBSCRIBERS ? [Number(process.env.BENCH_SUBSCRIBERS)] : [1, 100, 1_000];
const EVENTS: Readonly<Record<number, number>> = { 1: 300, 100: 100, 1_000: 40 };
const eventsFor = (subscribers: number): number => EVENTS[subscribers] ?? 40;
const WARMUP_EVENTS = 5;
const QUERY = 'subscription($id: ID!) { executionEvents(executionId: $id) { seq type data execution { status label flow { name } } } }';

interface Row {
  readonly subscribers: number;
  readonly path: string;
  readonly events: number;
  readonly samples: number[];
}

/** Collects one latency per (event, client); resolves each round when every client has it. */
class Rounds {
  readonly samples: number[] = [];
  private pending = 0;
  private done: () => void = () => {};
  recording = false;

  start(clients: number): Promise<void> {
    this.pending = clients;
    return new Promise((resolve) => (this.done = resolve));
  }

  received(sentAt: number): void {
    if (this.recording) this.samples.push(performance.now() - sentAt);
    this.pending -= 1;
    if (this.pending === 0) this.done();
  }
}

async function runRounds(rounds: Rounds, clients: number, events: number, publish: () => void): Promise<void> {
  for (let i = 0; i < WARMUP_EVENTS + events; i += 1) {
    rounds.recording = i >= WARMUP_EVENTS;
    const received = rounds.start(clients);
    publish();
    await received;
  }
}

async function baseline(subscribers: number, events: number): Promise<Row> {
  const channel = `${throwawayRedisPrefix('bench')}:events`;
  const publisher = new Redis(testRedisUrl);
  const listener = new Redis(testRedisUrl);
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => wss.once('listening', resolve));
  await listener.subscribe(channel);
  listener.on('message', (_channel: string, message: string) => {
    for (const client of wss.clients) client.send(message);
  });
  const rounds = new Rounds();
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  const clients = await Promise.all(
    Array.from({ length: subscribers }, async () => {
      const socket = new WebSocket(url);
      socket.on('message', (data) => rounds.received((JSON.parse(data.toString()) as { data: { sentAt: number } }).data.sentAt));
      await new Promise((resolve) => socket.once('open', resolve));
      return socket;
    }),
  );
  let seq = 0;
  await runRounds(rounds, subscribers, events, () => {
    seq += 1;
    void publisher.publish(channel, JSON.stringify({ seq, type: 'LOG', data: { sentAt: performance.now() } }));
  });
  for (const socket of clients) socket.terminate();
  wss.close();
  publisher.disconnect();
  listener.disconnect();
  return { subscribers, path: 'Redis pub/sub -> ws (baseline)', events, samples: rounds.samples };
}

/**
 * A minimal graphql-transport-ws client on a plain `ws` socket, so both paths pay the same
 * client-side cost (a JSON.parse per message) and the difference is the gateway's.
 */
async function rawSubscriber(url: string, token: string, variables: Record<string, unknown>, onEvent: (sentAt: number) => void): Promise<WebSocket> {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await new Promise((resolve) => socket.once('message', resolve));
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type: string; payload?: { data?: { executionEvents: { data: { sentAt: number } } } } };
    if (message.type === 'next') onEvent(message.payload!.data!.executionEvents.data.sentAt);
  });
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY, variables } }));
  return socket;
}

async function throughGateway(env: FixtureGateway, subscribers: number, events: number): Promise<Row> {
  const user = { userId: randomUUID(), workspaceId: randomUUID() };
  const flowId = randomUUID();
  const executionId = randomUUID();
  env.catalog.flows.set(flowId, { name: 'Bench', ownerId: randomUUID() });
  env.runs.createExecution(executionId, user.workspaceId, flowId);
  const token = await tokenFor(user);
  const rounds = new Rounds();
  const sockets = await Promise.all(
    Array.from({ length: subscribers }, () => rawSubscriber(env.url, token, { id: executionId }, (sentAt) => rounds.received(sentAt))),
  );
  await eventually(() => env.gateway.subscriptions.hub.subscriberCount === subscribers, 60_000);
  await runRounds(rounds, subscribers, events, () => void env.runs.publish(executionId, 'LOG', { sentAt: performance.now() }));
  for (const socket of sockets) socket.terminate();
  await eventually(() => env.gateway.subscriptions.hub.subscriberCount === 0, 60_000);
  return { subscribers, path: 'gateway (graphql-ws, federated)', events, samples: rounds.samples };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function printTable(rows: readonly Row[]): void {
  const header = ['subscribers', 'path', 'events', 'samples', 'p50 ms', 'p99 ms'];
  const lines = rows.map((row) => {
    const sorted = [...row.samples].sort((a, b) => a - b);
    return [String(row.subscribers), row.path, String(row.events), String(sorted.length), percentile(sorted, 50).toFixed(2), percentile(sorted, 99).toFixed(2)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const line of lines) console.log(format(line));
}

const env = await startFixtureGateway({ recheckCredentialsEveryMs: 0 });
const rows: Row[] = [];
try {
  for (const subscribers of SUBSCRIBER_COUNTS) {
    const events = eventsFor(subscribers);
    rows.push(await baseline(subscribers, events));
    rows.push(await throughGateway(env, subscribers, events));
  }
} finally {
  await env.close();
}
console.log(`\nSubscription latency, publish -> client receive (Node ${process.version}, loopback, one process)\n`);
printTable(rows);
process.exit(0);
