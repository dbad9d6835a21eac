import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPostgresUrl } from '@omnitron/server-kit/testing';
import { chain, editorOf, node } from './test-support/flow-fixtures';
import { ExecutionsHarness, nodeRunOf } from './test-support/harness';
import { waitFor } from './test-support/worker-process';

const flowId = (n: number) => `e0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('executions: subflows and outside services', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start({ DATABASE_CONNECTIONS: JSON.stringify({ main: testPostgresUrl }) });
    await h.startWorker();
  }, 60_000);
  afterAll(() => h?.close(), 30_000);

  const childrenOf = async (parentId: string) =>
    (await h.runtime.orm.em.fork().getConnection().execute(`select id, status from executions where parent_execution_id = ?`, [parentId])) as Array<{ id: string; status: string }>;

  it('runs a subflow as a child execution linked to its parent', async () => {
    h.putFlow(alice, flowId(1), chain(node('triple', 'transform', { expression: '{ "v": $input.v * 3 }' }), node('out', 'output')));
    h.putFlow(alice, flowId(2), chain(node('sub', 'subflow', { flowId: flowId(1), input: '{ "v": $input.v }' }), node('out', 'output', { expression: '$nodes.sub.v' })));
    const { id } = await h.start(alice, flowId(2), { v: 4 });
    const done = await h.settled(alice, id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: 12 });
    const children = await childrenOf(id);
    expect(children).toEqual([{ id: expect.any(String), status: 'SUCCEEDED' }]);
    const child = await h.request(`query ($id: ID!) { execution(id: $id) { parentExecutionId output } }`, { id: children[0]!.id }, alice);
    expect(child.data?.execution).toEqual({ parentExecutionId: id, output: { v: 12 } });
  });

  it('cascades cancellation from the parent to the child run', async () => {
    h.putFlow(alice, flowId(3), chain(node('wait', 'delay', { ms: 60_000 }), node('out', 'output')));
    h.putFlow(alice, flowId(4), chain(node('sub', 'subflow', { flowId: flowId(3) }), node('out', 'output')));
    const { id } = await h.start(alice, flowId(4));
    await waitFor(async () => (await childrenOf(id)).some((c) => c.status === 'RUNNING'), 10_000, 'the child to run');
    expect(await h.cancel(alice, id)).toEqual({ status: 'CANCELLED' });
    await waitFor(async () => (await childrenOf(id))[0]!.status === 'CANCELLED', 5_000, 'the child to settle');
  });

  it('fails a subflow node clearly when the child flow is missing', async () => {
    h.putFlow(alice, flowId(5), chain(node('sub', 'subflow', { flowId: flowId(99) })));
    const { id } = await h.start(alice, flowId(5));
    const done = await h.settled(alice, id);
    expect(done).toMatchObject({ status: 'FAILED', error: { code: 'NOT_FOUND', nodeId: 'sub' } });
  });

  it('queries a configured database connection with parameters', async () => {
    h.putFlow(alice, flowId(6), chain(node('q', 'database.query', { connection: 'main', sql: 'select $1::int + 1 as answer', params: ['41'] })));
    const { id } = await h.start(alice, flowId(6));
    const done = await h.settled(alice, id);
    expect(done.status, JSON.stringify(done.error)).toBe('SUCCEEDED');
    expect(JSON.stringify(nodeRunOf(done, 'q').output)).toContain('"answer":42');
  });

  it('fails ai.generate with a clear error while no AI service is configured', async () => {
    h.putFlow(alice, flowId(7), chain(node('ai', 'ai.generate', { taskType: 'summarize', prompt: 'hi' })));
    const { id } = await h.start(alice, flowId(7));
    const done = await h.settled(alice, id);
    expect(done).toMatchObject({ status: 'FAILED', error: { code: 'SERVICE_UNAVAILABLE', nodeId: 'ai' } });
  });
});
