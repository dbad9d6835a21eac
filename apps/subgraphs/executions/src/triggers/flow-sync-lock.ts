import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { runtimeKeys } from '../redis-keys';
import type { ExecutionsRuntime } from '../runtime';

/** Longest one sync may hold a flow's lock (it reads the flow over HTTP, then writes). @default 30_000 */
const HOLD_MS = 30_000;
/** Longest a sync waits for another sync of the same flow before giving up. @default 20_000 */
const WAIT_MS = 20_000;

/** Deletes the lock only while it is still ours (it may have expired and been taken since). */
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

/**
 * Runs one trigger sync of `flowId` at a time, across every replica. A sync reads the flow, then
 * writes registrations; two at once race: the flow-change stream's sync can read a flow before it
 * is deleted (or activated) and write after the synchronous sync of that delete has run, bringing
 * the old registrations back. Serialised, each sync reads the flow as the one before it left it,
 * so the last one always writes the latest state.
 */
export async function withFlowSyncLock<T>(runtime: ExecutionsRuntime, flowId: string, work: () => Promise<T>): Promise<T> {
  const key = runtimeKeys.triggerSyncLock(runtime.config.REDIS_PREFIX, flowId);
  const token = randomUUID();
  const giveUpAt = Date.now() + WAIT_MS;
  for (let wait = 5; (await runtime.redis.set(key, token, 'PX', HOLD_MS, 'NX')) !== 'OK'; wait = Math.min(wait * 2, 100)) {
    if (Date.now() > giveUpAt) throw new OmnitronError(ErrorCode.INTERNAL, 'Another update of this flow’s triggers did not finish in time');
    await sleep(wait);
  }
  try {
    return await work();
  } finally {
    await runtime.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
  }
}
