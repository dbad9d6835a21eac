import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, newWorkspace, startIntelligence, type IntelligenceHarness } from '../test-support/intelligence-harness';
import { branchyFlow, sequentialHttpFlow } from './fixtures';

let app: IntelligenceHarness;
beforeAll(async () => {
  app = await startIntelligence();
});
afterAll(() => app?.close());

/** What the gateway sends after fetching `nodes edges` from the flows subgraph. */
const ANALYSIS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Flow { id analysis {
  nodeCount depth criticalPath criticalPathMs parallelGroups unreachableNodes deadEndNodes duplicateNodes unusedOutputs
  expensiveNodes { nodeId runs averageMs maxMs } suggestions { code message nodeIds } } } } }`;

describe('Flow.analysis through federation', () => {
  it('analyses the nodes and edges the gateway hands over', async () => {
    const id = randomUUID();
    const answer = await app.gql(ANALYSIS, { reps: [{ __typename: 'Flow', id, ...sequentialHttpFlow }] }, callerFor(newWorkspace(), 'viewer'));
    const analysis = answer.data!._entities[0].analysis;
    expect(analysis).toMatchObject({ nodeCount: 5, depth: 5, criticalPath: ['start', 'a', 'b', 'c', 'out'], expensiveNodes: [] });
    expect(analysis.suggestions.map((s: { code: string }) => s.code)).toEqual(['SEQUENTIAL_INDEPENDENT_HTTP', 'NO_RETRY_ON_HTTP']);
  });

  it('uses run times reported by the executions subgraph, per workspace', async () => {
    const workspaceId = newWorkspace();
    const flowId = randomUUID();
    const report = { flowId, nodeRuns: [{ nodeId: 'lookup', durationMs: 2_000 }, { nodeId: 'fetch', durationMs: 40 }, { nodeId: 'summarise', durationMs: 90 }] };
    expect((await app.internal('/internal/stats/node-runs', report, callerFor(workspaceId, 'editor'))).status).toBe(200);
    await app.internal('/internal/stats/node-runs', { flowId, nodeRuns: [{ nodeId: 'lookup', durationMs: 3_000 }] }, callerFor(workspaceId, 'editor'));
    const reps = [{ __typename: 'Flow', id: flowId, ...branchyFlow }];
    const mine = (await app.gql(ANALYSIS, { reps }, callerFor(workspaceId, 'viewer'))).data!._entities[0].analysis;
    expect(mine.expensiveNodes).toEqual([{ nodeId: 'lookup', runs: 2, averageMs: 2_500, maxMs: 3_000 }]);
    expect(mine.criticalPath).toEqual(['start', 'lookup', 'merge', 'out']);
    const theirs = (await app.gql(ANALYSIS, { reps }, callerFor(newWorkspace(), 'viewer'))).data!._entities[0].analysis;
    expect(theirs).toMatchObject({ expensiveNodes: [], criticalPathMs: null });
  });

  it('needs a signed-in caller', async () => {
    const answer = await app.gql(ANALYSIS, { reps: [{ __typename: 'Flow', id: randomUUID(), nodes: [], edges: [] }] }, null);
    expect(answer.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
