import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@omnitron/server-kit';
import { SAMPLE_INPUT_MAX_BYTES } from '../domain/sample-input';
import { findTemplate } from '../templates';
import { callerOf, smallFlow, startFlows, type FlowsTestKit } from '../test-support/flows-test-kit';

/** A flow's sample input, the input its test runs start with, kept by the flows subgraph for every editor. */
let kit: FlowsTestKit;
beforeAll(async () => {
  kit = await startFlows();
});
afterAll(() => kit?.flows.close());

const workspace = randomUUID();
const editor = callerOf(workspace, 'editor');
const otherEditor = callerOf(workspace, 'editor');
const viewer = callerOf(workspace, 'viewer');
const stranger = callerOf(randomUUID(), 'owner');

const SET = `mutation ($id: ID!, $json: String) { setFlowSampleInput(id: $id, json: $json) { id version sampleInput } }`;
const create = async (name: string, caller = editor) =>
  (await kit.ok<{ createFlow: { id: string; version: number } }>(`mutation ($input: FlowInput!) { createFlow(input: $input) { id version } }`, { input: { name, ...smallFlow() } }, caller)).createFlow;
const set = (id: string, json: string | null, caller: Caller | null = editor) => kit.flows.request<{ setFlowSampleInput: { id: string; version: number; sampleInput: unknown } }>(SET, { id, json }, caller);
const sampleOf = async (id: string, caller = viewer) => (await kit.ok<{ flow: { sampleInput: unknown } }>(`query ($id: ID!) { flow(id: $id) { sampleInput } }`, { id }, caller)).flow.sampleInput;

describe('a flow sample input', () => {
  it('starts unset, is stored for every member of the workspace without saving a version, and clears', async () => {
    const { id, version } = await create('sampled');
    expect(await sampleOf(id)).toBeNull();
    const input = { customer: { id: 42, name: 'Ada' }, tags: ['a', 'b'], note: 'héllo ✓' };
    const result = await set(id, JSON.stringify(input, null, 2));
    expect(result.errors).toBeUndefined();
    expect(result.data?.setFlowSampleInput).toEqual({ id, version, sampleInput: input });
    // Another member of the workspace reads it, also from the flow list.
    expect(await sampleOf(id, otherEditor)).toEqual(input);
    const listed = await kit.ok<{ flows: { edges: Array<{ node: { id: string; sampleInput: unknown } }> } }>(`query { flows(first: 100) { edges { node { id sampleInput } } } }`, {}, viewer);
    expect(listed.flows.edges.find((edge) => edge.node.id === id)?.node.sampleInput).toEqual(input);
    // Any JSON value is an input, a plain number too; blank text or null clears it.
    expect((await set(id, '7')).data?.setFlowSampleInput.sampleInput).toBe(7);
    expect((await set(id, '  ')).data?.setFlowSampleInput.sampleInput).toBeNull();
    await set(id, '{"a":1}');
    expect((await set(id, null)).data?.setFlowSampleInput.sampleInput).toBeNull();
    expect(await sampleOf(id)).toBeNull();
  });

  it('refuses text that is not JSON (VALIDATION_FAILED) and an input over 256 KiB (PAYLOAD_TOO_LARGE), keeping the one it had', async () => {
    const { id } = await create('bounded');
    await set(id, '{"kept":true}');
    const notJson = await set(id, '{ "customer": ');
    expect(notJson.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'sampleInput' });
    expect(notJson.errors?.[0]?.message).toMatch(/^sampleInput is not JSON/);
    const big = JSON.stringify({ text: 'x'.repeat(SAMPLE_INPUT_MAX_BYTES) });
    const tooLarge = await set(id, big);
    expect(tooLarge.errors?.[0]?.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'sampleInput', limitBytes: 262_144 });
    // The limit is on the stored (compact) JSON, not on the spacing of the text sent.
    const spaced = JSON.stringify({ text: 'y'.repeat(1_000), list: [1, 2] }, null, 2).replace(/\n/g, `\n${' '.repeat(100_000)}`);
    expect(spaced.length).toBeGreaterThan(SAMPLE_INPUT_MAX_BYTES);
    expect((await set(id, spaced)).errors).toBeUndefined();
    await set(id, '{"kept":true}');
    expect(await sampleOf(id)).toEqual({ kept: true });
  });

  it('needs the editor role, and another workspace’s flow reads as missing', async () => {
    const { id } = await create('guarded');
    await set(id, '{"mine":1}');
    expect((await set(id, '{"viewer":1}', viewer)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await set(id, '{"stranger":1}', stranger)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect((await set(id, '{"anonymous":1}', null)).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(await kit.ok<{ flow: unknown }>(`query ($id: ID!) { flow(id: $id) { sampleInput } }`, { id }, stranger)).toEqual({ flow: null });
    expect((await set(randomUUID(), '{}')).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    await kit.ok(`mutation ($id: ID!) { deleteFlow(id: $id) }`, { id }, editor);
    expect((await set(id, '{}')).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(await sampleOf((await create('fresh')).id)).toBeNull();
  });

  it('a flow made from a template starts with the template sample input', async () => {
    const template = findTemplate('code-cleanup')!;
    expect(template.sampleInput).toBeTruthy();
    const { createFlowFromTemplate } = await kit.ok<{ createFlowFromTemplate: { id: string; sampleInput: unknown } }>(
      `mutation ($templateId: ID!) { createFlowFromTemplate(templateId: $templateId) { id sampleInput } }`,
      { templateId: template.id },
      editor,
    );
    expect(createFlowFromTemplate.sampleInput).toEqual(template.sampleInput);
    expect(await sampleOf(createFlowFromTemplate.id)).toEqual(template.sampleInput);
  });
});
