import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteRedisKeysUnder, testRedisUrl, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { ExecutionEventStream } from './event-stream';
import type { ExecutionEventRecord } from './execution-event';
import { LiveFollower } from './live-events';

const TTL_SECONDS = 60;

describe('live event delivery: one pub/sub connection per process, gapless followers', () => {
  const prefix = throwawayRedisPrefix('live-events');
  const redis = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
  let liveConnections = 0;
  let stream: ExecutionEventStream;

  beforeAll(() => {
    const duplicate = redis.duplicate.bind(redis);
    redis.duplicate = (...args: Parameters<Redis['duplicate']>) => {
      liveConnections += 1;
      return duplicate(...args);
    };
    stream = new ExecutionEventStream(redis, prefix, TTL_SECONDS);
  });
  afterAll(async () => {
    stream.close();
    await deleteRedisKeysUnder(prefix);
    redis.disconnect();
  });

  /** The seqs a follower of `id` on `on` gets, up to the terminal event. */
  async function followOn(on: ExecutionEventStream, id: string): Promise<number[]> {
    const seqs: number[] = [];
    for await (const event of on.follow(id, 0, new AbortController().signal)) seqs.push((event as ExecutionEventRecord).seq);
    return seqs;
  }

  /** Follows an execution from `afterSeq` to its terminal event; `pace` runs before each pull. */
  async function followAll(id: string, signal = new AbortController().signal, pace?: (count: number) => Promise<void>): Promise<number[]> {
    const seqs: number[] = [];
    const feed = stream.follow(id, 0, signal);
    for (;;) {
      await pace?.(seqs.length);
      const { value, done } = await feed.next();
      if (done) return seqs;
      seqs.push((value as ExecutionEventRecord).seq);
    }
  }

  const append = (id: string, type: 'LOG' | 'EXECUTION_SUCCEEDED' = 'LOG', data: unknown = null) => stream.append(id, { type, nodeId: null, data });
  const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const until = async (check: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  it('gives 50 followers of 10 executions every event in order, over one connection', async () => {
    const ids = Array.from({ length: 10 }, () => randomUUID());
    const followers = ids.flatMap((id) => Array.from({ length: 5 }, () => followAll(id)));
    await until(() => stream.live.channelCount === 10);
    await append(ids[0]!); // before the rest subscribed: the first read catches it up
    await Promise.all(ids.map(async (id, i) => {
      for (let n = i === 0 ? 1 : 0; n < 20; n += 1) await append(id);
      await append(id, 'EXECUTION_SUCCEEDED');
    }));
    for (const seqs of await Promise.all(followers)) expect(seqs).toEqual(upTo(21));
    expect(liveConnections).toBe(1);
    expect(stream.live.channelCount).toBe(0); // every channel left once its followers finished
  });

  it('reads the stream when a live message went missing, without duplicates', async () => {
    const id = randomUUID();
    const seqs = followAll(id);
    await until(() => stream.live.channelCount === 1);
    await append(id);
    await append(id);
    // Two appends whose publish nobody hears, as during a pub/sub reconnect.
    const tag = `${prefix}:exec:{${id}}`;
    const appendUnheard = (redis as unknown as { appendExecutionEvents(...args: string[]): Promise<number> }).appendExecutionEvents;
    const log = ['LOG', '', new Date().toISOString(), 'null'];
    await appendUnheard.call(redis, `${tag}:seq`, `${tag}:events`, '0', `${tag}:nowhere`, ...log, ...log);
    await append(id);
    await append(id, 'EXECUTION_SUCCEEDED');
    expect(await seqs).toEqual(upTo(6));
  });

  it('publishes a notice given with an append after its events, which whoever hears it finds stored', async () => {
    const id = randomUUID();
    const channel = `${prefix}:notice-test`;
    const listener = redis.duplicate();
    await listener.subscribe(channel);
    const heard = new Promise<{ message: string; stored: number[] }>((resolve) => {
      listener.on('message', (_channel: string, message: string) => {
        void stream.read(id, 0).then((events) => resolve({ message, stored: events.map((event) => event.seq) }));
      });
    });
    await append(id);
    const [terminal] = await stream.appendAll(id, [{ type: 'EXECUTION_SUCCEEDED', nodeId: null, data: null }], { channel, message: `${id} settled` });
    expect(terminal!.seq).toBe(2);
    expect(await heard).toEqual({ message: `${id} settled`, stored: [1, 2] });
    listener.disconnect();
  });

  it('reads the stream once the pub/sub connection is back, not after the idle period', async () => {
    const id = randomUUID();
    const seqs = followAll(id);
    await until(() => stream.live.channelCount === 1);
    await append(id);
    await append(id);
    const subscriber = (stream.live as unknown as { subscriber: Redis }).subscriber;
    const ready = new Promise((resolve) => subscriber.once('ready', resolve));
    (subscriber as unknown as { stream: { destroy(): void } }).stream.destroy(); // cut, as a network failure would
    await append(id, 'EXECUTION_SUCCEEDED'); // published while nobody listens: no later event reveals the gap
    await ready;
    const started = Date.now();
    expect(await seqs).toEqual(upTo(3));
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('gives a follower that falls far behind every event, by paging through the stream', async () => {
    const id = randomUUID();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const seqs = followAll(id, undefined, async (count) => {
      if (count === 1) await released;
    });
    await until(() => stream.live.channelCount === 1);
    await append(id);
    for (let n = 0; n < 1_500; n += 1) void append(id);
    await append(id, 'EXECUTION_SUCCEEDED');
    release();
    expect(await seqs).toEqual(upTo(1_502));
  });

  it('holds a bounded number of live events for a follower that does not read, then rereads', async () => {
    const follower = new LiveFollower();
    const event = (seq: number): ExecutionEventRecord => ({ executionId: 'x', seq, type: 'LOG', nodeId: null, at: '', data: null });
    const signal = new AbortController().signal;
    for (let seq = 1; seq <= 3; seq += 1) follower.push(event(seq));
    expect(await follower.next(1_000, signal)).toEqual({ event: event(1) });
    for (let seq = 4; seq <= 5_000; seq += 1) follower.push(event(seq));
    expect(await follower.next(1_000, signal)).toEqual({ reread: true });
  });

  it('takes followers that join while its pub/sub connection is still connecting (a Redis across a network: the handshake takes round trips)', async () => {
    const base = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
    const problems: unknown[] = [];
    const ids = [randomUUID(), randomUUID()];
    let during: Promise<number[]> | undefined;
    const duplicate = base.duplicate.bind(base);
    base.duplicate = (...args: Parameters<Redis['duplicate']>) => {
      const connection = duplicate(...args);
      connection.on('error', (error: unknown) => problems.push(error));
      // Connected, not yet ready: a second follower subscribes now.
      connection.once('connect', () => (during = followOn(fresh, ids[1]!)));
      return connection;
    };
    const fresh = new ExecutionEventStream(base, prefix, TTL_SECONDS);
    try {
      const first = followOn(fresh, ids[0]!);
      await until(() => fresh.live.channelCount === 2);
      for (const id of ids) {
        await fresh.append(id, { type: 'LOG', nodeId: null, data: null });
        await fresh.append(id, { type: 'EXECUTION_SUCCEEDED', nodeId: null, data: null });
      }
      expect(await first).toEqual(upTo(2));
      expect(await during).toEqual(upTo(2));
      expect(problems).toEqual([]);
    } finally {
      fresh.close();
      base.disconnect();
    }
  });

  it('stops following when its signal aborts, and leaves the channel', async () => {
    const id = randomUUID();
    const controller = new AbortController();
    const seqs = followAll(id, controller.signal);
    await until(() => stream.live.channelCount === 1);
    await append(id);
    controller.abort();
    expect((await seqs).length).toBeLessThanOrEqual(1);
    expect(stream.live.channelCount).toBe(0);
  });
  it('unsubscribes the channels left in one batch, and a follower joining again meanwhile gets every event', async () => {
    const channel = (id: string) => `${prefix}:exec:{${id}}:live`;
    const subscribers = async (id: string) => ((await redis.pubsub('NUMSUB', channel(id))) as [string, number])[1];
    const [done, rejoined] = [randomUUID(), randomUUID()];
    const finished = followAll(done);
    const first = new AbortController();
    const left = followAll(rejoined, first.signal);
    await until(() => stream.live.channelCount === 2);
    await append(done, 'EXECUTION_SUCCEEDED');
    expect(await finished).toEqual([1]);
    first.abort();
    await left;
    expect(stream.live.channelCount).toBe(0);
    expect(await subscribers(done)).toBe(1); // left, not yet unsubscribed
    const again = followAll(rejoined);
    await until(() => stream.live.channelCount === 1);
    for (let i = 0; i < 3; i++) await append(rejoined);
    await append(rejoined, 'EXECUTION_SUCCEEDED');
    expect(await again).toEqual(upTo(4));
    await until(() => stream.live.subscribedCount === 0);
    // The batch's UNSUBSCRIBE is on its way on the pub/sub connection: Redis drops both channels.
    for (let deadline = Date.now() + 10_000; (await subscribers(done)) + (await subscribers(rejoined)) > 0; ) {
      if (Date.now() > deadline) throw new Error('channels still subscribed');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
});
