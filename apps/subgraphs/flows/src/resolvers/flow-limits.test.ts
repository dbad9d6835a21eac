import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, chainFlow, smallFlow, startFlows, type FlowsTestKit } from '../test-support/flows-test-kit';

const MAX_DOCUMENT_BYTES = 2 * 1_048_576;
let kit: FlowsTestKit;
beforeAll(async () => {
  // The HTTP body limit sits above the document limit, so the flows check is the one that answers.
  kit = await startFlows({ settings: { maxDocumentBytes: MAX_DOCUMENT_BYTES }, config: { MAX_BODY_BYTES: 16 * 1_048_576 } });
});
afterAll(() => kit?.flows.close());

const editor = callerOf(randomUUID(), 'editor');
const CREATE = `mutation($input: FlowInput!) { createFlow(input: $input) { id version valid } }`;
const create = (input: Record<string, unknown>) => kit.flows.request<any>(CREATE, { input: { name: 'limits', ...input } }, editor);

async function codeOf(input: Record<string, unknown>): Promise<{ code: unknown; message: string; extensions: Record<string, any> }> {
  const result = await create(input);
  const error = result.errors?.[0];
  if (!error) throw new Error('expected an error');
  return { code: error.extensions.code, message: error.message, extensions: error.extensions };
}

describe('flow size limits', () => {
  it('saves and loads a flow of 5,000 nodes', async () => {
    const flow = chainFlow(5_000);
    const { data } = await create(flow);
    expect(data.createFlow).toMatchObject({ version: 1, valid: true });
    const loaded = await kit.flows.request<any>(`query($id: ID!) { flow(id: $id) { nodes edges } }`, { id: data.createFlow.id }, editor);
    expect(loaded.data.flow.nodes).toHaveLength(5_000);
    expect(loaded.data.flow.edges).toHaveLength(4_999);
  });

  it('refuses 10,000 nodes with PAYLOAD_TOO_LARGE', async () => {
    const error = await codeOf(chainFlow(10_000));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('10000 nodes');
  });

  it('refuses a document over the configured byte limit with PAYLOAD_TOO_LARGE', async () => {
    const flow = smallFlow();
    (flow.nodes[1] as any).data = { expression: '$input', label: 'x'.repeat(100), padding: 'y'.repeat(MAX_DOCUMENT_BYTES) };
    const error = await codeOf(flow);
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.extensions.limitBytes).toBe(MAX_DOCUMENT_BYTES);
  });
});

describe('structural problems refuse the save', () => {
  it('duplicate node ids are VALIDATION_FAILED naming the id', async () => {
    const flow = smallFlow();
    const error = await codeOf({ nodes: [...flow.nodes, { id: 'shape', type: 'output', data: {} }], edges: flow.edges });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('"shape"');
    expect(error.extensions.problems).toContainEqual(expect.objectContaining({ nodeId: 'shape', code: 'DUPLICATE_ID' }));
  });

  it('edges to missing nodes are VALIDATION_FAILED naming the edge and the node', async () => {
    const flow = smallFlow();
    const error = await codeOf({ nodes: flow.nodes, edges: [...flow.edges, { id: 'ghost', source: 'end', target: 'nowhere' }] });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('"ghost"');
    expect(error.message).toContain('"nowhere"');
    expect(error.extensions.problems).toContainEqual(expect.objectContaining({ edgeId: 'ghost', code: 'DANGLING_EDGE' }));
  });

  it('non-object node data is VALIDATION_FAILED naming the node', async () => {
    const flow = smallFlow();
    (flow.nodes[1] as any).data = 'not an object';
    const error = await codeOf(flow);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.extensions.problems).toContainEqual(expect.objectContaining({ nodeId: 'shape', code: 'INVALID_SHAPE' }));
  });

  it('nodes or edges that are not arrays are VALIDATION_FAILED', async () => {
    expect((await codeOf({ nodes: { a: 1 }, edges: [] })).code).toBe('VALIDATION_FAILED');
    expect((await codeOf({ nodes: [], edges: 'x' })).code).toBe('VALIDATION_FAILED');
  });

  it('a refused update leaves the flow and its history untouched', async () => {
    const { data } = await create(smallFlow());
    const flow = smallFlow();
    const result = await kit.flows.request<any>(
      `mutation($id: ID!, $input: FlowInput!) { updateFlow(id: $id, input: $input, expectedVersion: 1) { version } }`,
      { id: data.createFlow.id, input: { name: 'broken', nodes: [...flow.nodes, flow.nodes[0]], edges: flow.edges } },
      editor,
    );
    expect(result.errors?.[0]?.extensions.code).toBe('VALIDATION_FAILED');
    const after = await kit.flows.request<any>(`query($id: ID!) { flow(id: $id) { name version versions { totalCount } } }`, { id: data.createFlow.id }, editor);
    expect(after.data.flow).toEqual({ name: 'limits', version: 1, versions: { totalCount: 1 } });
  });
});

describe('metadata limits', () => {
  it('a name over 200 characters is VALIDATION_FAILED', async () => {
    const error = await codeOf({ ...smallFlow(), name: 'n'.repeat(201) });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.extensions.field).toBe('name');
  });

  it('an empty name, too many tags or a long message are VALIDATION_FAILED', async () => {
    expect((await codeOf({ ...smallFlow(), name: '   ' })).code).toBe('VALIDATION_FAILED');
    expect((await codeOf({ ...smallFlow(), tags: Array.from({ length: 21 }, (_, i) => `t${i}`) })).code).toBe('VALIDATION_FAILED');
    expect((await codeOf({ ...smallFlow(), message: 'm'.repeat(1_001) })).code).toBe('VALIDATION_FAILED');
  });
});
