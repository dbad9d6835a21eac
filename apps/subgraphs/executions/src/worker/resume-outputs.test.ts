import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeRunRecord } from '@omnitron/nodes';
import { Execution } from '../entities/execution.entity';
import { ResumeOutput } from '../entities/resume-output.entity';
import { RUN_JOB_ATTEMPTS } from '../queue/run-queue';
import { chain, editorOf, node } from '../test-support/flow-fixtures';
import { ExecutionsHarness, nodeRunOf } from '../test-support/harness';
import { waitFor } from '../test-support/worker-process';
import { commitNodeRun } from './node-run-store';

const flowId = (n: number) => `c1000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const BIG_TEXT = 'x'.repeat(400_000); // over the default 256 KiB NODE_OUTPUT_MAX_BYTES

/** big -> len: `len` reads the whole of big's output. */
const bigThenLength = () =>
  chain(node('big', 'transform', { expression: '{ "text": $pad("", 400000, "x") }' }), node('len', 'transform', { expression: '$length($nodes.big.text)' }));

const settledRecord = (nodeId: string, output: unknown): NodeRunRecord => {
  const at = new Date().toISOString();
  return { nodeId, status: 'SUCCEEDED', attempts: 1, input: null, output, startedAt: at, finishedAt: at, durationMs: 1 };
};

describe('a resumed run feeds downstream nodes whole outputs, not truncated previews', () => {
  let h: ExecutionsHarness;
  const alice = editorOf();

  beforeAll(async () => {
    h = await ExecutionsHarness.start();
  }, 60_000);
  afterAll(() => h?.close(), 30_000);

  /** A run whose worker died after committing `start` and `big`: queued job, RUNNING row, two node runs. */
  async function crashedAfterBig(n: number): Promise<string> {
    h.putFlow(alice, flowId(n), bigThenLength());
    await h.runtime.queue.pause();
    const { id } = await h.start(alice, flowId(n));
    await h.runtime.orm.em.fork().nativeUpdate(Execution, { id }, { status: 'RUNNING', startedAt: new Date() });
    await commitNodeRun(h.runtime, id, settledRecord('start', null), { resuming: false });
    await commitNodeRun(h.runtime, id, settledRecord('big', { text: BIG_TEXT }), { resuming: false });
    return id;
  }

  it('keeps the whole output of a truncated node until the run settles, and resumes from it', async () => {
    const id = await crashedAfterBig(1);
    expect(await h.runtime.orm.em.fork().count(ResumeOutput, { executionId: id })).toBe(1);
    await h.startWorker();
    await h.runtime.queue.resume();
    const done = await h.settled(alice, id);
    expect(done.status).toBe('SUCCEEDED');
    expect(nodeRunOf(done, 'len').output).toBe(400_000);
    // `big` was not run again, and the API still shows its preview.
    expect(nodeRunOf(done, 'big')).toMatchObject({ attempts: 1, outputTruncated: true, output: { $truncated: true } });
    expect(await h.runtime.orm.em.fork().count(ResumeOutput, { executionId: id })).toBe(0);
  });

  it('fails a resumed run with PAYLOAD_TOO_LARGE when the whole output was not kept, instead of computing on the preview', async () => {
    const id = await crashedAfterBig(2);
    await h.runtime.orm.em.fork().nativeDelete(ResumeOutput, { executionId: id }); // as if over NODE_OUTPUT_RESUME_MAX_BYTES
    await h.runtime.queue.resume();
    const done = await h.settled(alice, id);
    expect(done.status).toBe('FAILED');
    expect(done.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', nodeId: 'big' });
    expect(done.nodeRuns.map((r) => r.nodeId).sort()).toEqual(['big', 'start']);
  });

  it('keeps nothing extra for a fresh run, whatever its output sizes', async () => {
    h.putFlow(alice, flowId(3), bigThenLength());
    const { id } = await h.start(alice, flowId(3));
    const done = await h.settled(alice, id);
    expect(nodeRunOf(done, 'len').output).toBe(400_000);
    expect(await h.runtime.orm.em.fork().count(ResumeOutput, { executionId: id })).toBe(0);
  });

  it('drops the kept whole outputs when a run that crashes on every attempt is failed on its last one', async () => {
    const id = await crashedAfterBig(4);
    // A committed node run that cannot be read back: resuming throws on every attempt.
    await h.runtime.orm.em.fork().getConnection().execute(`update node_runs set started_at = 'infinity' where execution_id = ? and node_id = 'start'`, [id]);
    expect(await h.runtime.orm.em.fork().count(ResumeOutput, { executionId: id })).toBe(1);
    await h.runtime.queue.resume();
    const done = await h.settled(alice, id);
    expect(done).toMatchObject({ status: 'FAILED', error: { code: 'INTERNAL', message: 'The run could not be completed' } });
    const job = (await h.runtime.queue.getJob(`run-${id}`))!;
    await waitFor(async () => (await job.getState()) === 'completed', 5_000, 'the run job to complete');
    expect((await h.runtime.queue.getJob(job.id!))?.attemptsMade).toBe(RUN_JOB_ATTEMPTS);
    expect(await h.runtime.orm.em.fork().count(ResumeOutput, { executionId: id })).toBe(0);
  });
});
