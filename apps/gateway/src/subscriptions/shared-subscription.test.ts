import type { FormattedExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { createLogger } from '@omnitron/server-kit';
import { SharedSubscription } from './shared-subscription';
import { Subscriber } from './subscriber';
import type { UpstreamSink } from './upstream-subscription';

const log = createLogger('test', 'silent');
const limits = { maxQueuedEvents: 100, maxBufferedBytes: 1_000_000 };
const subscriber = () => new Subscriber({ bufferedAmount: 0, close: () => {} }, limits);
const seqOf = (result: FormattedExecutionResult) => (result.data as { seq: number }).seq;

async function drain(s: Subscriber): Promise<number[]> {
  const seqs: number[] = [];
  for await (const result of s.queue) seqs.push(seqOf(result));
  return seqs;
}

function stream(options: { historyLimit?: number; resolveDelayMs?: (seq: number) => number } = {}) {
  let sink!: UpstreamSink;
  let upstreams = 0;
  let ended = 0;
  const shared = new SharedSubscription({
    start: (s) => {
      sink = s;
      upstreams += 1;
      return () => {};
    },
    resolve: async (payload) => {
      await new Promise((resolve) => setTimeout(resolve, options.resolveDelayMs?.(seqOf(payload)) ?? 0));
      return payload;
    },
    historyLimit: options.historyLimit ?? 100,
    onEnd: () => (ended += 1),
    log,
  });
  return { shared, sink: () => sink, upstreams: () => upstreams, ended: () => ended };
}

describe('SharedSubscription', () => {
  it('delivers in upstream order even when later events resolve first', async () => {
    const { shared, sink } = stream({ resolveDelayMs: (seq) => (4 - seq) * 15 });
    const a = subscriber();
    shared.attach(a);
    for (const seq of [1, 2, 3]) sink().next({ data: { seq } });
    sink().complete();
    expect(await drain(a)).toEqual([1, 2, 3]);
  });

  it('replays history to a late joiner and starts one upstream only', async () => {
    const { shared, sink, upstreams } = stream();
    const a = subscriber();
    shared.attach(a);
    sink().next({ data: { seq: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const b = subscriber();
    expect(shared.attach(b)).toBe(true);
    sink().next({ data: { seq: 2 } });
    sink().complete();
    expect(await Promise.all([drain(a), drain(b)])).toEqual([[1, 2], [1, 2]]);
    expect(upstreams()).toBe(1);
  });

  it('refuses a late joiner once old events were dropped from its history', async () => {
    const { shared, sink } = stream({ historyLimit: 2 });
    shared.attach(subscriber());
    for (const seq of [1, 2, 3]) sink().next({ data: { seq } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(shared.attach(subscriber())).toBe(false);
  });

  it('fails every subscriber after delivering what was already resolved', async () => {
    const { shared, sink, ended } = stream();
    const a = subscriber();
    shared.attach(a);
    sink().next({ data: { seq: 1 } });
    sink().error(new OmnitronError(ErrorCode.INTERNAL, 'gone'));
    const seqs: number[] = [];
    await expect(async () => {
      for await (const result of a.queue) seqs.push(seqOf(result));
    }).rejects.toThrow('gone');
    expect(seqs).toEqual([1]);
    expect(ended()).toBe(1);
  });

  it('turns a refused subscription (errors, no data) into an error, not an event', async () => {
    const { shared, sink } = stream();
    const a = subscriber();
    shared.attach(a);
    sink().next({ errors: [{ message: 'Execution not found', extensions: { code: 'NOT_FOUND' } }] });
    await expect(a.queue.next()).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND, message: 'Execution not found' });
  });

  it('unsubscribes upstream when the last subscriber leaves', async () => {
    const { shared, ended } = stream();
    const a = subscriber();
    const b = subscriber();
    shared.attach(a);
    shared.attach(b);
    await a.queue.return();
    expect(ended()).toBe(0);
    await b.queue.return();
    expect(ended()).toBe(1);
    expect(shared.attach(subscriber())).toBe(false);
  });
});
