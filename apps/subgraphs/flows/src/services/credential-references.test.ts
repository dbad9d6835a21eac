import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityProcess } from '@omnitron/server-kit/testing';
import type { Caller } from '@omnitron/server-kit';
import { callerOf, startFlows, type FlowsTestKit } from '../test-support/flows-test-kit';

const TOKEN = 'tok-flows-8e1f02a9';
const CREATE = `mutation($input: FlowInput!) { createFlow(input: $input) { id valid problems { nodeId code severity message } } }`;

const flowNaming = (httpCredential: string, dbConnection?: string) => ({
  name: 'calls partner',
  nodes: [
    { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: {} },
    { id: 'call', type: 'http.request', position: { x: 0, y: 0 }, data: { url: 'https://api.example.com/x', credential: httpCredential } },
    ...(dbConnection ? [{ id: 'q', type: 'database.query', position: { x: 0, y: 0 }, data: { connection: dbConnection, sql: 'select 1' } }] : []),
  ],
  edges: [{ id: 'e1', source: 'start', target: 'call' }, ...(dbConnection ? [{ id: 'e2', source: 'call', target: 'q' }] : [])],
});

describe('credential references in flows (the real identity subgraph as the store)', () => {
  const identity = new IdentityProcess();
  let kit: FlowsTestKit;
  let owner: Caller;

  beforeAll(async () => {
    await identity.start();
    kit = await startFlows({ settings: { identityUrl: identity.url } });
    owner = await identity.register('flows-owner');
    await identity.createCredential(owner, { name: 'partner', type: 'BEARER', fields: { token: TOKEN } });
  }, 90_000);
  afterAll(async () => {
    await kit?.flows.close();
    await identity.stop();
  });

  it('saves a flow naming an existing credential of a fitting type without problems', async () => {
    const { createFlow } = await kit.ok(CREATE, { input: flowNaming('partner') }, owner);
    expect(createFlow).toMatchObject({ valid: true, problems: [] });
  });

  it('names a missing credential (warning) and a credential of the wrong type (error) at save and in validateFlow', async () => {
    const { createFlow } = await kit.ok(CREATE, { input: flowNaming('nobody', 'partner') }, owner);
    expect(createFlow.valid).toBe(false);
    expect(createFlow.problems).toEqual([
      expect.objectContaining({ nodeId: 'call', code: 'CREDENTIAL_MISSING', severity: 'warning', message: expect.stringContaining('"nobody"') }),
      expect.objectContaining({ nodeId: 'q', code: 'CREDENTIAL_WRONG_TYPE', severity: 'error', message: expect.stringContaining('POSTGRES') }),
    ]);
    const { validateFlow } = await kit.ok(`mutation($input: FlowInput!) { validateFlow(input: $input) { valid problems { nodeId code } } }`, { input: flowNaming('nobody') }, owner);
    expect(validateFlow).toEqual({ valid: true, problems: [{ nodeId: 'call', code: 'CREDENTIAL_MISSING' }] });
  });

  it('exports the reference by name only, and an import into another workspace reports it missing', async () => {
    const { createFlow } = await kit.ok(CREATE, { input: flowNaming('partner') }, owner);
    const { exportFlow } = await kit.ok(`query($id: ID!) { exportFlow(id: $id) }`, { id: createFlow.id }, owner);
    expect(JSON.stringify(exportFlow)).toContain('"credential":"partner"');
    expect(JSON.stringify(exportFlow)).not.toContain(TOKEN);
    const stranger = await identity.register('flows-stranger');
    const { importFlow } = await kit.ok(`mutation($d: JSON!) { importFlow(document: $d) { valid problems { nodeId code message } } }`, { d: exportFlow }, stranger);
    expect(importFlow.problems).toEqual([expect.objectContaining({ nodeId: 'call', code: 'CREDENTIAL_MISSING' })]);
  });

  it('names the credential a template or a restored version needs when the workspace lacks it', async () => {
    const { createFlowFromTemplate } = await kit.ok(`mutation { createFlowFromTemplate(templateId: "database-report") { id problems { nodeId code } } }`, {}, owner);
    expect(createFlowFromTemplate.problems).toContainEqual({ nodeId: 'query', code: 'CREDENTIAL_MISSING' });
    const { createFlow } = await kit.ok(CREATE, { input: flowNaming('gone') }, owner);
    await kit.ok(`mutation($id: ID!, $input: FlowInput!) { updateFlow(id: $id, input: $input) { version } }`, { id: createFlow.id, input: flowNaming('partner') }, owner);
    const { restoreFlowVersion } = await kit.ok(`mutation($id: ID!) { restoreFlowVersion(id: $id, version: 1) { problems { nodeId code } } }`, { id: createFlow.id }, owner);
    expect(restoreFlowVersion.problems).toEqual([{ nodeId: 'call', code: 'CREDENTIAL_MISSING' }]);
  });

  it('lists the flows of the workspace that use a credential', async () => {
    const other = await identity.register('flows-usage');
    const using = await kit.ok(CREATE, { input: { ...flowNaming('partner'), name: 'uses it' } }, other);
    await kit.ok(CREATE, { input: { ...flowNaming('someone else'), name: 'does not' } }, other);
    const { flowsUsingCredential } = await kit.ok(`query($n: String!) { flowsUsingCredential(name: $n) { id name } }`, { n: 'partner' }, other);
    expect(flowsUsingCredential).toEqual([{ id: using.createFlow.id, name: 'uses it' }]);
    const viewer = { ...other, role: 'viewer' as const };
    expect((await kit.ok(`query($n: String!) { flowsUsingCredential(name: $n) { id } }`, { n: 'partner' }, viewer)).flowsUsingCredential).toHaveLength(1);
  });

  it('saves with one CREDENTIALS_UNCHECKED warning when identity cannot be reached', async () => {
    const offline = await startFlows({ settings: { identityUrl: 'http://127.0.0.1:1/graphql' } });
    try {
      const { createFlow } = await offline.ok(CREATE, { input: flowNaming('partner') }, callerOf(owner.workspaceId));
      expect(createFlow).toMatchObject({ valid: true, problems: [{ code: 'CREDENTIALS_UNCHECKED', severity: 'warning' }] });
    } finally {
      await offline.flows.close();
    }
  });
});
