import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, editorOf, node } from '../test-support/flow-fixtures';
import { ExecutionsHarness } from '../test-support/harness';
import { fireSchedule } from './schedules';

/** The per-schedule policy for a tick that comes late because the platform was down. */
describe('missed schedule fires', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start({ SCHEDULE_MISSED_AFTER_MS: '60000' });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  }, 30_000);

  const scheduled = async (missed?: string) => {
    const flowId = randomUUID();
    h.putFlow(alice, flowId, { nodes: [node('tick', 'trigger.schedule', { cron: '0 0 1 1 *', ...(missed ? { missed } : {}) }), node('out', 'output')], edges: [edge('tick', 'out')] });
    await h.sync(alice, flowId);
    return flowId;
  };
  const tenMinutesAgo = () => new Date(Date.now() - 600_000);

  it('skips a tick ten minutes late by default, and runs one on time', async () => {
    const flowId = await scheduled();
    expect(await fireSchedule(h.runtime, { flowId, nodeId: 'tick' }, `late-${flowId}`, tenMinutesAgo())).toBeUndefined();
    expect((await h.executionIds(alice, { flowId })).ids).toEqual([]);
    const onTime = await fireSchedule(h.runtime, { flowId, nodeId: 'tick' }, `now-${flowId}`, new Date());
    expect((await h.executionIds(alice, { flowId })).ids).toEqual([onTime]);
  });

  it('runs a late tick for a schedule with missed: fireOnce', async () => {
    const flowId = await scheduled('fireOnce');
    const id = await fireSchedule(h.runtime, { flowId, nodeId: 'tick' }, `late-${flowId}`, tenMinutesAgo());
    expect(id).toBeDefined();
    expect((await h.executionIds(alice, { flowId })).ids).toEqual([id]);
  });
});
