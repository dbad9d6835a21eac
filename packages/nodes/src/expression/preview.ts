import { ErrorCode } from '../errors';
import { compileExpression } from './compile';
import { ExpressionEvaluator } from './evaluator';
import { DEFAULT_EXPRESSION_LIMITS, findLimitError, stringTooLong, type ExpressionLimits } from './limits';
import { interpolate, templateSpans } from './template';

/** The data an expression is tried against in the studio: what the node would see in a run. */
export interface PreviewScope {
  /** `$`: the node's upstream value. */
  readonly root: unknown;
  readonly input: unknown;
  readonly nodes: Record<string, unknown>;
}

export interface PreviewError {
  readonly code: typeof ErrorCode.EXPRESSION_ERROR | typeof ErrorCode.EXPRESSION_LIMIT;
  readonly message: string;
  /** Where in the field's text the problem is (0-based), when JSONata says. */
  readonly position?: number;
}

export type ExpressionPreview =
  | { readonly ok: true; /** `undefined` when the expression matched nothing. */ readonly value: unknown }
  | { readonly ok: false; readonly error: PreviewError };

/**
 * A preview runs on every pause in typing, so it gets less room than a run: its answer is shown,
 * not stored, and a long one is cut by the studio anyway.
 */
export const PREVIEW_LIMITS: ExpressionLimits = {
  ...DEFAULT_EXPRESSION_LIMITS,
  timeoutMs: 1_000,
  maxStringLength: 1_048_576,
  maxArrayLength: 100_000,
  maxValueSize: 1_048_576,
};

/**
 * Evaluates a field's text the way a run would — a whole JSONata expression, or a template's
 * `{{ }}` parts — with the engine's bounded evaluator, and says where a failure is in the text.
 */
export async function previewExpression(
  text: string,
  mode: 'expression' | 'template',
  scope: PreviewScope,
  limits: ExpressionLimits = PREVIEW_LIMITS,
): Promise<ExpressionPreview> {
  const evaluator = new ExpressionEvaluator('preview', {
    root: scope.root,
    bindings: { input: scope.input, nodes: scope.nodes },
    limits,
  });
  if (mode === 'expression') return attempt(() => evaluator.evaluate(text), 0);
  const spans = templateSpans(text);
  // Every part must parse before any runs, as a save checks them.
  for (const span of spans) {
    const problem = syntaxProblem(span.source, span.start);
    if (problem !== undefined) return { ok: false, error: problem };
  }
  const only = spans[0];
  if (spans.length === 1 && only !== undefined && only.whole) return attempt(() => evaluator.evaluate(only.source), only.start);
  let out = '';
  let last = 0;
  for (const span of spans) {
    out += text.slice(last, span.from);
    const part = await attempt(() => evaluator.evaluate(span.source), span.start);
    if (!part.ok) return part;
    out += interpolate(part.value);
    last = span.to;
    if (out.length > limits.maxStringLength) return { ok: false, error: limitError(stringTooLong('the template', out.length, limits).message) };
  }
  return { ok: true, value: out + text.slice(last) };
}

async function attempt(run: () => Promise<unknown>, offset: number): Promise<ExpressionPreview> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: previewErrorOf(error, offset) };
  }
}

function syntaxProblem(source: string, offset: number): PreviewError | undefined {
  try {
    compileExpression(source);
    return undefined;
  } catch (error) {
    return jsonataError(error, offset);
  }
}

function previewErrorOf(error: unknown, offset: number): PreviewError {
  // The evaluator wraps JSONata's error (which has the position) in a NodeError naming the node.
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const limit = findLimitError(cause);
  if (limit !== undefined) return limitError(limit.message);
  return jsonataError(cause, offset);
}

const limitError = (message: string): PreviewError => ({ code: ErrorCode.EXPRESSION_LIMIT, message: `stopped at its limit: ${message}` });

/** JSONata's `position` is just past the offending token; the preview points at its start. */
function jsonataError(error: unknown, offset: number): PreviewError {
  const { message, position, token } = (typeof error === 'object' && error !== null ? error : {}) as {
    message?: unknown;
    position?: unknown;
    token?: unknown;
  };
  const text = typeof message === 'string' ? message : String(error);
  if (typeof position !== 'number') return { code: ErrorCode.EXPRESSION_ERROR, message: text };
  const length = typeof token === 'string' && token !== '(end)' ? token.length : 0;
  return { code: ErrorCode.EXPRESSION_ERROR, message: text, position: offset + Math.max(0, position - length) };
}
