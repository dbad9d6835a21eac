import { defineEntity, p } from '@mikro-orm/core';
import type { WaitKind, WaitOutcome } from '@omnitron/nodes';

/** Where a parked node's wait is: waiting; resolved (it ended, the run is to resume); done (the node ran on). */
export type ExecutionWaitStatus = 'WAITING' | 'RESOLVED' | 'DONE';

/**
 * A parked node of a WAITING (or resuming) run: the database's record of what is due and what a
 * run waits for, so a timer survives restarts of every process and of Redis (a delayed BullMQ job
 * is only the fast trigger; the scheduler upkeep re-queues due runs whose job was lost). One row
 * per node and run; a node that parks again (another retry back-off) overwrites its row. Rows stay
 * after their run ends, so a second call to a resume URL is refused as already answered; they go
 * with their run when it is pruned.
 */
export const ExecutionWaitSchema = defineEntity({
  name: 'ExecutionWait',
  tableName: 'execution_waits',
  properties: {
    executionId: p.uuid().primary(),
    nodeId: p.string().length(200).primary(),
    workspaceId: p.uuid(),
    /** `WaitKind.kind`: time, retry, webhook or event. */
    kind: p.string().length(16).$type<WaitKind['kind']>(),
    status: p.string().length(16).$type<ExecutionWaitStatus>(),
    /** When the wait ends on its own: due (time, retry) or timed out (webhook, event). */
    dueAt: p.datetime(),
    /** What the node waits for, as the engine gave it. */
    wait: p.json<WaitKind>(),
    /** SHA-256 (hex) of the resume URL's token of a webhook wait; the token itself is never stored. */
    tokenHash: p.string().length(64).nullable().unique(),
    /** The event name of an event wait. */
    eventName: p.string().length(200).nullable(),
    /** A retry back-off's failed attempts so far, for the node's NodeRun once it settles. */
    attemptErrors: p.json<Array<{ attempt: number; code: string; message: string }>>().nullable(),
    /** How the wait ended, once RESOLVED. */
    outcome: p.json<WaitOutcome>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    resolvedAt: p.datetime().nullable(),
  },
});

export class ExecutionWait extends ExecutionWaitSchema.class {}
ExecutionWaitSchema.setClass(ExecutionWait);
