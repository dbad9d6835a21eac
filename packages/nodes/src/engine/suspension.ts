import { ErrorCode, NodeError } from '../errors';
import type { WebhookSignature } from '../catalog/trigger.webhook/signature';
import type { ErrorValue } from '../types';
import { abortableSleep } from './sleep';

/**
 * What a parked node waits for. `time` and `retry` end when due; `webhook` and `event` end when
 * something arrives, or time out when due.
 */
export type WaitKind =
  | { readonly kind: 'time' }
  /** Retry back-off: attempt `attempt` failed with `error`; the next one starts when due. */
  | { readonly kind: 'retry'; readonly attempt: number; readonly error: ErrorValue }
  /** A POST to the node's resume URL (the worker makes and keeps the token), signed as `signature` says when set. */
  | { readonly kind: 'webhook'; readonly signature?: WebhookSignature }
  /** A person's answer on the page at the node's resume URL: approve or reject, with the fields of `form`. */
  | { readonly kind: 'approval'; readonly message: string; readonly form: readonly ApprovalField[] }
  /** `sendEvent(event, payload, match)` whose match holds every key of this `match`. */
  | { readonly kind: 'event'; readonly event: string; readonly match: Readonly<Record<string, unknown>> };

/** One field of an approval page's form. */
export interface ApprovalField {
  /** The answer's key. */
  readonly name: string;
  readonly label: string;
  readonly type: 'text' | 'number' | 'boolean';
  readonly required: boolean;
}

/** What an approval page posts back (the `received` payload of an approval wait). */
export interface ApprovalAnswer {
  readonly decision: 'approve' | 'reject';
  readonly fields: Readonly<Record<string, string | number | boolean | null>>;
  /** The name the person gave on the page (the link is their credential; the name is theirs to state). */
  readonly answeredBy: string;
  readonly answeredAt: string;
}

/** A node that gave up its slot: the run checkpoints and is resumed when the wait ends. */
export interface Suspension {
  readonly nodeId: string;
  /** When the wait ends on its own (ISO): due for `time`/`retry`, the timeout for `webhook`/`event`. */
  readonly until: string;
  readonly wait: WaitKind;
}

/** How a wait ended, handed back to the node (`ctx.waitFor` resolves with it) when the run resumes. */
export type WaitOutcome =
  | { readonly kind: 'due' }
  | { readonly kind: 'timeout' }
  /** What arrived: the resume URL's request or the event's payload. */
  | { readonly kind: 'received'; readonly payload: unknown; readonly at: string };

/** What a node asks `ctx.waitFor` for. */
export interface WaitRequest {
  /** Epoch milliseconds at which the wait ends on its own. */
  readonly until: number;
  readonly wait: Exclude<WaitKind, { kind: 'retry' }>;
}

/**
 * Durable waits, supplied by a host that can checkpoint a run (the worker). Without them every
 * time wait sleeps in process and a wait for a webhook or event fails.
 */
export interface DurableWaits {
  /** Waits shorter than this sleep in process: parking costs more than holding the slot. */
  readonly minMs: number;
  /** Nodes parked by an earlier pass whose wait has not ended: they stay parked, not run again. */
  readonly parked: Readonly<Record<string, Suspension>>;
  /** Nodes whose wait ended since they parked: they run again, and their wait resolves with this. */
  readonly ended: Readonly<Record<string, { readonly suspension: Suspension; readonly outcome: WaitOutcome }>>;
}

/** Thrown inside a node (by `ctx.waitFor`) to park it; the engine catches it, never a node's caller. */
export class SuspendSignal extends Error {
  override readonly name = 'SuspendSignal';
  constructor(readonly suspension: Suspension) {
    super(`node ${suspension.nodeId} parks until ${suspension.until}`);
  }
}

/** The wait of `nodeId` that ended since it parked, if any. */
export function endedWait(waits: DurableWaits | undefined, nodeId: string) {
  return waits?.ended[nodeId];
}

/**
 * A node's wait: resolves at once with how it ended when the run was resumed for it, sleeps in
 * process when short (or when nothing can park the run), and otherwise parks the node.
 */
export async function waitForNode(
  nodeId: string,
  request: WaitRequest,
  waits: DurableWaits | undefined,
  signal: AbortSignal,
): Promise<WaitOutcome> {
  const ended = waits?.ended[nodeId];
  if (ended !== undefined) return ended.outcome;
  const remaining = request.until - Date.now();
  const isTime = request.wait.kind === 'time';
  if (isTime && (waits === undefined || remaining < waits.minMs)) {
    await abortableSleep(Math.max(0, remaining), signal);
    return { kind: 'due' };
  }
  if (waits === undefined) {
    throw new NodeError(ErrorCode.SERVICE_UNAVAILABLE, `waiting for ${request.wait.kind === 'event' ? 'an event' : request.wait.kind === 'approval' ? 'an approval' : 'a call to the resume URL'} needs a run that can be parked: not in a subflow or a test run of one node`, { retryable: false });
  }
  throw new SuspendSignal({ nodeId, until: new Date(request.until).toISOString(), wait: request.wait });
}
