import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedisUrl, throwawayDatabase, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { chain, editorOf, fourNodeFlow, node } from './test-support/flow-fixtures';
import { FlowsProcess } from './test-support/flows-process';
import { ExecutionsHarness } from './test-support/harness';

/** Against the real flows subgraph (a child process): the contract startExecution relies on. */
describe('executions with the real flows subgraph', () => {
  const flows = new FlowsProcess();
  const flowsDb = throwawayDatabase('flowsctr');
  let h: ExecutionsHarness;
  const alice = editorOf();
  const mallory = editorOf();

  beforeAll(async () => {
    await flows.start({
      DATABASE_URL: flowsDb.url,
      REDIS_URL: testRedisUrl,
      REDIS_PREFIX: throwawayRedisPrefix('flowsctr'),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'omt-flowsctr-')),
      // Nothing here is activated: no executions needs to hear about triggers.
      EXECUTIONS_URL: 'http://127.0.0.1:9/graphql',
    });
    h = await ExecutionsHarness.start({ FLOWS_URL: flows.url });
    await h.startWorker();
  }, 90_000);
  afterAll(async () => {
    await h?.close();
    await flows.stop();
    await flowsDb.drop();
  }, 30_000);

  it('runs the current version of a saved flow, pinned at start', async () => {
    const id = await flows.createFlow(alice, 'doubler', fourNodeFlow());
    const first = await h.start(alice, id, { n: 6 });
    expect(await h.settled(alice, first.id)).toMatchObject({ status: 'SUCCEEDED', output: { n: 12 } });
    const v2 = chain(node('tenfold', 'transform', { expression: '{ "n": $input.n * 10 }' }), node('out', 'output', { expression: '$nodes.tenfold' }));
    expect(await flows.updateFlow(alice, id, 'doubler', v2)).toBe(2);
    const second = await h.start(alice, id, { n: 6 });
    expect(await h.settled(alice, second.id)).toMatchObject({ status: 'SUCCEEDED', output: { n: 60 } });
    const versions = await h.request<{ a: { flowVersion: number }; b: { flowVersion: number } }>(
      `query ($a: ID!, $b: ID!) { a: execution(id: $a) { flowVersion } b: execution(id: $b) { flowVersion } }`,
      { a: first.id, b: second.id },
      alice,
    );
    expect(versions.data).toEqual({ a: { flowVersion: 1 }, b: { flowVersion: 2 } });
  }, 30_000);

  it("keeps naming a run's flow by the name it pinned, and serves the graph it ran, after the flow is renamed and deleted", async () => {
    const id = await flows.createFlow(alice, 'invoices', fourNodeFlow());
    const run = await h.start(alice, id, { n: 1 });
    await h.settled(alice, run.id);
    await flows.updateFlow(alice, id, 'renamed', fourNodeFlow());
    await flows.request(`mutation ($id: ID!) { deleteFlow(id: $id) }`, { id }, alice);
    const listed = await h.request<{ executions: { edges: Array<{ node: { id: string; flowName: string; flow: { id: string } } }> } }>(
      `query ($flowId: ID!) { executions(flowId: $flowId) { edges { node { id flowName flow { id } } } } }`,
      { flowId: id },
      alice,
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.executions.edges.map((e) => e.node)).toEqual([{ id: run.id, flowName: 'invoices', flow: { id } }]);
    const shown = await h.request<{ execution: { flowGraph: { nodes: Array<{ id: string }> } } }>(`query ($id: ID!) { execution(id: $id) { flowGraph } }`, { id: run.id }, alice);
    expect(shown.data?.execution.flowGraph.nodes.map((n) => n.id)).toEqual(fourNodeFlow().nodes.map((n) => n.id));
  }, 30_000);

  it("refuses a draft with the flows subgraph's per-node problems", async () => {
    const id = await flows.createFlow(alice, 'draft', chain(node('broken', 'transform', {})));
    const result = await h.request(`mutation ($id: ID!) { startExecution(flowId: $id) { id } }`, { id }, alice);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED' });
    const problems = result.errors?.[0]?.extensions.problems as Array<{ nodeId: string | null }>;
    expect(problems.map((p) => p.nodeId)).toContain('broken');
  });

  it("answers NOT_FOUND for another workspace's flow", async () => {
    const id = await flows.createFlow(mallory, 'theirs', fourNodeFlow());
    const result = await h.request(`mutation ($id: ID!) { startExecution(flowId: $id) { id } }`, { id }, alice);
    expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});
