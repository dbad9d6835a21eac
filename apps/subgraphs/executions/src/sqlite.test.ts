import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chain, editorOf, fourNodeFlow, node } from './test-support/flow-fixtures';
import { ExecutionsHarness, nodeRunOf } from './test-support/harness';

/** The embedded default (no DATABASE_URL): the same migrations and queries on SQLite. */
describe('executions on SQLite', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start({}, { DATABASE_URL: undefined });
    await h.startWorker();
  }, 60_000);
  afterAll(() => h?.close(), 30_000);

  it('runs, records and lists executions', async () => {
    expect(h.config.DATABASE_URL).toBeUndefined();
    expect(existsSync(join(h.config.DATA_DIR, 'executions.db'))).toBe(true);
    const flowId = 'a1000000-0000-4000-8000-000000000001';
    h.putFlow(alice, flowId, fourNodeFlow());
    const { id } = await h.start(alice, flowId, { n: 8 }, 'sqlite-key');
    expect((await h.start(alice, flowId, { n: 8 }, 'sqlite-key')).id).toBe(id);
    const done = await h.settled(alice, id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: { n: 16 }, outputTruncated: false });
    expect(nodeRunOf(done, 'big')).toMatchObject({ status: 'SUCCEEDED', outputTruncated: false });
    expect((await h.executionIds(alice, { flowId })).ids).toEqual([id]);
    const { events } = await h.events(alice, id);
    expect(events.at(-1)?.type).toBe('EXECUTION_SUCCEEDED');
  });

  it('cancels a running run', async () => {
    const flowId = 'a1000000-0000-4000-8000-000000000002';
    h.putFlow(alice, flowId, chain(node('wait', 'delay', { ms: 60_000 })));
    const { id } = await h.start(alice, flowId);
    const deadline = Date.now() + 10_000;
    // Its 60 s delay parks it (WAITING) right after it starts: either way a worker has taken it.
    while (!['RUNNING', 'WAITING'].includes((await h.execution(alice, id))?.status ?? '') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await h.cancel(alice, id)).toEqual({ status: 'CANCELLED' });
  });
});
