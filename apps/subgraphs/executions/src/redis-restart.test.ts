import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { throwawayDatabase, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import type { FlowGraph } from '@omnitron/nodes';
import { Execution } from './entities/execution.entity';
import { TriggerRegistration } from './entities/trigger-registration.entity';
import { edge, editorOf, node } from './test-support/flow-fixtures';
import { FlowsProcess, freePort } from './test-support/flows-process';
import { forwardWebhook } from './test-support/forward-webhook';
import { ExecutionsHarness } from './test-support/harness';
import { PrivateRedis } from './test-support/private-redis';
import { waitFor } from './test-support/worker-process';

const alice = editorOf();
const webhookFlow = (path: string): FlowGraph => ({
  nodes: [node('hook', 'trigger.webhook', { path, respond: 'end' }), node('out', 'output', { expression: '{ "got": $input.body.n }' })],
  edges: [edge('hook', 'out')],
});

/**
 * Redis holds the queue, its job schedulers and the flow-change stream; the database holds the
 * runs and trigger registrations. With a redis-server of the test's own, really restarted empty
 * (or emptied), nothing is lost for good: the subgraph, its worker and the real flows subgraph
 * keep running throughout, as in production.
 */
describe('executions after Redis restarts empty', () => {
  const flows = new FlowsProcess();
  const flowsDb = throwawayDatabase('redisloss');
  const prefix = throwawayRedisPrefix('redisloss');
  let redis: PrivateRedis;
  let h: ExecutionsHarness;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    const flowsPort = await freePort();
    // RECOVER_EVERY_MS stays a minute: a recover scheduler recreated after the loss runs at once.
    h = await ExecutionsHarness.start({ FLOWS_URL: `http://127.0.0.1:${flowsPort}/graphql`, SCHEDULER_CHECK_EVERY_MS: '500' }, { REDIS_URL: redis.url, REDIS_PREFIX: prefix });
    await flows.start({ DATABASE_URL: flowsDb.url, REDIS_URL: redis.url, REDIS_PREFIX: prefix, DATA_DIR: mkdtempSync(join(tmpdir(), 'omt-redisloss-')), EXECUTIONS_URL: h.url }, flowsPort);
    await h.startWorker();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await flows.stop();
    await flowsDb.drop();
    await redis?.stop();
  }, 30_000);

  const registered = (flowId: string, count: number) =>
    waitFor(async () => (await h.runtime.orm.em.fork().count(TriggerRegistration, { flowId })) === count, 30_000, `${count} trigger registrations of ${flowId}`);

  const callWebhook = (path: string, body: unknown) => forwardWebhook(h.url, path, { body });

  it('queues again a run left QUEUED when Redis restarted empty, and the run completes', async () => {
    const flowId = await flows.createFlow(alice, 'queued through a restart', { nodes: [node('start', 'trigger.manual'), node('out', 'output', { expression: '"ran"' })], edges: [edge('start', 'out')] });
    await h.runtime.queue.pause();
    const { id } = await h.start(alice, flowId);
    expect((await h.execution(alice, id))?.status).toBe('QUEUED');
    // Past the grace a freshly inserted run gets before it counts as left without its job.
    await h.runtime.orm.em.fork().nativeUpdate(Execution, { id }, { createdAt: new Date(Date.now() - 60_000) });

    await redis.restart(); // the job, the pause and every scheduler are gone
    const done = await h.settled(alice, id, 60_000);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: 'ran' });
  }, 90_000);

  it('lets a run in flight when Redis restarted empty finish on its worker, instead of failing it as lost', async () => {
    const flowId = await flows.createFlow(alice, 'in flight through a restart', {
      nodes: [node('start', 'trigger.manual'), node('wait', 'delay', { ms: 5_000 }), node('out', 'output', { expression: '"finished"' })],
      edges: [edge('start', 'wait'), edge('wait', 'out')],
    });
    const { id } = await h.start(alice, flowId);
    await waitFor(async () => (await h.execution(alice, id))?.status === 'RUNNING', 30_000, 'the run to start');

    await redis.restart(); // its job is gone; the recover sweep, recreated at once, finds it RUNNING without one
    const done = await h.settled(alice, id, 60_000);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: 'finished' });
  }, 90_000);

  it('fires again a schedule registered before Redis was emptied', async () => {
    const flowId = await flows.createFlow(alice, 'every second', {
      nodes: [node('tick', 'trigger.schedule', { cron: '* * * * * *' }), node('out', 'output')],
      edges: [edge('tick', 'out')],
    });
    expect(await flows.setActive(alice, flowId, true)).toEqual({ active: true });
    await registered(flowId, 1);
    const scheduledTimes = async (): Promise<number[]> => {
      const { ids } = await h.executionIds(alice, { flowId });
      const runs = await h.runtime.orm.em.fork().find(Execution, { id: { $in: ids } }, { fields: ['input'] });
      return runs.map((run) => Date.parse((run.input as { scheduledAt: string }).scheduledAt));
    };
    await waitFor(async () => (await scheduledTimes()).length > 0, 30_000, 'the schedule to fire');

    await redis.flushAll(); // no reconnect: only the periodic check can notice
    const emptiedAt = Date.now();
    // A tick that was already queued cannot have been scheduled after the flush: a later one came from a recreated scheduler.
    await waitFor(async () => (await scheduledTimes()).some((at) => at > emptiedAt + 1_000), 60_000, 'a tick scheduled after Redis was emptied');

    await flows.updateFlow(alice, flowId, 'stopped', { nodes: [node('start', 'trigger.manual'), node('out', 'output')], edges: [edge('start', 'out')] });
    await registered(flowId, 0);
  }, 120_000);

  it('answers a webhook registered before Redis restarted empty', async () => {
    const path = `before/${randomBytes(4).toString('hex')}`;
    const flowId = await flows.createFlow(alice, 'hook before', webhookFlow(path));
    expect(await flows.setActive(alice, flowId, true)).toEqual({ active: true });
    await registered(flowId, 1);

    await redis.restart();
    const answer = await callWebhook(path, { n: 1 });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ got: 1 });
  }, 90_000);

  it('registers a flow saved while Redis was empty, which then answers on its path', async () => {
    await redis.restart();
    const path = `after/${randomBytes(4).toString('hex')}`;
    const flowId = await flows.createFlow(alice, 'hook after', webhookFlow(path));
    expect(await flows.setActive(alice, flowId, true)).toEqual({ active: true });
    await registered(flowId, 1);

    const answer = await callWebhook(path, { n: 2 });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ got: 2 });
  }, 90_000);
});
