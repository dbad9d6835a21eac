import { setTimeout as sleep } from 'node:timers/promises';
import type { DurableWaits, Suspension } from '@omnitron/nodes';
import { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { claimWaitingRun, queueWake } from '../services/wake-run';
import { endsSoon, recordSuspensions, type AttemptErrors } from './wait-store';

/** A pass of the engine that ended with nodes parked. */
export interface ParkedPass {
  readonly status: 'WAITING';
  readonly suspensions: readonly Suspension[];
  /** The waits the pass started from. */
  readonly waits: DurableWaits;
  readonly attemptErrors: ReadonlyMap<string, AttemptErrors>;
  /** When the run started. */
  readonly startedAt: Date;
}

/**
 * Parks a run whose pass ended SUSPENDED, so it holds no worker slot while it waits: its waits are
 * recorded (the database is the record of what is due), a delayed `wake` job is queued for the
 * earliest due time (the upkeep re-queues it should Redis lose it), and the run turns WAITING with
 * a NODE_WAITING event per parked node and an EXECUTION_WAITING event. The job is queued before the status changes and the waits are read
 * again after, so a wait that ends meanwhile (a call to the resume URL) is never missed: either
 * its wake job finds the run WAITING, or this finds the wait ended and takes the run back.
 * Returns `again` when the run should go on here at once (a wait ended, or ends sooner than
 * parking pays), `parked` otherwise.
 */
export async function parkRun(runtime: ExecutionsRuntime, execution: Pick<Execution, 'id' | 'workspaceId'>, pass: ParkedPass): Promise<'parked' | 'again'> {
  const dueAt = await recordSuspensions(runtime, execution, pass.suspensions, pass.waits, (nodeId) => pass.attemptErrors.get(nodeId));
  await queueWake(runtime, execution.id, dueAt);
  const parked = await runtime.orm.em.fork().nativeUpdate(Execution, { id: execution.id, status: 'RUNNING' }, { status: 'WAITING', queuedReason: null });
  // (The reason it once waited in the queue is over: a WAITING run's queuedReason is its resume's.)
  // No longer RUNNING: it ended meanwhile (a cancel settled it).
  if (parked === 0) return 'parked';
  const waits = pass.suspensions.map(({ nodeId, until, wait }) => ({ nodeId, kind: wait.kind, until, ...(wait.kind === 'event' ? { event: wait.event } : {}) }));
  // Each parked node shows WAITING (with what for) until its next event, NODE_STARTED when it resumes.
  await runtime.events.appendAll(execution.id, [
    ...waits.map(({ nodeId, ...wait }) => ({ type: 'NODE_WAITING' as const, nodeId, data: wait })),
    { type: 'EXECUTION_WAITING', nodeId: null, data: { waits } },
  ]);
  const pause = await endsSoon(runtime, execution.id, pass.suspensions.map((s) => s.nodeId), pass.waits.minMs);
  if (pause === null) return 'parked';
  if (pause > 0) await sleep(pause);
  return (await claimWaitingRun(runtime, execution.id)) ? 'again' : 'parked';
}
