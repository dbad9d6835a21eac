import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunAdmission } from '../queue/run-queue';
import { ExecutionsHarness } from '../test-support/harness';
import { FlowAdmission } from './flow-admission';

/** The slots themselves, on real Redis: leases that end when nobody renews them (a dead worker). */
describe('flow admission leases', () => {
  let h: ExecutionsHarness;
  const admissions: FlowAdmission[] = [];

  beforeAll(async () => {
    h = await ExecutionsHarness.start();
  }, 60_000);
  afterAll(async () => {
    for (const admission of admissions) admission.close();
    await h?.close();
  }, 30_000);

  /** A process's admission with short leases (another worker process holds its own). */
  const processAdmission = (): FlowAdmission => {
    const admission = new FlowAdmission(h.runtime, { leaseMs: 600, renewEveryMs: 100 });
    admissions.push(admission);
    return admission;
  };
  const jobOf = (executionId: string) => ({ id: `run-${executionId}`, opts: { priority: 101 }, timestamp: Date.now() }) as unknown as Job;
  const soloFlow = (): RunAdmission => ({ flowId: randomUUID(), concurrencyLimit: 1, concurrencyKey: null, concurrencyKeyLimit: null });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('frees the slot of a run whose process stopped renewing it once its lease ends', async () => {
    const flow = soloFlow();
    const dead = processAdmission(); // never started: it renews nothing, like a killed worker
    const alive = processAdmission();
    const [first, second] = [randomUUID(), randomUUID()];
    expect(await dead.admit(first, flow, jobOf(first))).toBeNull();
    expect((await alive.admit(second, flow, jobOf(second)))?.reason).toBe('waiting for a slot: the flow runs 1 at a time');
    await sleep(900);
    expect(await alive.admit(second, flow, jobOf(second))).toBeNull();
  });

  it('keeps the slot of a run whose process renews it, and of a run delivered again', async () => {
    const flow = soloFlow();
    const holder = processAdmission();
    holder.start();
    const other = processAdmission();
    const [first, second] = [randomUUID(), randomUUID()];
    expect(await holder.admit(first, flow, jobOf(first))).toBeNull();
    await sleep(1_200);
    expect(await other.admit(second, flow, jobOf(second))).not.toBeNull();
    // The same run's job handed to another worker (its first one died) keeps the slot it holds.
    expect(await other.admit(first, flow, jobOf(first))).toBeNull();
    await holder.release(first, flow);
    expect(await other.admit(second, flow, jobOf(second))).toBeNull();
  });

  it('takes the slots of both scopes or of neither', async () => {
    const flowId = randomUUID();
    const admission = processAdmission();
    const keyed = (key: string): RunAdmission => ({ flowId, concurrencyLimit: 2, concurrencyKey: key, concurrencyKeyLimit: 1 });
    const [a1, a2, b1, c1] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    expect(await admission.admit(a1, keyed('a'), jobOf(a1))).toBeNull();
    expect((await admission.admit(a2, keyed('a'), jobOf(a2)))?.reason).toBe('waiting for a slot: key a');
    expect(await admission.admit(b1, keyed('b'), jobOf(b1))).toBeNull();
    // The flow's 2 slots are taken (a1, b1); a2 took none while it waited for key a.
    expect((await admission.admit(c1, keyed('c'), jobOf(c1)))?.reason).toBe('waiting for a slot: the flow runs 2 at a time');
    await admission.release(a1, keyed('a'));
    expect(await admission.admit(c1, keyed('c'), jobOf(c1))).toBeNull();
    expect((await admission.admit(a2, keyed('a'), jobOf(a2)))?.reason).toBe('waiting for a slot: the flow runs 2 at a time');
  });
});
