import { randomUUID } from 'node:crypto';
import { webhookTriggersOf, type FlowGraph } from '@omnitron/nodes';
import { ErrorCode, OmnitronError, notFound } from '@omnitron/schema';
import type { Caller } from '@omnitron/server-kit';
import { runtimeKeys } from '../redis-keys';
import type { ExecutionsRuntime } from '../runtime';
import { checkTestDraft, type TestDraftInput } from './test-draft';

/** How long a listen waits for its one request. */
export const TEST_LISTEN_MS = 120_000;
/** How long the studio can read a listen's outcome after it ended. */
const OUTCOME_KEPT_MS = 600_000;

export type TestListenStatus = 'LISTENING' | 'CAPTURED' | 'EXPIRED';

/** One "listen for a test event" of a webhook trigger, as the studio polls it. */
export interface TestListen {
  readonly id: string;
  readonly flowId: string;
  readonly nodeId: string;
  readonly path: string;
  readonly workspaceId: string;
  readonly userId: string;
  readonly expiresAt: string;
  readonly status: TestListenStatus;
  readonly executionId: string | null;
}

/** A listen as it waits on its path: with the graph the captured request is to run. */
export interface WaitingTestListen extends TestListen {
  readonly draft: FlowGraph;
}

/**
 * Starts listening on the trigger's test URL (`/webhooks-test/<path>`): the next request there, and
 * only that one, is captured and runs `draft` (the editor's unsaved graph, checked here as a run
 * would be and kept with the listen; without one, the saved version) as `caller`. The path is the
 * saved trigger's, so only an editor of the flow can listen on it. A newer listen on the same path
 * replaces an older one. Nothing is saved.
 */
export async function listenForTestWebhook(runtime: ExecutionsRuntime, caller: Caller, flowId: string, nodeId: string, draftInput?: TestDraftInput | null): Promise<TestListen> {
  const flow = await runtime.flows.currentFlow(caller, flowId);
  if (!flow) throw notFound(`Flow ${flowId}`);
  const saved = webhookTriggersOf(flow.graph).find((t) => t.nodeId === nodeId);
  const draft = draftInput ? checkTestDraft(draftInput) : flow.graph;
  const trigger = webhookTriggersOf(draft).find((t) => t.nodeId === nodeId);
  const field = draftInput ? 'draft' : 'nodeId';
  if (!trigger) throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `Node ${nodeId} of the ${draftInput ? 'draft' : 'saved flow'} is not a webhook trigger`, { field });
  if (!saved || saved.path === '') throw new OmnitronError(ErrorCode.VALIDATION_FAILED, 'Save the flow first: its webhook gets a path when saved', { field: 'nodeId' });
  if (trigger.path !== saved.path) {
    throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `The draft's webhook ${nodeId} has path "${trigger.path}", the saved one "${saved.path}": save the flow to listen on its new path`, { field });
  }
  const listen: TestListen = {
    id: randomUUID(),
    flowId,
    nodeId,
    path: trigger.path,
    workspaceId: caller.workspaceId,
    userId: caller.userId,
    expiresAt: new Date(Date.now() + TEST_LISTEN_MS).toISOString(),
    status: 'LISTENING',
    executionId: null,
  };
  const prefix = runtime.config.REDIS_PREFIX;
  const pathKey = runtimeKeys.webhookTestPath(prefix, saved.path);
  // The id apart from the listen and its draft, so taking it compares an id without decoding a graph.
  const waiting: WaitingTestListen = { ...listen, draft };
  await runtime.redis
    .multi()
    .del(pathKey)
    .hset(pathKey, { id: listen.id, listen: JSON.stringify(waiting) })
    .pexpire(pathKey, TEST_LISTEN_MS)
    .set(runtimeKeys.webhookTestListen(prefix, listen.id), JSON.stringify(listen), 'PX', TEST_LISTEN_MS + OUTCOME_KEPT_MS)
    .exec();
  return listen;
}

/** The listen waiting on `path`, with its draft, if any, left in place (a refused request does not end it). */
export async function peekTestListen(runtime: ExecutionsRuntime, path: string): Promise<WaitingTestListen | undefined> {
  const raw = await runtime.redis.hget(runtimeKeys.webhookTestPath(runtime.config.REDIS_PREFIX, path), 'listen');
  return raw ? (JSON.parse(raw) as WaitingTestListen) : undefined;
}

/**
 * Takes `listen` off its path, atomically: true for exactly one request per listen (false when a
 * concurrent request took it, or a newer listen replaced it).
 */
export async function takeTestListen(runtime: ExecutionsRuntime, listen: TestListen): Promise<boolean> {
  const key = runtimeKeys.webhookTestPath(runtime.config.REDIS_PREFIX, listen.path);
  const taken = (await runtime.redis.eval(TAKE_IF_SAME, 1, key, listen.id)) as number;
  return taken === 1;
}

/** Deletes the key when it still holds the listen with this id. */
const TAKE_IF_SAME = `
if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1`;

/** Records the run the captured request started. */
export async function recordCapture(runtime: ExecutionsRuntime, listen: TestListen, executionId: string): Promise<void> {
  const { id, flowId, nodeId, path, workspaceId, userId, expiresAt } = listen;
  const captured: TestListen = { id, flowId, nodeId, path, workspaceId, userId, expiresAt, status: 'CAPTURED', executionId };
  await runtime.redis.set(runtimeKeys.webhookTestListen(runtime.config.REDIS_PREFIX, listen.id), JSON.stringify(captured), 'PX', OUTCOME_KEPT_MS);
}

/** A listen of the caller's workspace (another workspace's reads as missing). */
export async function readTestListen(runtime: ExecutionsRuntime, caller: Caller, id: string): Promise<TestListen | null> {
  const raw = await runtime.redis.get(runtimeKeys.webhookTestListen(runtime.config.REDIS_PREFIX, id));
  if (!raw) return null;
  const listen = JSON.parse(raw) as TestListen;
  if (listen.workspaceId !== caller.workspaceId) return null;
  return listen.status === 'LISTENING' && Date.parse(listen.expiresAt) <= Date.now() ? { ...listen, status: 'EXPIRED' } : listen;
}
