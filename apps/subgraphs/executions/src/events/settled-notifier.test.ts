import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeKeys } from '../redis-keys';
import { edge, editorOf, node } from '../test-support/flow-fixtures';
import { forwardWebhook } from '../test-support/forward-webhook';
import { ExecutionsHarness } from '../test-support/harness';
import { parseSettledMessage, SETTLED_NOTICE_MAX_BYTES, settledMessage, type SettledRun } from './settled-notifier';

/** The settled notice carries a run's final state, so a webhook waiting for it reads nothing back. */
describe('settled notices', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start({ WEBHOOK_WAIT_MS: '20000' });
    await h.startWorker();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  }, 30_000);

  it('hands a watcher the final state the notice carries, for a run with no row to read', async () => {
    const id = randomUUID();
    const watch = await h.runtime.settled.watch(id);
    const run: SettledRun = { status: 'SUCCEEDED', output: { ok: 1 }, error: null, answer: { status: 201, headers: {}, body: 'made' } };
    await h.runtime.redis.publish(runtimeKeys.settledChannel(h.config.REDIS_PREFIX), settledMessage(id, run));
    expect(await watch.wait(10_000)).toEqual({ settled: true, run });
    watch.stop();
  });

  it('sends the id alone for a final state over SETTLED_NOTICE_MAX_BYTES, and a watcher is told it settled', async () => {
    const id = randomUUID();
    const big: SettledRun = { status: 'SUCCEEDED', output: 'x'.repeat(SETTLED_NOTICE_MAX_BYTES), error: null };
    expect(settledMessage(id, big)).toBe(id);
    expect(parseSettledMessage(id)).toEqual({ executionId: id });
    const watch = await h.runtime.settled.watch(id);
    await h.runtime.redis.publish(runtimeKeys.settledChannel(h.config.REDIS_PREFIX), settledMessage(id, big));
    expect(await watch.wait(10_000)).toEqual({ settled: true });
    watch.stop();
  });

  it('says not settled when no notice comes in time', async () => {
    const watch = await h.runtime.settled.watch(randomUUID());
    expect(await watch.wait(50)).toEqual({ settled: false });
    watch.stop();
  });

  /** Registers a respond:end webhook of `nodes` after the trigger `hook`; returns its path. */
  const hook = async (nodes: ReturnType<typeof node>[], edges: ReturnType<typeof edge>[]) => {
    const path = `it/${randomUUID()}`;
    const flowId = randomUUID();
    h.putFlow(alice, flowId, { nodes: [node('hook', 'trigger.webhook', { path, respond: 'end' }), ...nodes], edges });
    await h.sync(alice, flowId);
    return path;
  };

  /** The notices published while `act` runs, by execution id. */
  async function noticesDuring(act: () => Promise<void>): Promise<Map<string, SettledRun | undefined>> {
    const subscriber = h.runtime.redis.duplicate();
    const notices = new Map<string, SettledRun | undefined>();
    subscriber.on('message', (_channel: string, message: string) => {
      const { executionId, run } = parseSettledMessage(message);
      notices.set(executionId, run);
    });
    await subscriber.subscribe(runtimeKeys.settledChannel(h.config.REDIS_PREFIX));
    try {
      await act();
    } finally {
      subscriber.disconnect();
    }
    return notices;
  }

  it('a webhook run’s notice carries its output and its respond node’s answer, as the webhook answers', async () => {
    const path = await hook(
      [node('set', 'transform', { expression: '{ "n": $input.body.n * 2 }' }), node('answer', 'respond', { status: 201, body: { doubled: '{{ $nodes.set.n }}' } })],
      [edge('hook', 'set'), edge('set', 'answer')],
    );
    let executionId = '';
    const notices = await noticesDuring(async () => {
      const answer = await forwardWebhook(h.url, path, { body: { n: 21 } });
      expect(answer.status).toBe(201);
      executionId = answer.headers.get('x-omnitron-execution-id')!;
      expect(await answer.json()).toEqual({ doubled: 42 });
    });
    expect(notices.get(executionId)).toMatchObject({ status: 'SUCCEEDED', error: null, answer: { status: 201, body: { doubled: 42 } } });
  });

  it('answers a run whose final state is too large for its notice from the stored row', async () => {
    const path = await hook([node('big', 'transform', { expression: `$pad("", ${SETTLED_NOTICE_MAX_BYTES + 10}, "y")` }), node('out', 'output')], [edge('hook', 'big'), edge('big', 'out')]);
    let executionId = '';
    const notices = await noticesDuring(async () => {
      const answer = await forwardWebhook(h.url, path, { body: {} });
      expect(answer.status).toBe(200);
      executionId = answer.headers.get('x-omnitron-execution-id')!;
      expect(await answer.json()).toBe('y'.repeat(SETTLED_NOTICE_MAX_BYTES + 10));
    });
    expect(notices.has(executionId)).toBe(true);
    expect(notices.get(executionId)).toBeUndefined();
  });
});
