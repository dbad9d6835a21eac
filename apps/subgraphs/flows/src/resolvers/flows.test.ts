import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, FLOW_FIELDS, smallFlow, startFlows, type FlowsTestKit } from '../test-support/flows-test-kit';

let kit: FlowsTestKit;
beforeAll(async () => {
  kit = await startFlows();
});
afterAll(() => kit?.flows.close());

const workspace = randomUUID();
const editor = callerOf(workspace, 'editor');
const viewer = callerOf(workspace, 'viewer');
const stranger = callerOf(randomUUID(), 'owner');

const CREATE = `mutation($input: FlowInput!) { createFlow(input: $input) { ${FLOW_FIELDS} owner { id } workspace { id } } }`;
const GET = `query($id: ID!) { flow(id: $id) { ${FLOW_FIELDS} } }`;
const LIST = `query($first: Int, $after: String, $search: String, $tag: String) {
  flows(first: $first, after: $after, search: $search, tag: $tag) {
    edges { cursor node { id name } } pageInfo { endCursor hasNextPage } totalCount } }`;

async function create(input: Record<string, unknown>, caller = editor) {
  const data = await kit.ok(CREATE, { input: { ...smallFlow(), ...input } }, caller);
  return data.createFlow;
}

describe('saving flows', () => {
  it('creates a flow at version 1 with the caller as owner and validation attached', async () => {
    const flow = await create({ name: 'Hello', description: 'first', tags: ['demo', 'Demo', ' x '] });
    expect(flow).toMatchObject({ name: 'Hello', description: 'first', tags: ['demo', 'x'], version: 1, valid: true, problems: [] });
    expect(flow.owner).toEqual({ id: editor.userId });
    expect(flow.workspace).toEqual({ id: workspace });
    expect(flow.nodes).toEqual(smallFlow().nodes);
    expect((await kit.ok(GET, { id: flow.id }, viewer)).flow).toMatchObject({ id: flow.id, version: 1 });
  });

  it('saves an invalid flow as a draft carrying its problems', async () => {
    const nodes = [
      { id: 'a', type: 'trigger.manual', data: {} },
      { id: 'b', type: 'no.such.type', data: {} },
      { id: 'c', type: 'transform', data: {} },
    ];
    const flow = await create({ name: 'Draft', nodes, edges: [{ id: 'ab', source: 'a', target: 'b' }, { id: 'ac', source: 'a', target: 'c' }] });
    expect(flow.valid).toBe(false);
    expect(flow.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nodeId: 'b', code: 'UNKNOWN_NODE_TYPE', severity: 'error' }),
        expect.objectContaining({ nodeId: 'c', code: 'INVALID_CONFIG', severity: 'error' }),
      ]),
    );
  });

  it('fills an empty webhook path with an unguessable one that later saves keep', async () => {
    const nodes = [
      { id: 'hook', type: 'trigger.webhook', data: { path: '' } },
      { id: 'end', type: 'output', data: {} },
    ];
    const flow = await create({ name: 'Hook', nodes, edges: [{ id: 'e', source: 'hook', target: 'end' }] });
    const path = flow.nodes[0].data.path as string;
    expect(path).toMatch(/^hook\/[\w-]{20,}$/);
    const updated = await kit.ok(
      `mutation($id: ID!, $input: FlowInput!) { updateFlow(id: $id, input: $input) { nodes version } }`,
      { id: flow.id, input: { name: 'Hook', nodes: flow.nodes, edges: flow.edges } },
      editor,
    );
    expect(updated.updateFlow.nodes[0].data.path).toBe(path);
  });

  it('answers validateFlow without saving, structural problems included', async () => {
    const input = { name: 'x', nodes: [{ id: 'a', type: 'trigger.manual', data: {} }, { id: 'a', type: 'output', data: {} }], edges: [] };
    const before = (await kit.ok(LIST, {}, viewer)).flows.totalCount;
    const { validateFlow } = await kit.ok(`mutation($input: FlowInput!) { validateFlow(input: $input) { valid problems { nodeId code severity } } }`, { input }, viewer);
    expect(validateFlow.valid).toBe(false);
    expect(validateFlow.problems).toContainEqual({ nodeId: 'a', code: 'DUPLICATE_ID', severity: 'error' });
    expect((await kit.ok(LIST, {}, viewer)).flows.totalCount).toBe(before);
  });

  it('exposes the node catalog with JSON Schema configs', async () => {
    const { nodeTypes } = await kit.ok(`{ nodeTypes { type title description category icon inputs outputs configSchema } }`, {}, viewer);
    const transform = nodeTypes.find((t: { type: string }) => t.type === 'transform');
    expect(transform).toMatchObject({ category: 'data', inputs: ['in'], outputs: ['out'] });
    expect(transform.configSchema.properties.expression).toBeDefined();
    expect(nodeTypes.map((t: { type: string }) => t.type)).toEqual(expect.arrayContaining(['trigger.manual', 'http.request', 'output']));
  });
});

describe('authorization', () => {
  it('refuses writes to viewers and to API keys without flows:write', async () => {
    const input = { name: 'nope', ...smallFlow() };
    expect((await kit.fails(CREATE, { input }, viewer)).extensions.code).toBe('FORBIDDEN');
    const readOnlyKey = callerOf(workspace, 'owner', ['flows:read']);
    expect((await kit.fails(CREATE, { input }, readOnlyKey)).extensions.code).toBe('FORBIDDEN');
  });

  it('refuses reads to anonymous callers and to API keys without flows:read', async () => {
    expect((await kit.fails(LIST, {}, null)).extensions.code).toBe('UNAUTHENTICATED');
    const runOnlyKey = callerOf(workspace, 'owner', ['executions:run']);
    expect((await kit.fails(LIST, {}, runOnlyKey)).extensions.code).toBe('FORBIDDEN');
  });

  it('checks the caller on every query and mutation', async () => {
    const id = randomUUID();
    const input = { name: 'x', ...smallFlow() };
    const reads = [
      ['query($id: ID!) { flow(id: $id) { id } }', { id }],
      ['{ flows { totalCount } }', {}],
      ['{ deletedFlows { totalCount } }', {}],
      ['query($id: ID!) { flowVersion(flowId: $id, version: 1) { id } }', { id }],
      ['query($id: ID!) { flowVersionDiff(flowId: $id, from: 1, to: 2) { from } }', { id }],
      ['query($id: ID!) { exportFlow(id: $id) }', { id }],
      ['{ flowTemplates { id } }', {}],
      ['{ nodeTypes { type } }', {}],
      ['mutation($input: FlowInput!) { validateFlow(input: $input) { valid } }', { input }],
    ] as const;
    const writes = [
      ['mutation($input: FlowInput!) { createFlow(input: $input) { id } }', { input }],
      ['mutation($id: ID!, $input: FlowInput!) { updateFlow(id: $id, input: $input) { id } }', { id, input }],
      ['mutation($id: ID!) { deleteFlow(id: $id) }', { id }],
      ['mutation($id: ID!) { restoreFlow(id: $id) { id } }', { id }],
      ['mutation($id: ID!) { restoreFlowVersion(id: $id, version: 1) { id } }', { id }],
      ['mutation($d: JSON!) { importFlow(document: $d) { id } }', { d: { format: 'omnitron.flow', formatVersion: 1, ...input } }],
      ['mutation { createFlowFromTemplate(templateId: "code-cleanup") { id } }', {}],
    ] as const;
    for (const [query, variables] of [...reads, ...writes]) {
      expect((await kit.fails(query, variables, null)).extensions.code, query).toBe('UNAUTHENTICATED');
    }
    for (const [query, variables] of writes) {
      expect((await kit.fails(query, variables, viewer)).extensions.code, query).toBe('FORBIDDEN');
    }
  });

  it("answers another workspace's flow exactly like a missing one", async () => {
    const flow = await create({ name: 'Private' });
    expect((await kit.ok(GET, { id: flow.id }, stranger)).flow).toBeNull();
    expect((await kit.ok(GET, { id: randomUUID() }, stranger)).flow).toBeNull();
    const update = `mutation($id: ID!, $input: FlowInput!) { updateFlow(id: $id, input: $input, expectedVersion: 1) { id } }`;
    const theirs = await kit.fails(update, { id: flow.id, input: { name: 'x', ...smallFlow() } }, stranger);
    const missing = await kit.fails(update, { id: randomUUID(), input: { name: 'x', ...smallFlow() } }, stranger);
    expect(theirs.extensions.code).toBe('NOT_FOUND');
    expect(missing.extensions.code).toBe('NOT_FOUND');
    expect(theirs.message.replace(flow.id, 'ID')).toBe(missing.message.replace(/[\w-]{36}/, 'ID'));
    for (const mutation of ['deleteFlow(id: $id)', 'restoreFlow(id: $id) { id }', 'restoreFlowVersion(id: $id, version: 1) { id }']) {
      expect((await kit.fails(`mutation($id: ID!) { ${mutation} }`, { id: flow.id }, stranger)).extensions.code).toBe('NOT_FOUND');
    }
    expect((await kit.fails(`query($id: ID!) { exportFlow(id: $id) }`, { id: flow.id }, stranger)).extensions.code).toBe('NOT_FOUND');
    expect((await kit.ok(`query($id: ID!) { flowVersion(flowId: $id, version: 1) { version } }`, { id: flow.id }, stranger)).flowVersion).toBeNull();
    expect((await kit.ok(LIST, { search: 'Private' }, stranger)).flows.totalCount).toBe(0);
  });

  it('answers ids that name no live flow of the workspace with null, one at a time or batched', async () => {
    const live = await create({ name: 'Batch live' });
    const doomed = await create({ name: 'Batch deleted' });
    await kit.ok(`mutation($id: ID!) { deleteFlow(id: $id) }`, { id: doomed.id }, editor);
    const theirs = await create({ name: 'Batch theirs' }, stranger);
    for (const id of ["' or 1=1 --", '%', '?', 'x'.repeat(300), doomed.id, theirs.id]) expect((await kit.ok(GET, { id }, editor)).flow).toBeNull();
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Flow { id name } } }`;
    const representations = [live.id, doomed.id, theirs.id, "' or 1=1 --", live.id].map((id) => ({ __typename: 'Flow', id }));
    expect((await kit.ok(entities, { r: representations }, editor))._entities).toEqual([{ id: live.id, name: 'Batch live' }, null, null, null, { id: live.id, name: 'Batch live' }]);
  });
});

describe('listing flows', () => {
  const space = randomUUID();
  const owner = callerOf(space, 'owner');

  beforeAll(async () => {
    for (let i = 0; i < 7; i++) {
      await create({ name: `Report ${i}`, description: i % 2 ? 'sends the weekly 100%_done digest' : 'nightly', tags: i < 3 ? ['Billing'] : ['ops'] }, owner);
    }
  });

  it('pages with stable cursors, newest first, with a total count', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { flows }: { flows: any } = await kit.ok(LIST, { first: 3, after }, owner);
      expect(flows.totalCount).toBe(7);
      seen.push(...flows.edges.map((e: any) => e.node.name));
      after = flows.pageInfo.hasNextPage ? flows.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(['Report 6', 'Report 5', 'Report 4', 'Report 3', 'Report 2', 'Report 1', 'Report 0']);
  });

  it('keeps a page boundary stable when an earlier flow is edited meanwhile', async () => {
    const first = (await kit.ok(LIST, { first: 2 }, owner)).flows;
    const { flows: all } = await kit.ok(LIST, { first: 100 }, owner);
    const oldest = all.edges.at(-1).node;
    await kit.ok(`mutation($id: ID!, $input: FlowInput!) { updateFlow(id: $id, input: $input) { id } }`, { id: oldest.id, input: { name: oldest.name, description: 'nightly', tags: ['Billing'], ...smallFlow() } }, owner);
    const second = (await kit.ok(LIST, { first: 2, after: first.pageInfo.endCursor }, owner)).flows;
    expect(second.edges.map((e: any) => e.node.name)).toEqual(['Report 4', 'Report 3']);
  });

  it('searches every word over name, description and tags, treating % and _ literally', async () => {
    const names = async (search: string) => (await kit.ok(LIST, { search, first: 50 }, owner)).flows.edges.map((e: any) => e.node.name).sort();
    expect(await names('report 3')).toEqual(['Report 3']);
    expect(await names('WEEKLY')).toEqual(['Report 1', 'Report 3', 'Report 5']);
    expect(await names('100%_done')).toEqual(['Report 1', 'Report 3', 'Report 5']);
    expect(await names('100%x')).toEqual([]);
    expect(await names('billing')).toEqual(['Report 0', 'Report 1', 'Report 2']);
  });

  it('filters by exact tag, ignoring case', async () => {
    const { flows } = await kit.ok(LIST, { tag: 'billing', first: 50 }, owner);
    expect(flows.totalCount).toBe(3);
    expect((await kit.ok(LIST, { tag: 'bill' }, owner)).flows.totalCount).toBe(0);
  });

  it('loads nodes and edges in a list only when selected, fragments included', async () => {
    const withFragment = `fragment Content on Flow { nodes edges } { flows(first: 1) { edges { node { name ...Content } } } }`;
    const [{ node }] = (await kit.ok(withFragment, {}, owner)).flows.edges;
    expect(node).toMatchObject(smallFlow());
  });

  it('reads each field a list selects as flow(id) answers it, however few are selected', async () => {
    const every = `${FLOW_FIELDS} deletedAt owner { id } workspace { id }`;
    const [{ node: listed }] = (await kit.ok(`{ flows(first: 1) { edges { node { ${every} } } } }`, {}, owner)).flows.edges;
    expect(listed).toEqual((await kit.ok(`query($id: ID!) { flow(id: $id) { ${every} } }`, { id: listed.id }, owner)).flow);
    const few = `{ flows(first: 1) { edges { cursor node { __typename ... on Flow { updatedAt } ...Refs versions(first: 1) { totalCount } } } } } fragment Refs on Flow { owner { id } }`;
    const [edge] = (await kit.ok(few, {}, owner)).flows.edges;
    expect(edge.node).toEqual({ __typename: 'Flow', updatedAt: listed.updatedAt, owner: { id: owner.userId }, versions: { totalCount: listed.version } });
    expect(typeof edge.cursor).toBe('string');
  });

  it('answers each listed flow\'s owner and workspace, live and in the trash', async () => {
    const refs = `owner { id } workspace { id }`;
    const { flows } = await kit.ok(`{ flows(first: 50) { edges { node { ${refs} } } } }`, {}, owner);
    expect(flows.edges).toHaveLength(7);
    for (const { node } of flows.edges) expect(node).toEqual({ owner: { id: owner.userId }, workspace: { id: space } });
    const doomed = await create({ name: 'Listed in the trash' }, owner);
    await kit.ok(`mutation($id: ID!) { deleteFlow(id: $id) }`, { id: doomed.id }, owner);
    const trash = (await kit.ok(`{ deletedFlows { edges { node { id ${refs} } } } }`, {}, owner)).deletedFlows;
    expect(trash.edges.map((e: any) => e.node)).toEqual([{ id: doomed.id, owner: { id: owner.userId }, workspace: { id: space } }]);
  });

  it('refuses a cursor it did not issue', async () => {
    expect((await kit.fails(LIST, { after: 'garbage' }, owner)).extensions.code).toBe('VALIDATION_FAILED');
  });
});

describe('deleting and restoring', () => {
  it('soft-deletes into the trash and restores', async () => {
    const flow = await create({ name: 'Trash me' });
    expect((await kit.ok(`mutation($id: ID!) { deleteFlow(id: $id) }`, { id: flow.id }, editor)).deleteFlow).toBe(true);
    expect((await kit.ok(GET, { id: flow.id }, editor)).flow).toBeNull();
    const trash = (await kit.ok(`{ deletedFlows { edges { node { id deletedAt } } totalCount } }`, {}, viewer)).deletedFlows;
    expect(trash.edges.map((e: any) => e.node.id)).toContain(flow.id);
    expect((await kit.fails(`mutation($id: ID!) { deleteFlow(id: $id) }`, { id: flow.id }, editor)).extensions.code).toBe('NOT_FOUND');
    const restored = (await kit.ok(`mutation($id: ID!) { restoreFlow(id: $id) { id version deletedAt } }`, { id: flow.id }, editor)).restoreFlow;
    expect(restored).toEqual({ id: flow.id, version: 1, deletedAt: null });
    expect((await kit.ok(GET, { id: flow.id }, viewer)).flow.id).toBe(flow.id);
  });

  it('purges flows deleted longer ago than the retention period', async () => {
    const flow = await create({ name: 'Old trash' });
    await kit.ok(`mutation($id: ID!) { deleteFlow(id: $id) }`, { id: flow.id }, editor);
    const em = kit.flows.subgraph.orm.em.fork();
    await em.getConnection().execute(`update flows set deleted_at = ? where id = ?`, [new Date(Date.now() - 31 * 86_400_000), flow.id]);
    expect((await kit.fails(`mutation($id: ID!) { restoreFlow(id: $id) { id } }`, { id: flow.id }, editor)).extensions.code).toBe('NOT_FOUND');
    const { FlowStore } = await import('../services/flow-store');
    const { loadFlowsSettings } = await import('../settings');
    expect(await new FlowStore(em, loadFlowsSettings({})).purgeExpired()).toBeGreaterThanOrEqual(1);
    const [{ count }] = await em.getConnection().execute(`select count(*)::int as count from flow_versions where flow_id = ?`, [flow.id]);
    expect(count).toBe(0);
  });
});

describe('import, export and templates', () => {
  it('exports a self-contained document that imports into another workspace', async () => {
    const flow = await create({ name: 'Portable', description: 'd', tags: ['t'] });
    const { exportFlow } = await kit.ok(`query($id: ID!) { exportFlow(id: $id) }`, { id: flow.id }, viewer);
    expect(exportFlow).toEqual({ format: 'omnitron.flow', formatVersion: 1, name: 'Portable', description: 'd', tags: ['t'], ...smallFlow() });
    const imported = (await kit.ok(`mutation($d: JSON!) { importFlow(document: $d) { id name nodes edges version workspace { id } } }`, { d: exportFlow }, stranger)).importFlow;
    expect(imported).toMatchObject({ name: 'Portable', version: 1, workspace: { id: stranger.workspaceId }, ...smallFlow() });
    expect(imported.id).not.toBe(flow.id);
  });

  it('blanks literal secrets in headers on export and says where', async () => {
    const nodes = [
      { id: 'start', type: 'trigger.manual', data: {} },
      { id: 'call', type: 'http.request', data: { url: 'https://example.com', credential: 'github', headers: { Authorization: 'Bearer s3cret', Accept: 'application/json' } } },
    ];
    const flow = await create({ name: 'Secretive', nodes, edges: [{ id: 'e', source: 'start', target: 'call' }] });
    const { exportFlow } = await kit.ok(`query($id: ID!) { exportFlow(id: $id) }`, { id: flow.id }, viewer);
    expect(JSON.stringify(exportFlow)).not.toContain('s3cret');
    expect(exportFlow.nodes[1].data).toMatchObject({ credential: 'github', headers: { Authorization: '', Accept: 'application/json' } });
    expect(exportFlow.redacted).toEqual(['call.headers.Authorization']);
  });

  it('refuses a document of the wrong shape, naming the field', async () => {
    const error = await kit.fails(`mutation($d: JSON!) { importFlow(document: $d) { id } }`, { d: { format: 'omnitron.flow', formatVersion: 1, name: 'x', nodes: 'no' } }, editor);
    expect(error.extensions.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('nodes');
  });

  it('lists templates and creates a flow from one, with its subflow linked', async () => {
    const { flowTemplates } = await kit.ok(`{ flowTemplates { id name description category nodes edges } }`, {}, viewer);
    expect(flowTemplates.length).toBeGreaterThanOrEqual(8);
    const { createFlowFromTemplate: flow } = await kit.ok(
      `mutation { createFlowFromTemplate(templateId: "map-with-subflow", name: "Per item") { id name valid nodes } }`,
      {},
      editor,
    );
    expect(flow).toMatchObject({ name: 'Per item', valid: true });
    const childId = flow.nodes.find((n: any) => n.type === 'map').data.flowId;
    expect((await kit.ok(GET, { id: childId }, viewer)).flow).toMatchObject({ name: 'Per item — per item', valid: true });
    expect((await kit.fails(`mutation { createFlowFromTemplate(templateId: "nope") { id } }`, {}, editor)).extensions.code).toBe('NOT_FOUND');
  });
});
