import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, smallFlow, startFlows, type FlowsTestKit } from '../test-support/flows-test-kit';

let kit: FlowsTestKit;
beforeAll(async () => {
  kit = await startFlows();
});
afterAll(() => kit?.flows.close());

const workspace = randomUUID();
const alice = callerOf(workspace, 'editor');
const bob = callerOf(workspace, 'owner');

const UPDATE = `mutation($id: ID!, $input: FlowInput!, $expected: Int, $message: String) {
  updateFlow(id: $id, input: $input, expectedVersion: $expected, message: $message) { id version nodes valid } }`;
const VERSIONS = `query($id: ID!, $first: Int, $after: String) { flow(id: $id) { version versions(first: $first, after: $after) {
  edges { cursor node { version message name nodes author { id } createdAt } } pageInfo { endCursor hasNextPage } totalCount } } }`;

async function createFlow(name = 'Versioned') {
  const { createFlow } = await kit.ok(`mutation($input: FlowInput!) { createFlow(input: $input, message: "first") { id version } }`, { input: { name, ...smallFlow() } }, alice);
  return createFlow as { id: string; version: number };
}

const withExtraNode = () => {
  const flow = smallFlow();
  return {
    nodes: [...flow.nodes, { id: 'note', type: 'transform', position: { x: 0, y: 200 }, data: { expression: '1' } }],
    edges: [...flow.edges, { id: 'e3', source: 'start', target: 'note' }],
  };
};

describe('optimistic concurrency', () => {
  it('refuses a stale expectedVersion with CONFLICT naming the current version', async () => {
    const flow = await createFlow();
    await kit.ok(UPDATE, { id: flow.id, input: { name: 'v2', ...smallFlow() }, expected: 1 }, alice);
    const error = await kit.fails(UPDATE, { id: flow.id, input: { name: 'stale', ...smallFlow() }, expected: 1 }, bob);
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(error.message).toContain('version 2');
  });

  it('lets exactly one of two concurrent saves of the same version win', async () => {
    const flow = await createFlow();
    const results = await Promise.all(
      [alice, bob].map((caller, i) => kit.flows.request(UPDATE, { id: flow.id, input: { name: `racer ${i}`, ...smallFlow() }, expected: 1 }, caller)),
    );
    const codes = results.map((r) => r.errors?.[0]?.extensions.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    expect((await kit.ok(VERSIONS, { id: flow.id }, alice)).flow.versions.totalCount).toBe(2);
  });

  it('without expectedVersion, concurrent saves all land as consecutive versions', async () => {
    const flow = await createFlow();
    await Promise.all(Array.from({ length: 4 }, (_, i) => kit.ok(UPDATE, { id: flow.id, input: { name: `w${i}`, ...smallFlow() } }, alice)));
    const { flow: saved } = await kit.ok(VERSIONS, { id: flow.id }, alice);
    expect(saved.version).toBe(5);
    expect(saved.versions.edges.map((e: any) => e.node.version)).toEqual([5, 4, 3, 2, 1]);
  });
});

describe('version history', () => {
  it('records every save with author, message and content, newest first, paged', async () => {
    const flow = await createFlow();
    await kit.ok(UPDATE, { id: flow.id, input: { name: 'two', ...withExtraNode() }, expected: 1, message: 'add note' }, bob);
    await kit.ok(UPDATE, { id: flow.id, input: { name: 'three', ...smallFlow(), message: 'from input' }, expected: 2 }, alice);
    const page1 = (await kit.ok(VERSIONS, { id: flow.id, first: 2 }, alice)).flow.versions;
    expect(page1.totalCount).toBe(3);
    expect(page1.edges.map((e: any) => [e.node.version, e.node.message, e.node.author.id])).toEqual([
      [3, 'from input', alice.userId],
      [2, 'add note', bob.userId],
    ]);
    const page2 = (await kit.ok(VERSIONS, { id: flow.id, first: 2, after: page1.pageInfo.endCursor }, alice)).flow.versions;
    expect(page2.edges.map((e: any) => [e.node.version, e.node.message, e.node.name])).toEqual([[1, 'first', 'Versioned']]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });

  it('loads an exact version with its content and validity, for the executions subgraph', async () => {
    const flow = await createFlow();
    await kit.ok(UPDATE, { id: flow.id, input: { name: 'two', ...withExtraNode() }, expected: 1 }, alice);
    const { flowVersion } = await kit.ok(
      `query($id: ID!) { flowVersion(flowId: $id, version: 1) { flowId version nodes edges valid problems { code } } }`,
      { id: flow.id },
      callerOf(workspace, 'viewer', ['flows:read']),
    );
    expect(flowVersion).toEqual({ flowId: flow.id, version: 1, ...smallFlow(), valid: true, problems: [] });
    expect((await kit.ok(`query($id: ID!) { flowVersion(flowId: $id, version: 9) { version } }`, { id: flow.id }, alice)).flowVersion).toBeNull();
  });

  it('diffs two versions by node and edge id', async () => {
    const flow = await createFlow();
    const changed = withExtraNode();
    (changed.nodes[1] as any).data = { expression: '$input.x' };
    changed.edges = changed.edges.filter((e) => e.id !== 'e2').concat({ id: 'e4', source: 'note', target: 'end' });
    await kit.ok(UPDATE, { id: flow.id, input: { name: 'Versioned', tags: ['new'], ...changed }, expected: 1 }, alice);
    const { flowVersionDiff } = await kit.ok(
      `query($id: ID!) { flowVersionDiff(flowId: $id, from: 1, to: 2) { from to nodesAdded nodesRemoved nodesChanged { id fields } edgesAdded edgesRemoved edgesChanged metadataChanged } }`,
      { id: flow.id },
      alice,
    );
    expect(flowVersionDiff).toEqual({
      from: 1,
      to: 2,
      nodesAdded: ['note'],
      nodesRemoved: [],
      nodesChanged: [{ id: 'shape', fields: ['data'] }],
      edgesAdded: ['e3', 'e4'],
      edgesRemoved: ['e2'],
      edgesChanged: [],
      metadataChanged: ['tags'],
    });
    expect((await kit.fails(`query($id: ID!) { flowVersionDiff(flowId: $id, from: 1, to: 7) { from } }`, { id: flow.id }, alice)).extensions.code).toBe('NOT_FOUND');
  });

  it('restores an old version as a new version, keeping the history', async () => {
    const flow = await createFlow();
    await kit.ok(UPDATE, { id: flow.id, input: { name: 'two', ...withExtraNode() }, expected: 1 }, alice);
    const { restoreFlowVersion } = await kit.ok(`mutation($id: ID!) { restoreFlowVersion(id: $id, version: 1) { version name nodes } }`, { id: flow.id }, bob);
    expect(restoreFlowVersion).toEqual({ version: 3, name: 'Versioned', nodes: smallFlow().nodes });
    const versions = (await kit.ok(VERSIONS, { id: flow.id }, alice)).flow.versions.edges.map((e: any) => [e.node.version, e.node.message]);
    expect(versions[0]).toEqual([3, 'Restored version 1']);
    expect(versions).toHaveLength(3);
    const stale = await kit.fails(`mutation($id: ID!) { restoreFlowVersion(id: $id, version: 1, expectedVersion: 2) { version } }`, { id: flow.id }, bob);
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });
    expect((await kit.fails(`mutation($id: ID!) { restoreFlowVersion(id: $id, version: 42) { version } }`, { id: flow.id }, bob)).extensions.code).toBe('NOT_FOUND');
  });
});
