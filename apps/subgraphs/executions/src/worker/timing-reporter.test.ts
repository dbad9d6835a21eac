import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@omnitron/server-kit';
import { TEST_SIGNING_KEY } from '@omnitron/server-kit/testing';
import { IntelligenceClient } from '../clients/intelligence-client';
import { FakeIntelligenceServer } from '../test-support/fake-intelligence-server';
import { editorOf } from '../test-support/flow-fixtures';
import { waitFor } from '../test-support/worker-process';
import { TimingReporter } from './timing-reporter';

const FLOW_A = 'f2000000-0000-4000-8000-00000000000a';
const FLOW_B = 'f2000000-0000-4000-8000-00000000000b';
const runOf = (n: number) => [
  { nodeId: 'start', durationMs: n },
  { nodeId: 'out', durationMs: n + 0.5 },
];

describe('TimingReporter: node timings of many runs in one post per flow', () => {
  const intelligence = new FakeIntelligenceServer();
  const log = createLogger('timing-reporter-test', 'silent');
  const alice = editorOf();
  let client: IntelligenceClient;

  beforeAll(async () => {
    await intelligence.start();
    client = new IntelligenceClient(intelligence.url, TEST_SIGNING_KEY);
  });
  afterAll(() => intelligence.close());

  it('sends every run of a flow in one post on close, and a post per flow', async () => {
    intelligence.timings.length = 0;
    const reporter = new TimingReporter(client, log, { flushEveryMs: 60_000 });
    for (let n = 0; n < 10; n++) reporter.report(alice, FLOW_A, runOf(n));
    reporter.report(alice, FLOW_B, runOf(100));
    expect(intelligence.timings).toHaveLength(0);
    await reporter.close();
    const byFlow = new Map(intelligence.timings.map((t) => [(t.body as { flowId: string }).flowId, t]));
    expect(intelligence.timings).toHaveLength(2);
    expect(byFlow.get(FLOW_A)).toMatchObject({ caller: { workspaceId: alice.workspaceId, userId: alice.userId } });
    expect((byFlow.get(FLOW_A)!.body as { nodeRuns: unknown[] }).nodeRuns).toEqual(Array.from({ length: 10 }, (_, n) => runOf(n)).flat());
    expect((byFlow.get(FLOW_B)!.body as { nodeRuns: unknown[] }).nodeRuns).toEqual(runOf(100));
  });

  it('sends on its timer, and at once when a batch is full', async () => {
    intelligence.timings.length = 0;
    const reporter = new TimingReporter(client, log, { flushEveryMs: 50, maxBatch: 4 });
    reporter.report(alice, FLOW_A, runOf(1));
    reporter.report(alice, FLOW_A, runOf(2)); // 4 node runs: full
    await waitFor(() => intelligence.timings.length === 1, 5_000, 'the full batch');
    reporter.report(alice, FLOW_A, runOf(3));
    await waitFor(() => intelligence.timings.length === 2, 5_000, 'the timer');
    expect(intelligence.timings.map((t) => (t.body as { nodeRuns: unknown[] }).nodeRuns.length)).toEqual([4, 2]);
    await reporter.close();
  });
});
