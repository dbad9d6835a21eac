import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BaseConfig } from '@omnitron/server-kit';
import { editorOf, fourNodeFlow } from './test-support/flow-fixtures';
import { ExecutionsHarness } from './test-support/harness';

const databases: Array<[string, Partial<BaseConfig>]> = [
  ['PostgreSQL', {}],
  ['SQLite', { DATABASE_URL: undefined }],
];

describe.each(databases)('idempotency keys belong to a flow (%s)', (_name, config) => {
  let h: ExecutionsHarness;
  const alice = editorOf();
  const flowA = 'e1100000-0000-4000-8000-00000000000a';
  const flowB = 'e1100000-0000-4000-8000-00000000000b';

  beforeAll(async () => {
    h = await ExecutionsHarness.start({}, config);
    await h.startWorker();
    h.putFlow(alice, flowA, fourNodeFlow());
    h.putFlow(alice, flowB, fourNodeFlow());
  }, 60_000);
  afterAll(() => h?.close(), 30_000);

  /** startExecution with an input written inline in the query: the JSON scalar builds it from the literal. */
  async function startInline(flowId: string, inputLiteral: string, key: string) {
    const result = await h.request<{ startExecution: { id: string } }>(
      `mutation { startExecution(flowId: "${flowId}", input: ${inputLiteral}, idempotencyKey: "${key}") { id } }`,
      {},
      alice,
    );
    return result.data?.startExecution.id ?? result.errors;
  }

  it("starts flow B with a key flow A used, and answers each flow with its own run", async () => {
    const a = await h.start(alice, flowA, { n: 7 }, 'shared-key');
    const b = await h.start(alice, flowB, { n: 7 }, 'shared-key');
    expect(b.id).not.toBe(a.id);
    expect(await h.settled(alice, b.id)).toMatchObject({ status: 'SUCCEEDED', output: { n: 14 } });
    expect((await h.executionIds(alice, { flowId: flowB })).ids).toContain(b.id);
    expect((await h.start(alice, flowA, { n: 7 }, 'shared-key')).id).toBe(a.id);
    expect((await h.start(alice, flowB, { n: 7 }, 'shared-key')).id).toBe(b.id);
  });

  it('gives two flows started at once with one key a run each', async () => {
    const [a, b] = await Promise.all([h.start(alice, flowA, null, 'racing-key'), h.start(alice, flowB, null, 'racing-key')]);
    expect(a.id).not.toBe(b.id);
    const [a2, b2] = await Promise.all([h.start(alice, flowA, null, 'racing-key'), h.start(alice, flowB, null, 'racing-key')]);
    expect([a2.id, b2.id]).toEqual([a.id, b.id]);
  });

  it('refuses the same key for the same flow with another input as CONFLICT naming the run', async () => {
    const first = await h.start(alice, flowA, { n: 1, tag: 'x' }, 'input-key');
    const result = await h.request(
      `mutation ($input: JSON) { startExecution(flowId: "${flowA}", input: $input, idempotencyKey: "input-key") { id } }`,
      { input: { n: 2, tag: 'x' } },
      alice,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', executionId: first.id });
    expect(result.errors?.[0]?.message).toContain('different input');
    // The same input, keys in another order and written inline, is the same request.
    expect(await startInline(flowA, '{ tag: "x", n: 1 }', 'input-key')).toBe(first.id);
  });
});
