import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowGraph } from '@omnitron/nodes';
import type { PinnedFlow } from '../clients/flows-client';
import { TriggerRegistration } from '../entities/trigger-registration.entity';
import { edge, editorOf, node } from '../test-support/flow-fixtures';
import { ExecutionsHarness } from '../test-support/harness';
import type { ExecutionsRuntime } from '../runtime';
import { syncFlowTriggers } from './sync-flow-triggers';

const flowId = 'd9000000-0000-4000-8000-000000000001';
const graph: FlowGraph = {
  nodes: [node('hook', 'trigger.webhook', { path: 'sync-lock-hook' }), node('out', 'output')],
  edges: [edge('hook', 'out')],
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('trigger syncs of one flow', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start();
  }, 60_000);
  afterAll(() => h?.close(), 30_000);

  it('run one at a time: a sync that read the flow before its delete cannot write after the delete’s sync', async () => {
    let live = true;
    let reads = 0;
    let releaseFirstRead!: () => void;
    const firstReadHeld = new Promise<void>((resolve) => (releaseFirstRead = resolve));
    // The flow as the flows subgraph has it at the moment of each read; the first read then stalls,
    // as the change stream's sync of an earlier save does when the machine is busy.
    const currentFlow = async (): Promise<PinnedFlow | null> => {
      const seen: PinnedFlow | null = live ? { id: flowId, version: 1, name: 'hook', graph, active: true } : null;
      if (++reads === 1) await firstReadHeld;
      return seen;
    };
    const runtime: ExecutionsRuntime = { ...h.runtime, flows: { ...h.runtime.flows, currentFlow } };

    const stale = syncFlowTriggers(runtime, alice, flowId);
    while (reads === 0) await sleep(5);
    live = false;
    const afterDelete = syncFlowTriggers(runtime, alice, flowId);
    // Unserialised, the delete's sync finishes here and the stale one writes the old path after it.
    await sleep(300);
    releaseFirstRead();
    await Promise.all([stale, afterDelete]);

    expect(await h.runtime.orm.em.fork().find(TriggerRegistration, { flowId })).toEqual([]);
    expect(reads).toBe(2);
  });
});
