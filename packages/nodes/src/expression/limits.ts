import { getHeapStatistics } from 'node:v8';
import type { RunLimits } from '../types';

/**
 * What one JSONata evaluation may spend. Every bound is checked from inside the evaluation (on
 * each step, in every built-in that can build a large value in one call, and per regex match),
 * because JSONata runs as one long chain of microtasks: no timer fires until it yields.
 */
export interface ExpressionLimits {
  /** Wall time per evaluation. */
  readonly timeoutMs: number;
  /** Longest string any step may produce. */
  readonly maxStringLength: number;
  /** Most items any step's array may hold (and most regex matches one call may walk). */
  readonly maxArrayLength: number;
  /**
   * Largest value any step may produce, in JSON characters with shared parts counted each time
   * they appear: what stringifying, comparing, cloning or flattening the value would cost.
   */
  readonly maxValueSize: number;
  /** The evaluation stops once this process's V8 heap holds more than this many bytes. */
  readonly heapCeilingBytes: number;
}

/** Share of the process's V8 heap limit past which evaluations stop instead of crashing the worker. */
const HEAP_CEILING_RATIO = 0.75;

export const DEFAULT_EXPRESSION_LIMITS: ExpressionLimits = {
  timeoutMs: 2_000,
  maxStringLength: 4_194_304,
  maxArrayLength: 1_000_000,
  maxValueSize: 16_777_216,
  heapCeilingBytes: Math.floor(getHeapStatistics().heap_size_limit * HEAP_CEILING_RATIO),
};

const fromRunLimits = new WeakMap<Required<RunLimits>, ExpressionLimits>();

/** The expression limits of a run's resolved limits (one object per run). */
export function expressionLimitsOf(limits: Required<RunLimits>): ExpressionLimits {
  let resolved = fromRunLimits.get(limits);
  if (resolved === undefined) {
    resolved = {
      timeoutMs: limits.expressionTimeoutMs,
      maxStringLength: limits.expressionMaxStringLength,
      maxArrayLength: limits.expressionMaxArrayLength,
      maxValueSize: limits.expressionMaxValueSize,
      heapCeilingBytes: limits.expressionHeapCeilingBytes,
    };
    fromRunLimits.set(limits, resolved);
  }
  return resolved;
}

export type ExpressionLimitKind = 'time' | 'string' | 'array' | 'value' | 'memory';

/**
 * Thrown from inside an evaluation when it reaches one of its limits. The evaluator turns it into
 * a NodeError with EXPRESSION_LIMIT; JSONata's `$eval` wraps errors, so the evaluator looks for it
 * along the `error` chain.
 */
export class ExpressionLimitError extends Error {
  override readonly name = 'ExpressionLimitError';

  constructor(
    readonly kind: ExpressionLimitKind,
    message: string,
  ) {
    super(message);
  }
}

export function timeLimitReached(limits: ExpressionLimits): ExpressionLimitError {
  return new ExpressionLimitError('time', `ran longer than ${limits.timeoutMs} ms`);
}

export function stringTooLong(what: string, length: number, limits: ExpressionLimits): ExpressionLimitError {
  return new ExpressionLimitError(
    'string',
    `${what} would be a string of ${length} characters, over the limit of ${limits.maxStringLength}`,
  );
}

export function arrayTooLong(what: string, length: number, limits: ExpressionLimits): ExpressionLimitError {
  return new ExpressionLimitError(
    'array',
    `${what} would hold ${length} items, over the limit of ${limits.maxArrayLength}`,
  );
}

export function valueTooLarge(what: string, limits: ExpressionLimits): ExpressionLimitError {
  return new ExpressionLimitError(
    'value',
    `${what} would be larger than ${limits.maxValueSize} characters as JSON (shared parts counted each time they appear)`,
  );
}

export function heapExhausted(limits: ExpressionLimits): ExpressionLimitError {
  const mib = Math.round(limits.heapCeilingBytes / 1_048_576);
  return new ExpressionLimitError('memory', `the worker's heap passed ${mib} MiB`);
}

/** V8's own ceilings, reached before ours only by values JSONata builds lazily (string ropes) or by deep recursion. */
function engineLimit(error: RangeError): ExpressionLimitError | undefined {
  if (/Invalid string length/.test(error.message)) {
    return new ExpressionLimitError('string', 'built a string longer than the engine can hold');
  }
  if (/Invalid (typed )?array length/.test(error.message)) {
    return new ExpressionLimitError('array', 'built an array longer than the engine can hold');
  }
  if (/Maximum call stack size exceeded/.test(error.message)) {
    return new ExpressionLimitError('memory', 'nests or recurses too deeply');
  }
  return undefined;
}

/**
 * The limit `error` reports, if any: ours (following JSONata's `$eval` wrapping,
 * `{ code: 'D3121', error }`) or V8's.
 */
export function findLimitError(error: unknown): ExpressionLimitError | undefined {
  for (let current = error, depth = 0; depth < 8; depth++) {
    if (current instanceof ExpressionLimitError) return current;
    if (current instanceof RangeError) return engineLimit(current);
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as { error?: unknown }).error;
  }
  return undefined;
}
