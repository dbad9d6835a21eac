import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedisUrl, throwawayDatabase, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { TriggerRegistration } from '../entities/trigger-registration.entity';
import { schedulerId } from '../queue/run-queue';
import { edge, editorOf, node } from '../test-support/flow-fixtures';
import { FlowsProcess, freePort } from '../test-support/flows-process';
import { forwardWebhook } from '../test-support/forward-webhook';
import { ExecutionsHarness } from '../test-support/harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Activation against the real flows subgraph (a child process) calling this executions subgraph:
 * what `activateFlow` and a save of an active flow have registered when they return. Every
 * assertion reads right after the mutation answered; nothing here waits for the flow-change stream.
 */
describe('trigger activation with the real flows subgraph', () => {
  const flows = new FlowsProcess();
  const flowsDb = throwawayDatabase('activate');
  const prefix = throwawayRedisPrefix('activate');
  let h: ExecutionsHarness;
  const alice = editorOf();

  beforeAll(async () => {
    const flowsPort = await freePort();
    h = await ExecutionsHarness.start({ FLOWS_URL: `http://127.0.0.1:${flowsPort}/graphql`, WEBHOOK_WAIT_MS: '20000' }, { REDIS_PREFIX: prefix });
    await flows.start({ DATABASE_URL: flowsDb.url, REDIS_URL: testRedisUrl, REDIS_PREFIX: prefix, DATA_DIR: mkdtempSync(join(tmpdir(), 'omt-activate-')), EXECUTIONS_URL: h.url }, flowsPort);
    await h.startWorker();
  }, 90_000);
  afterAll(async () => {
    await h?.close();
    await flows.stop();
    await flowsDb.drop();
  }, 30_000);

  const registrations = async (flowId: string) =>
    (await h.runtime.orm.em.fork().find(TriggerRegistration, { flowId }, { orderBy: { nodeId: 'asc' } })).map((r) => [r.nodeId, r.kind]);
  const schedulersOf = async (flowId: string) =>
    (await h.runtime.queue.getJobSchedulers(0, -1)).filter((s) => s.key.startsWith(schedulerId(flowId, ''))).map((s) => s.key);
  /** As the gateway forwards a POST: to the path's internal URL, signed for it. */
  const postWebhook = (path: string, body: unknown) => forwardWebhook(h.url, path, { body });
  const tickAndHook = (path: string) => ({
    nodes: [node('tick', 'trigger.schedule', { cron: '* * * * * *' }), node('hook', 'trigger.webhook', { path }), node('out', 'output', { expression: '{ "got": $input.body.n }' })],
    edges: [edge('tick', 'out'), edge('hook', 'out')],
  });

  it('leaves an inactive flow’s webhook at 404 and its schedule unfired; activateFlow makes both live before it returns', async () => {
    const path = `live/${randomBytes(4).toString('hex')}`;
    const id = await flows.createFlow(alice, 'every second and on demand', tickAndHook(path));
    expect((await postWebhook(path, { n: 1 })).status).toBe(404);
    await sleep(2_500); // more than two ticks of an every-second schedule, had it been registered
    expect((await h.executionIds(alice, { flowId: id })).ids).toEqual([]);
    expect(await schedulersOf(id)).toEqual([]);
    expect(await registrations(id)).toEqual([]);

    expect(await flows.setActive(alice, id, true)).toEqual({ active: true });
    const answer = await postWebhook(path, { n: 7 });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ got: 7 });
    expect(await schedulersOf(id)).toEqual([schedulerId(id, 'tick')]);

    expect(await flows.setActive(alice, id, false)).toEqual({ active: false });
    expect((await postWebhook(path, { n: 8 })).status).toBe(404);
    expect(await schedulersOf(id)).toEqual([]);
  }, 60_000);

  it('registers the saved version’s triggers before a save of an active flow returns, and removes them on delete', async () => {
    const path = `saved/${randomBytes(4).toString('hex')}`;
    const id = await flows.createFlow(alice, 'nightly and on demand', {
      nodes: [node('tick', 'trigger.schedule', { cron: '0 3 * * *' }), node('hook', 'trigger.webhook', { path }), node('out', 'output')],
      edges: [edge('tick', 'out'), edge('hook', 'out')],
    });
    await flows.setActive(alice, id, true);
    expect(await registrations(id)).toEqual([['hook', 'webhook'], ['tick', 'schedule']]);

    await flows.updateFlow(alice, id, 'on demand', { nodes: [node('hook', 'trigger.webhook', { path }), node('out', 'output')], edges: [edge('hook', 'out')] });
    expect(await registrations(id)).toEqual([['hook', 'webhook']]);
    expect(await schedulersOf(id)).toEqual([]);

    await flows.request(`mutation ($id: ID!) { deleteFlow(id: $id) }`, { id }, alice);
    expect(await registrations(id)).toEqual([]);
  }, 60_000);

  it('refuses to activate a flow whose webhook path another flow holds (CONFLICT) and leaves it inactive', async () => {
    const path = `taken/${randomBytes(4).toString('hex')}`;
    const graph = { nodes: [node('hook', 'trigger.webhook', { path }), node('out', 'output')], edges: [edge('hook', 'out')] };
    const first = await flows.createFlow(alice, 'first', graph);
    const second = await flows.createFlow(alice, 'second', graph);
    expect(await flows.setActive(alice, first, true)).toEqual({ active: true });
    expect((await flows.setActive(alice, second, true)).error).toMatchObject({ code: 'CONFLICT' });
    const read = await flows.request<{ flow: { active: boolean } }>(`query ($id: ID!) { flow(id: $id) { active } }`, { id: second }, alice);
    expect(read.flow.active).toBe(false);
    expect(await registrations(second)).toEqual([]);
    expect(await registrations(first)).toEqual([['hook', 'webhook']]);
  }, 60_000);

  it('deactivates an active flow whose save takes a webhook path another flow holds, instead of keeping the old version live', async () => {
    const taken = `held/${randomBytes(4).toString('hex')}`;
    const own = `own/${randomBytes(4).toString('hex')}`;
    const hookOn = (path: string) => ({ nodes: [node('hook', 'trigger.webhook', { path }), node('out', 'output')], edges: [edge('hook', 'out')] });
    const holder = await flows.createFlow(alice, 'holder', hookOn(taken));
    const mover = await flows.createFlow(alice, 'mover', hookOn(own));
    await flows.setActive(alice, holder, true);
    await flows.setActive(alice, mover, true);
    const saved = await flows.request<{ updateFlow: { version: number; active: boolean } }>(
      `mutation ($id: ID!, $input: FlowInput!) { updateFlow(id: $id, input: $input) { version active } }`,
      { id: mover, input: { name: 'mover', ...hookOn(taken) } },
      alice,
    );
    expect(saved.updateFlow).toEqual({ version: 2, active: false });
    expect(await registrations(mover)).toEqual([]);
    expect((await postWebhook(own, {})).status).toBe(404);
    expect(await registrations(holder)).toEqual([['hook', 'webhook']]);
  }, 60_000);

  it('pins the flow’s name on a run its webhook starts, as of the version the trigger registered', async () => {
    const path = `named/${randomBytes(4).toString('hex')}`;
    const id = await flows.createFlow(alice, 'order intake', { nodes: [node('hook', 'trigger.webhook', { path }), node('out', 'output')], edges: [edge('hook', 'out')] });
    await flows.setActive(alice, id, true);
    expect((await postWebhook(path, { n: 1 })).status).toBe(200);
    const runs = await h.request<{ executions: { edges: Array<{ node: { flowName: string | null } }> } }>(
      `query ($flowId: ID!) { executions(flowId: $flowId) { edges { node { flowName } } } }`,
      { flowId: id },
      alice,
    );
    expect(runs.data?.executions.edges.map((e) => e.node.flowName)).toEqual(['order intake']);
  }, 60_000);
});
