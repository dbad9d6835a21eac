import { ErrorCode, NodeError } from '../errors';
import { loadBuiltins } from './bounded-functions';
import { BUDGET_BINDING, EvaluationBudget } from './budget';
import { compileExpression, describeJsonataError } from './compile';
import { findLimitError, stringTooLong, type ExpressionLimits } from './limits';
import { plainPathOf, readPlainPath } from './plain-path';
import { interpolate, parseTemplate } from './template';
import { neverRemember } from './value-size';

/** What expressions see: `$` is the node's upstream input, plus `$input`, `$nodes` and `$item`. */
export interface ExpressionScope {
  /** The JSONata root `$`: the output of the single live upstream node (keyed by node id when several). */
  readonly root: unknown;
  readonly bindings: { input: unknown; nodes: Record<string, unknown>; item?: unknown };
  /** Time, size and memory bounds of each evaluation (and of each template rendering as a whole). */
  readonly limits: ExpressionLimits;
}

/**
 * Evaluates JSONata for one node; errors name the node and the expression. Each `evaluate`, and
 * each `render`/`renderText` with all the expressions of its templates, runs on one budget:
 * past a limit the node fails with EXPRESSION_LIMIT, any other failure is EXPRESSION_ERROR.
 */
export class ExpressionEvaluator {
  /** The values the run hands in: bounded by the platform's payload and output limits, so never measured. */
  private readonly given: readonly unknown[];

  constructor(
    private readonly nodeId: string,
    private readonly scope: ExpressionScope,
  ) {
    this.given = [scope.root, scope.bindings.input, scope.bindings.nodes, scope.bindings.item];
    // The one given value that changes while a run goes on; the others never do, and marking each node's root cost a WeakSet entry per node.
    neverRemember(scope.bindings.nodes);
  }

  evaluate(source: string, extra?: Record<string, unknown>): Promise<unknown> {
    return this.run(source, extra, this.newBudget());
  }

  /** Renders `{{ }}` templates inside a string, array or object (deeply); other values pass through. */
  render(value: unknown, extra?: Record<string, unknown>): Promise<unknown> {
    return this.renderValue(value, extra, this.newBudget());
  }

  /** Like `render` for a string, always producing text. */
  async renderText(template: string, extra?: Record<string, unknown>): Promise<string> {
    return interpolate(await this.renderString(template, extra, this.newBudget()));
  }

  private newBudget(): EvaluationBudget {
    return new EvaluationBudget(this.scope.limits, this.given);
  }

  private async run(source: string, extra: Record<string, unknown> | undefined, budget: EvaluationBudget): Promise<unknown> {
    let expression;
    try {
      expression = compileExpression(source);
    } catch (error) {
      throw this.failure(source, error);
    }
    if (extra === undefined) {
      const path = plainPathOf(expression);
      const read = path === undefined ? undefined : readPlainPath(path, this.scope.root, this.scope.bindings);
      if (read !== undefined) return read.value;
    }
    const bindings = { ...this.scope.bindings, ...extra, [BUDGET_BINDING]: budget };
    try {
      const loading = loadBuiltins();
      if (loading !== undefined) await loading;
      return await expression.evaluate(this.scope.root, bindings);
    } catch (error) {
      throw this.failure(source, error);
    }
  }

  private async renderValue(value: unknown, extra: Record<string, unknown> | undefined, budget: EvaluationBudget): Promise<unknown> {
    if (typeof value === 'string') return this.renderString(value, extra, budget);
    if (Array.isArray(value)) return Promise.all(value.map((item) => this.renderValue(item, extra, budget)));
    if (typeof value === 'object' && value !== null) {
      const entries = await Promise.all(
        Object.entries(value).map(async ([key, item]) => [key, await this.renderValue(item, extra, budget)] as const),
      );
      return Object.fromEntries(entries);
    }
    return value;
  }

  private async renderString(text: string, extra: Record<string, unknown> | undefined, budget: EvaluationBudget): Promise<unknown> {
    if (!text.includes('{{')) return text;
    const template = parseTemplate(text);
    if (template.whole !== undefined) return this.run(template.whole, extra, budget);
    let out = '';
    for (const part of template.parts) {
      out += part.kind === 'text' ? part.text : interpolate(await this.run(part.source, extra, budget));
      if (out.length > budget.limits.maxStringLength) {
        throw this.failure(text, stringTooLong('the template', out.length, budget.limits));
      }
    }
    return out;
  }

  private failure(source: string, error: unknown): NodeError {
    const limit = findLimitError(error);
    if (limit !== undefined) {
      return new NodeError(
        ErrorCode.EXPRESSION_LIMIT,
        `Node "${this.nodeId}": expression \`${source}\` stopped at its limit: ${limit.message}`,
        { cause: error, retryable: false },
      );
    }
    return new NodeError(
      ErrorCode.EXPRESSION_ERROR,
      `Node "${this.nodeId}": expression \`${source}\` failed: ${describeJsonataError(error)}`,
      { cause: error, retryable: false },
    );
  }
}
