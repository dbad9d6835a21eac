import type { ExecutionEventsSubscription, ExecutionStatus } from '../generated/graphql';

export type ExecutionEvent = ExecutionEventsSubscription['executionEvents'];

/**
 * What the canvas shows per node; QUEUED until the engine reaches it, RETRYING between attempts,
 * WAITING while parked on a durable wait (its run WAITING) until it resumes, NOT_RUN for a node the engine never reached once the run is over (it will not run: not "queued").
 */
export type NodeRunState = 'QUEUED' | 'RUNNING' | 'RETRYING' | 'WAITING' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'CANCELLED' | 'NOT_RUN';

/** One attempt of a node: when it started and ended (when known) and how it failed. */
export interface NodeAttemptView {
  readonly attempt: number;
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly error?: { code?: string; message?: string };
}

export interface NodeLogLine {
  readonly level: string;
  readonly message: string;
  readonly at: string;
}

export interface NodeRunView {
  readonly state: NodeRunState;
  readonly attempt: number;
  readonly startedAt?: string;
  readonly durationMs?: number;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly error?: { code?: string; message?: string };
  /** Output handle taken (`true`/`false` for a condition), so only that edge lights up. */
  readonly handle?: string;
  readonly logs: readonly NodeLogLine[];
  /** Every attempt so far, oldest first (none for a node that has not started). */
  readonly attempts?: readonly NodeAttemptView[];
  /** While WAITING: what it waits for, in words ("until 12:00:00", "event order.paid", "approval"). */
  readonly waitingFor?: string;
}

export interface RunView {
  readonly executionId: string;
  readonly status: ExecutionStatus;
  readonly lastSeq: number;
  readonly nodes: Readonly<Record<string, NodeRunView>>;
}

const QUEUED: NodeRunView = { state: 'QUEUED', attempt: 0, logs: [], attempts: [] };
const NOT_RUN: NodeRunView = { ...QUEUED, state: 'NOT_RUN' };

export function emptyRun(executionId: string): RunView {
  return { executionId, status: 'QUEUED', lastSeq: 0, nodes: {} };
}

/** A node's view; one the run never reached is QUEUED while the run goes and NOT_RUN once it is over. */
export function nodeView(run: RunView, nodeId: string): NodeRunView {
  const view = run.nodes[nodeId];
  if (view && view.state !== 'QUEUED') return view;
  return isTerminal(run.status) ? NOT_RUN : (view ?? QUEUED);
}

/** The node the run failed at (the first FAILED one), if any. */
export function failedNodeId(run: RunView): string | undefined {
  return Object.entries(run.nodes).find(([, view]) => view.state === 'FAILED')?.[0];
}

/** Closes the last attempt at `at`, with its error when it failed. */
function endAttempt(attempts: readonly NodeAttemptView[] = [], at: string, error?: NodeAttemptView['error']): NodeAttemptView[] {
  const last = attempts[attempts.length - 1];
  if (!last) return [];
  return [...attempts.slice(0, -1), { ...last, endedAt: last.endedAt ?? at, ...(error ? { error } : {}) }];
}

interface EventData {
  attempt?: number;
  /** NODE_WAITING: what the node waits for. */
  kind?: string;
  until?: string;
  event?: string;
  input?: unknown;
  error?: { code?: string; message?: string };
  level?: string;
  message?: string;
  record?: { status?: string; attempts?: number; input?: unknown; output?: unknown; error?: { code?: string; message?: string }; handle?: string; startedAt?: string; durationMs?: number };
}

const SETTLED: Partial<Record<ExecutionEvent['type'], NodeRunState>> = {
  NODE_SUCCEEDED: 'SUCCEEDED',
  NODE_FAILED: 'FAILED',
  NODE_SKIPPED: 'SKIPPED',
};

const clock = (iso: string): string => new Date(iso).toLocaleTimeString();

/** A NODE_WAITING event's wait in words, after "waiting ". */
export function describeWait(data: { kind?: string; until?: string; event?: string }): string {
  const until = data.until ? clock(data.until) : '';
  switch (data.kind) {
    case 'time':
      return `until ${until}`;
    case 'retry':
      return `for its next attempt at ${until}`;
    case 'webhook':
      return 'for a call to its resume URL';
    case 'approval':
      return 'for approval';
    case 'event':
      return `for event ${data.event ?? ''}`;
    default:
      return until ? `until ${until}` : '';
  }
}

function nextNodeView(current: NodeRunView, event: ExecutionEvent, data: EventData): NodeRunView | undefined {
  // Parked no longer once the node has any other event (NODE_STARTED when it resumes).
  const previous: NodeRunView = current.waitingFor === undefined ? current : { ...current, waitingFor: undefined };
  switch (event.type) {
    case 'NODE_WAITING':
      return { ...previous, state: 'WAITING', waitingFor: describeWait(data) };
    case 'NODE_STARTED': {
      const attempt = data.attempt ?? previous.attempt + 1;
      return { ...previous, state: 'RUNNING', attempt, startedAt: previous.startedAt ?? event.at, input: data.input, attempts: [...(previous.attempts ?? []).filter((a) => a.attempt !== attempt), { attempt, startedAt: event.at }] };
    }
    case 'NODE_RETRYING':
      return { ...previous, state: 'RETRYING', attempt: data.attempt ?? previous.attempt, error: data.error, attempts: endAttempt(previous.attempts, event.at, data.error) };
    case 'LOG':
      return { ...current, logs: [...current.logs, { level: data.level ?? 'info', message: data.message ?? '', at: event.at }] };
    default: {
      const state = SETTLED[event.type];
      if (!state) return undefined;
      const record = data.record ?? {};
      return {
        ...previous,
        state,
        attempt: record.attempts ?? previous.attempt,
        input: record.input ?? previous.input,
        output: record.output,
        error: record.error,
        handle: record.handle,
        durationMs: record.durationMs,
        startedAt: record.startedAt ?? previous.startedAt,
        attempts: endAttempt(previous.attempts, event.at, state === 'FAILED' ? record.error : undefined),
      };
    }
  }
}

/**
 * Folds one event into the run. Only the node the event names gets a new object, so a node
 * component selecting its own view re-renders only when its own state changes. Replayed or
 * duplicated events (seq already seen, e.g. after a reconnect) are ignored.
 */
export function applyEvent(run: RunView, event: ExecutionEvent): RunView {
  if (event.seq <= run.lastSeq) return run;
  const status = event.execution.status;
  const base = { ...run, lastSeq: event.seq, status };
  if (!event.nodeId) return settleInFlight(base, event.type);
  const next = nextNodeView(nodeView(run, event.nodeId), event, (event.data ?? {}) as EventData);
  return next ? { ...base, nodes: { ...run.nodes, [event.nodeId]: next } } : base;
}

/** A cancelled run leaves its in-flight nodes CANCELLED rather than forever RUNNING. */
function settleInFlight(run: RunView, type: ExecutionEvent['type']): RunView {
  if (type !== 'EXECUTION_CANCELLED' && type !== 'EXECUTION_FAILED') return run;
  const nodes: Record<string, NodeRunView> = { ...run.nodes };
  for (const [id, view] of Object.entries(nodes)) {
    if (view.state === 'RUNNING' || view.state === 'RETRYING' || view.state === 'WAITING') nodes[id] = { ...view, state: 'CANCELLED' };
  }
  return { ...run, nodes };
}

export function foldEvents(executionId: string, events: readonly ExecutionEvent[]): RunView {
  return events.reduce(applyEvent, emptyRun(executionId));
}

export const isTerminal = (status: ExecutionStatus) => status === 'SUCCEEDED' || status === 'FAILED' || status === 'CANCELLED';

interface StoredNodeRun {
  readonly nodeId: string;
  readonly status: string;
  readonly attempts: number;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly handle?: string | null;
  readonly error?: { code: string; message: string } | null;
  /** The errors of attempts before the last (the last one's is `error`). */
  readonly attemptErrors?: ReadonlyArray<{ attempt: number; code: string; message: string }> | null;
  readonly startedAt?: string | null;
  readonly finishedAt?: string | null;
}

/** Attempts of a stored node run: the earlier ones' errors (their times are not stored), the last one's span. */
function storedAttempts(run: StoredNodeRun): NodeAttemptView[] {
  const attempts: NodeAttemptView[] = (run.attemptErrors ?? []).map(({ attempt, code, message }) => ({ attempt, error: { code, message } }));
  if (run.attempts > 0 && !attempts.some((a) => a.attempt === run.attempts)) {
    attempts.push({
      attempt: run.attempts,
      ...(run.attempts === 1 && run.startedAt ? { startedAt: run.startedAt } : {}),
      ...(run.finishedAt ? { endedAt: run.finishedAt } : {}),
      ...(run.status === 'FAILED' && run.error ? { error: run.error } : {}),
    });
  }
  return attempts;
}

const STORED_STATE: Record<string, NodeRunState> = { PENDING: 'QUEUED', RUNNING: 'RUNNING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED', SKIPPED: 'SKIPPED', CANCELLED: 'CANCELLED' };

/** A run rebuilt from its stored node runs, for when its event stream has expired. */
export function runFromNodeRuns(executionId: string, status: ExecutionStatus, nodeRuns: readonly StoredNodeRun[]): RunView {
  const nodes: Record<string, NodeRunView> = {};
  for (const run of nodeRuns) {
    const took = run.startedAt && run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : undefined;
    nodes[run.nodeId] = {
      state: STORED_STATE[run.status] ?? 'QUEUED',
      attempt: run.attempts,
      startedAt: run.startedAt ?? undefined,
      durationMs: took,
      input: run.input,
      output: run.output,
      error: run.error ?? undefined,
      handle: run.handle ?? undefined,
      logs: [],
      attempts: storedAttempts(run),
    };
  }
  return { executionId, status, lastSeq: 0, nodes };
}
