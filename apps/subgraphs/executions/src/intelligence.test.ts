import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chain, editorOf, node } from './test-support/flow-fixtures';
import { FakeIntelligenceServer } from './test-support/fake-intelligence-server';
import { ExecutionsHarness } from './test-support/harness';
import { waitFor } from './test-support/worker-process';

describe('executions: the intelligence subgraph as the AI service', () => {
  const intelligence = new FakeIntelligenceServer();
  let h: ExecutionsHarness;
  const alice = editorOf();

  beforeAll(async () => {
    await intelligence.start();
    h = await ExecutionsHarness.start({ INTELLIGENCE_URL: intelligence.url });
    await h.startWorker();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await intelligence.close();
  }, 30_000);

  it("runs ai.generate through the signed internal route, as the run's starter", async () => {
    const flowId = 'f1000000-0000-4000-8000-000000000001';
    h.putFlow(alice, flowId, chain(node('ai', 'ai.generate', { taskType: 'summarisation', prompt: 'Hi {{ $input.name }}' }), node('out', 'output', { expression: '$nodes.ai.text' })));
    const { id } = await h.start(alice, flowId, { name: 'Ada' });
    expect(await h.settled(alice, id)).toMatchObject({ status: 'SUCCEEDED', output: 'echo: Hi Ada' });
    await waitFor(() => intelligence.timings.length > 0, 5_000, 'node timings');
    expect(intelligence.timings[0]).toMatchObject({ caller: { workspaceId: alice.workspaceId, userId: alice.userId }, body: { flowId } });
    const reported = (intelligence.timings[0]!.body as { nodeRuns: Array<{ nodeId: string }> }).nodeRuns.map((r) => r.nodeId).sort();
    expect(reported).toEqual(['ai', 'out', 'start']);
  });

  it("fails the node with the intelligence subgraph's reason, without retrying what cannot succeed", async () => {
    const flowId = 'f1000000-0000-4000-8000-000000000002';
    h.putFlow(alice, flowId, chain(node('ai', 'ai.generate', { taskType: 'nothing-configured', prompt: 'x', retry: { maxAttempts: 3, delayMs: 10 } })));
    const { id } = await h.start(alice, flowId);
    const done = await h.settled(alice, id);
    expect(done).toMatchObject({ status: 'FAILED', error: { code: 'NO_AI_PROVIDER', nodeId: 'ai' } });
    expect(done.nodeRuns.find((r) => r.nodeId === 'ai')?.attempts).toBe(1);
  });
});
