import type { NodeContext, NodeResult, ResolvedLimits } from '../catalog/node-definition';
import type { CompiledNode } from '../validation/compiled-flow';
import { ErrorCode, NodeError } from '../errors';
import { ExpressionEvaluator } from '../expression/evaluator';
import { expressionLimitsOf } from '../expression/limits';
import type { EngineEvent, EngineServices, HttpPolicy, LogLevel } from '../types';
import { abortReason } from './sleep';
import { waitForNode, type DurableWaits } from './suspension';

/** What every attempt of every node in a run shares. */
export interface RunEnvironment {
  readonly input: unknown;
  readonly bindings: { input: unknown; nodes: Record<string, unknown>; item?: unknown; resume?: Readonly<Record<string, string>> };
  readonly services: EngineServices;
  readonly http: HttpPolicy;
  readonly limits: ResolvedLimits;
  /** Aborted on cancellation and when the run fails. */
  readonly signal: AbortSignal;
  readonly emit: ((event: EngineEvent) => void) | undefined;
  /** Unset when nothing can park the run: every wait sleeps in process. */
  readonly waits: DurableWaits | undefined;
}

/**
 * What to call when a signal aborts, per signal: one 'abort' listener serves every race on it (a
 * run's nodes all race its signal), instead of adding and removing a listener per node attempt.
 */
const racers = new WeakMap<AbortSignal, Set<() => void>>();

function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = racers.get(signal);
  if (callbacks === undefined) {
    const set = (callbacks = new Set());
    racers.set(signal, set);
    signal.addEventListener(
      'abort',
      () => {
        racers.delete(signal);
        for (const call of set) call();
      },
      { once: true },
    );
  }
  const registered = callbacks;
  registered.add(callback);
  return () => void registered.delete(callback);
}

/** Settles with `work`, or rejects with the signal's reason as soon as it aborts (even if `work` ignores it). */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const forget = onAbort(signal, () => reject(abortReason(signal)));
    work.then(
      (value) => {
        forget();
        resolve(value);
      },
      (error: unknown) => {
        forget();
        reject(error);
      },
    );
  });
}

function attemptSignal(runSignal: AbortSignal, timeoutMs: number | undefined): { signal: AbortSignal; clear(): void } {
  if (timeoutMs === undefined) return { signal: runSignal, clear() {} };
  const timeout = new AbortController();
  const timer = setTimeout(() => {
    timeout.abort(new NodeError(ErrorCode.TIMEOUT, `timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  return { signal: AbortSignal.any([runSignal, timeout.signal]), clear: () => clearTimeout(timer) };
}

function createContext(
  compiled: CompiledNode,
  upstream: unknown,
  attempt: number,
  signal: AbortSignal,
  env: RunEnvironment,
): NodeContext<CompiledNode['config']> {
  const nodeId = compiled.node.id;
  const { emit } = env;
  return {
    nodeId,
    config: compiled.config,
    upstream,
    input: env.input,
    nodes: env.bindings.nodes,
    attempt,
    signal,
    services: env.services,
    http: env.http,
    limits: env.limits,
    expressions: new ExpressionEvaluator(nodeId, {
      root: upstream,
      bindings: env.bindings,
      limits: expressionLimitsOf(env.limits),
    }),
    log(level: LogLevel, message: string, data?: unknown) {
      emit?.({ type: 'LOG', nodeId, level, message, ...(data === undefined ? {} : { data }) });
    },
    waitFor: (request) => waitForNode(nodeId, request, env.waits, signal),
  };
}

/**
 * One attempt of one node, bounded by its `timeoutMs` (a timer exists only when one is set).
 * Whatever the node throws after an abort is replaced by the abort's reason (TIMEOUT or CANCELLED).
 */
export async function runAttempt(
  compiled: CompiledNode,
  upstream: unknown,
  attempt: number,
  env: RunEnvironment,
): Promise<NodeResult> {
  const { signal, clear } = attemptSignal(env.signal, compiled.config.timeoutMs);
  try {
    return await raceAbort(compiled.definition.execute(createContext(compiled, upstream, attempt, signal, env)), signal);
  } catch (error) {
    throw signal.aborted ? abortReason(signal) : error;
  } finally {
    clear();
  }
}
