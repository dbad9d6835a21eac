import { isDeepStrictEqual } from 'node:util';
import type { WaitOutcome } from '@omnitron/nodes';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { ExecutionWait } from '../entities/execution-wait.entity';
import { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { tokenHashOf } from './resume-token';
import { queueWake } from './wake-run';

const PAGE = 500;

/**
 * Ends one wait with what arrived and wakes its run. Only a WAITING row changes (one update), so
 * of a resume URL called twice, a call racing the timeout or two events, exactly one wins.
 */
async function resolve(runtime: ExecutionsRuntime, row: Pick<ExecutionWait, 'executionId' | 'nodeId'>, payload: unknown): Promise<boolean> {
  const at = new Date();
  const outcome: WaitOutcome = { kind: 'received', payload, at: at.toISOString() };
  const won = await runtime.orm.em
    .fork()
    .nativeUpdate(ExecutionWait, { executionId: row.executionId, nodeId: row.nodeId, status: 'WAITING' }, { status: 'RESOLVED', outcome, resolvedAt: at });
  if (won === 0) return false;
  // The run may still be RUNNING (parking, or on another branch): the wake-up then finds nothing to claim and the runner, which looks again once parked, goes on.
  await queueWake(runtime, row.executionId);
  return true;
}

/** The wait whose resume URL `token` is; NOT_FOUND for a token no wait has. */
export async function waitOfToken(runtime: ExecutionsRuntime, token: string): Promise<ExecutionWait> {
  const row = await runtime.orm.em.fork().findOne(ExecutionWait, { tokenHash: tokenHashOf(token) });
  if (!row) throw new OmnitronError(ErrorCode.NOT_FOUND, 'No waiting run at this resume URL');
  return row;
}

/** Why a resume URL's wait cannot be answered any more. */
export const answeredAlready = (executionId: string) =>
  new OmnitronError(ErrorCode.CONFLICT, 'This resume URL was already used, or its wait is over (timed out, or the run ended)', { executionId });

/**
 * A call to a resume URL: the `wait` node whose wait `row` is continues with `payload`. A wait
 * already answered, timed out or whose run ended is CONFLICT, so a second call is refused and
 * says why.
 */
export async function resumeWait(runtime: ExecutionsRuntime, row: ExecutionWait, payload: unknown): Promise<void> {
  if (row.status !== 'WAITING' || !(await resolve(runtime, row, payload))) throw answeredAlready(row.executionId);
}

/** Whether an event's `match` holds a wait's: every key the wait names, with an equal value. */
export const matchHolds = (wanted: Readonly<Record<string, unknown>>, sent: Readonly<Record<string, unknown>>): boolean =>
  Object.entries(wanted).every(([key, value]) => Object.hasOwn(sent, key) && isDeepStrictEqual(sent[key], value));

/**
 * `sendEvent`: resumes the runs of `workspaceId` whose `wait` node waits for event `name` with a
 * match that `match` holds, each with `payload` as the node's output. Returns the runs resumed.
 */
export async function sendEvent(runtime: ExecutionsRuntime, workspaceId: string, name: string, payload: unknown, match: Readonly<Record<string, unknown>>): Promise<string[]> {
  const resumed: string[] = [];
  let after: { executionId: string; nodeId: string } | undefined;
  for (;;) {
    const em = runtime.orm.em.fork();
    const page = await em.find(
      ExecutionWait,
      { workspaceId, eventName: name, status: 'WAITING', ...(after ? { $or: [{ executionId: { $gt: after.executionId } }, { executionId: after.executionId, nodeId: { $gt: after.nodeId } }] } : {}) },
      { orderBy: { executionId: 'asc', nodeId: 'asc' }, limit: PAGE },
    );
    if (page.length === 0) return resumed;
    const matching = page.filter((row) => row.wait.kind === 'event' && matchHolds(row.wait.match, match));
    const live = new Set((await em.find(Execution, { id: { $in: matching.map((row) => row.executionId) }, status: { $in: ['RUNNING', 'WAITING'] } }, { fields: ['id'] })).map((run) => run.id));
    for (const row of matching) if (live.has(row.executionId) && (await resolve(runtime, row, payload))) resumed.push(row.executionId);
    const last = page.at(-1)!;
    after = { executionId: last.executionId, nodeId: last.nodeId };
  }
}
