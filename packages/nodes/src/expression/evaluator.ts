import { ErrorCode, NodeError } from '../errors';
import { BUDGET_VARIABLE, compileExpression, describeJsonataError, type EvaluationBudget } from './compile';
import { interpolate, parseTemplate } from './template';

/** What expressions see: `$` is the node's upstream input, plus `$input`, `$nodes` and `$item`. */
export interface ExpressionScope {
  /** The JSONata root `$`: the output of the single live upstream node (keyed by node id when several). */
  readonly root: unknown;
  readonly bindings: { input: unknown; nodes: Record<string, unknown>; item?: unknown };
  /** Wall time allowed per evaluation. */
  readonly timeLimitMs: number;
}

/** Evaluates JSONata for one node; errors name the node and the expression. */
export class ExpressionEvaluator {
  private readonly budget: EvaluationBudget;
  private readonly bindings: Record<string, unknown>;

  constructor(
    private readonly nodeId: string,
    private readonly scope: ExpressionScope,
  ) {
    this.budget = { deadline: 0, steps: 0, limitMs: scope.timeLimitMs };
    this.bindings = { ...scope.bindings, [BUDGET_VARIABLE]: this.budget };
  }

  async evaluate(source: string, extra?: Record<string, unknown>): Promise<unknown> {
    let expression;
    try {
      expression = compileExpression(source);
    } catch (error) {
      throw this.failure(source, error);
    }
    const bindings = extra === undefined ? this.bindings : { ...this.bindings, ...extra };
    this.budget.deadline = Date.now() + this.budget.limitMs;
    try {
      return await expression.evaluate(this.scope.root, bindings);
    } catch (error) {
      throw this.failure(source, error);
    }
  }

  /** Renders `{{ }}` templates inside a string, array or object (deeply); other values pass through. */
  async render(value: unknown, extra?: Record<string, unknown>): Promise<unknown> {
    if (typeof value === 'string') return this.renderString(value, extra);
    if (Array.isArray(value)) return Promise.all(value.map((item) => this.render(item, extra)));
    if (typeof value === 'object' && value !== null) {
      const entries = await Promise.all(
        Object.entries(value).map(async ([key, item]) => [key, await this.render(item, extra)] as const),
      );
      return Object.fromEntries(entries);
    }
    return value;
  }

  /** Like `render` for a string, always producing text. */
  async renderText(template: string, extra?: Record<string, unknown>): Promise<string> {
    return interpolate(await this.renderString(template, extra));
  }

  private async renderString(text: string, extra?: Record<string, unknown>): Promise<unknown> {
    if (!text.includes('{{')) return text;
    const template = parseTemplate(text);
    if (template.whole !== undefined) return this.evaluate(template.whole, extra);
    let out = '';
    for (const part of template.parts) {
      out += part.kind === 'text' ? part.text : interpolate(await this.evaluate(part.source, extra));
    }
    return out;
  }

  private failure(source: string, error: unknown): NodeError {
    return new NodeError(
      ErrorCode.EXPRESSION_ERROR,
      `Node "${this.nodeId}": expression \`${source}\` failed: ${describeJsonataError(error)}`,
      { cause: error, retryable: false },
    );
  }
}
