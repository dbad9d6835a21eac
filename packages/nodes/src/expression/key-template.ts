import { NodeError } from '../errors';
import { describeJsonataError, expressionSyntaxError } from './compile';
import { ExpressionEvaluator } from './evaluator';
import { DEFAULT_EXPRESSION_LIMITS, findLimitError } from './limits';
import { parseTemplate } from './template';

/**
 * Key templates: text with `{{ }}` expressions over a run's input, such as a flow's concurrency
 * key `{{ $input.customerId }}`. They are evaluated outside any node, before the run starts, with
 * the same bounded evaluator nodes use (`$input` and `$` are the run's input; `$nodes` is empty).
 */

/** Why `template` is not a usable key template, or `undefined` when it is. */
export function keyTemplateError(template: string): string | undefined {
  const expressions = parseTemplate(template).parts.flatMap((part) => (part.kind === 'expression' ? [part.source] : []));
  if (expressions.length === 0) return 'it has no {{ }} expression, so every run would get the same key (for example {{ $input.customerId }})';
  for (const source of expressions) {
    if (source === '') return 'it has an empty {{ }}';
    const error = expressionSyntaxError(source);
    if (error !== undefined) return `\`${source}\` does not compile: ${error}`;
  }
  return undefined;
}

/** The key of one run: the template rendered over `input` as text. Throws a NodeError when an expression fails or reaches its limit. */
export async function renderKeyTemplate(template: string, input: unknown): Promise<string> {
  const evaluator = new ExpressionEvaluator('key', { root: input, bindings: { input, nodes: {} }, limits: DEFAULT_EXPRESSION_LIMITS });
  try {
    return await evaluator.renderText(template);
  } catch (error) {
    if (!(error instanceof NodeError)) throw error;
    const limit = findLimitError(error);
    const reason = limit !== undefined ? limit.message : describeJsonataError(error.cause ?? error);
    throw new NodeError(error.code, `\`${template}\` failed on this input: ${reason}`, { cause: error, retryable: false });
  }
}
